// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlushPolicyTest {

  private static final long NOW = 1_800_000_000_000L;

  @Test
  void aLiveTableFlushesEveryLiveIntervalWhileItHoldsALiveRow() {
    FlushPolicy policy = new FlushPolicy(new FlushPolicy.Intervals(1_000, 250, 5_000), NOW);
    assertThat(policy.checkIntervalMs()).isEqualTo(250);
    policy.rowAdded(NOW - 2_000, NOW);
    assertThat(policy.due(NOW + 250)).isTrue();
    policy.flushed(NOW + 250);
    // A row from a processing-time timer has no record time: live too.
    policy.rowAdded(null, NOW + 300);
    assertThat(policy.due(NOW + 500)).isTrue();
  }

  @Test
  void catchUpRowsWaitForTheCatchUpInterval() {
    FlushPolicy policy = new FlushPolicy(new FlushPolicy.Intervals(1_000, 250, 5_000), NOW);
    policy.rowAdded(NOW - FlushPolicy.CATCH_UP_LAG_MS - 1, NOW);
    for (long t = NOW + 250; t < NOW + 4_875; t += 250) {
      assertThat(policy.due(t)).as("%d ms after the last flush", t - NOW).isFalse();
    }
    assertThat(policy.due(NOW + 5_000)).isTrue();
    policy.flushed(NOW + 5_000);
    // One live row among them: the live interval again.
    policy.rowAdded(NOW - FlushPolicy.CATCH_UP_LAG_MS - 1, NOW + 5_100);
    policy.rowAdded(NOW + 5_100, NOW + 5_100);
    assertThat(policy.due(NOW + 5_250)).isTrue();
  }

  @Test
  void anOrdinaryTableFlushesRecentRowsEveryIntervalAndCatchUpRowsEveryCatchUpInterval() {
    FlushPolicy policy = new FlushPolicy(new FlushPolicy.Intervals(1_000, 1_000, 5_000), NOW);
    assertThat(policy.checkIntervalMs()).isEqualTo(1_000);
    policy.rowAdded(NOW - 1_000, NOW);
    assertThat(policy.due(NOW + 1_000)).isTrue();
    policy.flushed(NOW + 1_000);
    policy.rowAdded(NOW - 10 * FlushPolicy.CATCH_UP_LAG_MS, NOW + 1_000);
    assertThat(policy.due(NOW + 2_000)).isFalse();
    assertThat(policy.due(NOW + 5_000)).isFalse();
    assertThat(policy.due(NOW + 6_000)).isTrue();
  }

  @Test
  void noIntervalIsShorterThanTheOrdinaryOne() {
    FlushPolicy.Intervals intervals = new FlushPolicy.Intervals(2_000, 5_000, 500);
    assertThat(intervals.liveFlushMs()).isEqualTo(2_000);
    assertThat(intervals.catchUpFlushMs()).isEqualTo(2_000);
  }
}
