// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitThresholdsTest {

  private static final List<Duration> DEFAULTS =
      List.of(Duration.ofSeconds(100), Duration.ofSeconds(30), Duration.ofMinutes(3));

  @Test
  void aShopsOwnThresholdsWinOverItsPlatformsWhichWinOverTheDefaults() {
    WaitThresholds t = WaitThresholds.parse(DEFAULTS, "DOUYIN=3 min/30 s; shop-07=1 min");
    assertThat(t.of("taobao", "shop-01")).containsExactly(30_000, 100_000, 180_000);
    assertThat(t.of("douyin", "shop-01")).containsExactly(30_000, 180_000);
    assertThat(t.of("douyin", "shop-07")).containsExactly(60_000);
    assertThat(t.of(null, "shop-02")).containsExactly(30_000, 100_000, 180_000);
  }

  @Test
  void withoutOverridesEveryShopHasTheDefaults() {
    assertThat(WaitThresholds.parse(DEFAULTS, "").of("jd", "shop-01"))
        .containsExactly(30_000, 100_000, 180_000);
  }

  @Test
  void aMalformedEntrySaysWhatItExpects() {
    assertThatThrownBy(() -> WaitThresholds.parse(DEFAULTS, "douyin 30 s"))
        .hasMessageContaining("KEY=DURATION/DURATION");
    assertThatThrownBy(() -> WaitThresholds.parse(DEFAULTS, "douyin=30 s;douyin=1 min"))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> WaitThresholds.parse(DEFAULTS, "douyin=0 s"))
        .hasMessageContaining("positive");
  }
}
