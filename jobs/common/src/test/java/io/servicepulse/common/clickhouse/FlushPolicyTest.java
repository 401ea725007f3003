// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlushPolicyTest {

  private static final long NOW = 1_800_000_000_000L;

  @Test
  void aLiveTableFlushesEveryLiveIntervalWhileItHoldsALiveRow() {
    FlushPolicy policy = new FlushPolicy(1_000, 250, NOW);
    assertThat(policy.checkIntervalMs()).isEqualTo(250);
    policy.rowAdded(NOW - 2_000, NOW);
    assertThat(policy.due(NOW + 250)).isTrue();
    policy.flushed(NOW + 250);
    // A row from a processing-time timer has no record time: live too.
    policy.rowAdded(null, NOW + 300);
    assertThat(policy.due(NOW + 500)).isTrue();
  }

  @Test
  void catchUpRowsWaitForTheOrdinaryInterval() {
    FlushPolicy policy = new FlushPolicy(1_000, 250, NOW);
    policy.rowAdded(NOW - FlushPolicy.CATCH_UP_LAG_MS - 1, NOW);
    assertThat(policy.due(NOW + 250)).isFalse();
    assertThat(policy.due(NOW + 500)).isFalse();
    assertThat(policy.due(NOW + 750)).isFalse();
    assertThat(policy.due(NOW + 1_000)).isTrue();
    policy.flushed(NOW + 1_000);
    // One live row among them: the live interval again.
    policy.rowAdded(NOW - FlushPolicy.CATCH_UP_LAG_MS - 1, NOW + 1_100);
    policy.rowAdded(NOW + 1_100, NOW + 1_100);
    assertThat(policy.due(NOW + 1_250)).isTrue();
  }

  @Test
  void anOrdinaryTableFlushesEveryIntervalAsBefore() {
    FlushPolicy policy = new FlushPolicy(1_000, 1_000, NOW);
    assertThat(policy.checkIntervalMs()).isEqualTo(1_000);
    policy.rowAdded(NOW - 10 * FlushPolicy.CATCH_UP_LAG_MS, NOW);
    assertThat(policy.due(NOW + 1_000)).isTrue();
  }
}
