// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shops in other time zones and with other business hours: the truth follows their calendars. */
class ShopCalendarsTest {

  private static final MetricRules MIXED =
      MetricRules.DEFAULTS
          .withShopTimeZones(Map.of("shop-02", "America/New_York"))
          .withBusinessHours(Map.of("taobao", "08:00-24:00"), Map.of("shop-03", "10:00-20:00"));

  private static long at(String local, String zone) {
    return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant().toEpochMilli();
  }

  private static ShopModel shop(int index, String platform) {
    return new ShopModel(index, platform, 1, 1, new java.util.Random(1));
  }

  @Test
  void eachShopHasItsOwnZoneAndHoursTheShopsWinningOverThePlatforms() {
    ShopClock taobao = MIXED.clock(shop(0, "taobao"));
    ShopClock newYork = MIXED.clock(shop(1, "taobao"));
    ShopClock ownHours = MIXED.clock(shop(2, "taobao"));

    long lateEvening = at("2025-06-02T23:30", "Asia/Shanghai");
    assertThat(taobao.day(lateEvening)).hasToString("2025-06-02");
    assertThat(taobao.inBusinessHours(lateEvening)).isTrue(); // taobao's 08:00-24:00
    assertThat(ownHours.inBusinessHours(lateEvening)).isFalse(); // shop-03's 10:00-20:00
    // 11:30 in New York, still 2 June there.
    assertThat(newYork.day(lateEvening)).hasToString("2025-06-02");
    assertThat(newYork.inBusinessHours(lateEvening)).isTrue();
    long shanghaiMorning = at("2025-06-03T09:00", "Asia/Shanghai"); // 21:00 on 2 June in New York
    assertThat(newYork.day(shanghaiMorning)).hasToString("2025-06-02");
    assertThat(newYork.startOfDayPlus(shanghaiMorning, 1))
        .isEqualTo(at("2025-06-03T00:00", "America/New_York"));
  }

  @Test
  void aShopInAnotherZoneHasItsOwnDaysInTheTruthAndTheRulesTellTheJobs() {
    GeneratorConfig config =
        GeneratorConfig.builder().shopTimeZones(Map.of("shop-02", "America/New_York")).build();
    GroundTruth truth = EventGenerator.generate(config).truth();

    // The scenario starts at midnight in Shanghai, noon of the day before in New York.
    assertThat(truth.service().get("shop-02").nMinuteByDay()).containsKey("2025-06-01");
    assertThat(truth.service().get("shop-01").nMinuteByDay())
        .containsOnlyKeys("2025-06-02", "2025-06-03");
    assertThat(truth.rules().calendarOptions())
        .containsEntry("events.time-zone", "Asia/Shanghai")
        .containsEntry("events.shop-time-zones", "shop-02=America/New_York")
        .containsEntry("metrics.business-hours-by-platform", "");
    assertThat(MIXED.calendarOptions())
        .containsEntry("metrics.business-hours-by-platform", "taobao=08:00-24:00")
        .containsEntry("metrics.business-hours-by-shop", "shop-03=10:00-20:00");

    GroundTruth back = GroundTruth.fromJson(truth.toJson());
    assertThat(back.rules()).isEqualTo(truth.rules());
    assertThat(back.toJson()).isEqualTo(truth.toJson());
  }

  @Test
  void anUnknownZoneIsRefused() {
    assertThatThrownBy(() -> MetricRules.DEFAULTS.withShopTimeZones(Map.of("shop-01", "Mars/Base")))
        .hasMessageContaining("Mars/Base");
  }
}
