// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.common.config.JobConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static final ShopCalendar CALENDAR =
      ShopCalendar.parse(
          "Asia/Shanghai",
          "ny=America/New_York; tokyo = Asia/Tokyo",
          "08:00",
          "23:00",
          "Taobao=08:00-24:00,douyin=09:00-21:00",
          "ny=10:00-18:00;taobao=00:00-24:00");

  private static long at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant().toEpochMilli();
  }

  private static int epochDay(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  @Test
  void aShopWithoutAnEntryIsInTheDefaultZone() {
    long ts = at("2025-06-02T00:00", SHANGHAI);
    assertThat(CALENDAR.zone("shop-01")).isEqualTo(SHANGHAI);
    assertThat(CALENDAR.zone(null)).isEqualTo(SHANGHAI);
    assertThat(CALENDAR.day("shop-01", ts)).isEqualTo(epochDay("2025-06-02"));
    assertThat(CALENDAR.day("shop-01", ts - 1)).isEqualTo(epochDay("2025-06-01"));
  }

  @Test
  void theSameInstantIsAnotherDayInAShopEastOfUtcPlus8() {
    long ts = at("2025-06-01T23:30", SHANGHAI); // 00:30 on 2 June in Tokyo
    assertThat(CALENDAR.zone("tokyo")).isEqualTo(TOKYO);
    assertThat(CALENDAR.day("shop-01", ts)).isEqualTo(epochDay("2025-06-01"));
    assertThat(CALENDAR.day("tokyo", ts)).isEqualTo(epochDay("2025-06-02"));
    assertThat(CALENDAR.date("tokyo", ts)).isEqualTo(LocalDate.parse("2025-06-02"));
    assertThat(CALENDAR.startOfDay("tokyo", epochDay("2025-06-02")))
        .isEqualTo(at("2025-06-02T00:00", TOKYO));
    // 23:30 is outside 08:00-23:00 in Shanghai; 00:30 is outside them in Tokyo too.
    assertThat(CALENDAR.inBusinessHours("jd", "shop-01", ts)).isFalse();
    assertThat(CALENDAR.inBusinessHours("jd", "tokyo", ts)).isFalse();
    assertThat(CALENDAR.inBusinessHours("jd", "tokyo", ts + Duration.ofHours(8).toMillis()))
        .isTrue();
  }

  @Test
  void midnightBelongsToTheDayItStartsAndBeforeTheEpochToo() {
    long midnight = at("2025-06-02T00:00", NEW_YORK);
    assertThat(CALENDAR.day("ny", midnight)).isEqualTo(epochDay("2025-06-02"));
    assertThat(CALENDAR.day("ny", midnight - 1)).isEqualTo(epochDay("2025-06-01"));
    assertThat(CALENDAR.endOfDay("ny", epochDay("2025-06-01"))).isEqualTo(midnight);
    long before1970 = at("1969-12-31T23:59:59.999", NEW_YORK);
    assertThat(CALENDAR.day("ny", before1970)).isEqualTo(-1);
    assertThat(CALENDAR.day("ny", before1970 + 1)).isZero();
  }

  @Test
  void aDaylightSavingChangeDayHas23HoursAndBusinessHoursFollowTheWallClock() {
    int springForward = epochDay("2025-03-09");
    long start = CALENDAR.startOfDay("ny", springForward);
    long end = CALENDAR.endOfDay("ny", springForward);
    assertThat(end - start).isEqualTo(Duration.ofHours(23).toMillis());
    assertThat(CALENDAR.day("ny", end - 1)).isEqualTo(springForward);
    // The shop "ny" has its own hours, 10:00-18:00, on local wall-clock time (EDT, UTC-4).
    long tenAm = at("2025-03-09T10:00", NEW_YORK);
    assertThat(tenAm - start).isEqualTo(Duration.ofHours(9).toMillis());
    assertThat(CALENDAR.inBusinessHours("douyin", "ny", tenAm - 1)).isFalse();
    assertThat(CALENDAR.inBusinessHours("douyin", "ny", tenAm)).isTrue();
    assertThat(CALENDAR.inBusinessHours("douyin", "ny", at("2025-03-09T17:59:59", NEW_YORK)))
        .isTrue();
    assertThat(CALENDAR.inBusinessHours("douyin", "ny", at("2025-03-09T18:00", NEW_YORK)))
        .isFalse();

    int fallBack = epochDay("2025-11-02");
    assertThat(CALENDAR.endOfDay("ny", fallBack) - CALENDAR.startOfDay("ny", fallBack))
        .isEqualTo(Duration.ofHours(25).toMillis());
    // 01:30 happens twice; both are the same day, and outside business hours.
    long firstOneThirty = at("2025-11-02T01:30", NEW_YORK);
    long secondOneThirty = firstOneThirty + Duration.ofHours(1).toMillis();
    assertThat(CALENDAR.day("ny", secondOneThirty)).isEqualTo(fallBack);
    assertThat(CALENDAR.inBusinessHours("douyin", "ny", secondOneThirty)).isFalse();
  }

  @Test
  void anEndOf24IsMidnightAtTheEndOfTheDay() {
    // Platform taobao: 08:00-24:00.
    assertThat(
            CALENDAR.inBusinessHours("taobao", "shop-01", at("2025-06-02T23:59:59.999", SHANGHAI)))
        .isTrue();
    assertThat(CALENDAR.inBusinessHours("taobao", "shop-01", at("2025-06-03T00:00", SHANGHAI)))
        .isFalse();
    assertThat(CALENDAR.inBusinessHours("taobao", "shop-01", at("2025-06-02T07:59:59", SHANGHAI)))
        .isFalse();
    BusinessHours allDay = BusinessHours.parse("00:00-24:00");
    assertThat(allDay.contains(0)).isTrue();
    assertThat(allDay.contains(86_399)).isTrue();
    assertThat(allDay).hasToString("00:00-24:00");
  }

  @Test
  void aShopsHoursWinOverItsPlatformsWhichWinOverTheDefault() {
    assertThat(CALENDAR.businessHours("jd", "shop-01"))
        .isEqualTo(BusinessHours.of("08:00", "23:00"));
    assertThat(CALENDAR.businessHours("DOUYIN", "shop-01"))
        .isEqualTo(BusinessHours.of("09:00", "21:00"));
    assertThat(CALENDAR.businessHours("douyin", "ny"))
        .isEqualTo(BusinessHours.of("10:00", "18:00"));
    assertThat(CALENDAR.businessHours(null, "shop-01"))
        .isEqualTo(BusinessHours.of("08:00", "23:00"));
  }

  @Test
  void aShopNamedLikeAPlatformNeitherTakesNorGivesThePlatformsHours() {
    // Shop "taobao" (on jd) has its own entry; the platform taobao keeps its own.
    assertThat(CALENDAR.businessHours("jd", "taobao"))
        .isEqualTo(BusinessHours.parse("00:00-24:00"));
    assertThat(CALENDAR.businessHours("taobao", "shop-01"))
        .isEqualTo(BusinessHours.parse("08:00-24:00"));
    // A shop called "douyin" on jd is not on the platform douyin.
    assertThat(CALENDAR.businessHours("jd", "douyin"))
        .isEqualTo(BusinessHours.parse("08:00-23:00"));
  }

  @Test
  void badZonesAndHoursFailNamingTheOptionAndTheEntry() {
    assertThatThrownBy(() -> ShopCalendar.parse("Asia/Shangai", "", "08:00", "23:00", "", ""))
        .hasMessageContaining("events.time-zone")
        .hasMessageContaining("Asia/Shangai");
    assertThatThrownBy(
            () -> ShopCalendar.parse("UTC", "shop-01=Mars/Olympus", "08:00", "23:00", "", ""))
        .hasMessageContaining("events.shop-time-zones")
        .hasMessageContaining("shop-01")
        .hasMessageContaining("Mars/Olympus");
    assertThatThrownBy(() -> ShopCalendar.parse("UTC", "shop-01", "08:00", "23:00", "", ""))
        .hasMessageContaining("events.shop-time-zones: 'shop-01' is not SHOP=ZONE");
    assertThatThrownBy(
            () -> ShopCalendar.parse("UTC", "s=UTC,s=Asia/Tokyo", "08:00", "23:00", "", ""))
        .hasMessageContaining("s is given twice");
    assertThatThrownBy(() -> ShopCalendar.parse("UTC", "", "23:00", "08:00", "", ""))
        .hasMessageContaining("metrics.business-hours-start/-end")
        .hasMessageContaining("23:00-08:00");
    assertThatThrownBy(() -> ShopCalendar.parse("UTC", "", "8am", "23:00", "", ""))
        .hasMessageContaining("'8am' is not a time of day");
    assertThatThrownBy(() -> ShopCalendar.parse("UTC", "", "08:00", "23:00", "jd=09:00", ""))
        .hasMessageContaining("metrics.business-hours-by-platform: jd:")
        .hasMessageContaining("PLATFORM=HH:MM-HH:MM");
    assertThatThrownBy(
            () -> ShopCalendar.parse("UTC", "", "08:00", "23:00", "", "shop-01=09:00-25:00"))
        .hasMessageContaining("metrics.business-hours-by-shop: shop-01:")
        .hasMessageContaining("25:00");
    assertThatThrownBy(() -> BusinessHours.parse("10:00-10:00"))
        .hasMessageContaining("start before they end");
  }

  @Test
  void theOptionsBuildIt() {
    ShopCalendar calendar =
        JobConfig.of(
                Map.of(
                    "events.time-zone", "UTC",
                    "events.shop-time-zones", "ny=America/New_York",
                    "metrics.business-hours-end", "24:00",
                    "metrics.business-hours-by-platform", "douyin=09:00-21:00",
                    "metrics.business-hours-by-shop", "ny=10:00-18:00"))
            .shopCalendar();
    assertThat(calendar.zone("x")).isEqualTo(ZoneId.of("UTC"));
    assertThat(calendar.zone("ny")).isEqualTo(NEW_YORK);
    assertThat(calendar.businessHours("jd", "x")).isEqualTo(BusinessHours.parse("08:00-24:00"));
    assertThat(calendar.businessHours("douyin", "x")).isEqualTo(BusinessHours.parse("09:00-21:00"));
    assertThat(calendar.businessHours("douyin", "ny"))
        .isEqualTo(BusinessHours.parse("10:00-18:00"));
    assertThat(JobConfig.of(Map.of()).shopCalendar().zone("any")).isEqualTo(SHANGHAI);
  }

  @Test
  void itTravelsToTaskManagers() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(CALENDAR);
    }
    ShopCalendar back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ShopCalendar) in.readObject();
    }
    long ts = at("2025-06-01T23:30", SHANGHAI);
    assertThat(back.day("tokyo", ts)).isEqualTo(CALENDAR.day("tokyo", ts));
    assertThat(back.businessHours("taobao", "x")).isEqualTo(CALENDAR.businessHours("taobao", "x"));
  }
}
