// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.time;

import io.servicepulse.common.config.KeyedEntries;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shop calendar every job shares: a shop's time zone (its own, else the default), its local day
 * and minute of an instant, and whether an instant is inside its business hours (the shop's own,
 * else its platform's, else the default). Days are what the tables store: the shop-local date, as
 * days since 1970-01-01.
 *
 * <p>Shop and platform business hours live in separate maps, so a shop whose id happens to be a
 * platform name never takes over that platform's hours. Platforms match without regard to case
 * (events say "taobao", people write "Taobao").
 */
public final class ShopCalendar implements Serializable {

  private static final long DAY_SECONDS = 86_400L;

  private final ZoneId defaultZone;
  private final Map<String, ZoneId> shopZones;
  private final BusinessHours defaultHours;
  private final Map<String, BusinessHours> platformHours;
  private final Map<String, BusinessHours> shopHours;

  public ShopCalendar(
      ZoneId defaultZone,
      Map<String, ZoneId> shopZones,
      BusinessHours defaultHours,
      Map<String, BusinessHours> platformHours,
      Map<String, BusinessHours> shopHours) {
    this.defaultZone = defaultZone;
    this.shopZones = new HashMap<>(shopZones);
    this.defaultHours = defaultHours;
    this.platformHours = new HashMap<>();
    platformHours.forEach((p, h) -> this.platformHours.put(p.toLowerCase(Locale.ROOT), h));
    this.shopHours = new HashMap<>(shopHours);
  }

  /** Every shop in {@code zone}, business hours 08:00–23:00 (DESIGN.md's defaults), e.g. tests. */
  public static ShopCalendar of(String zone) {
    return parse(zone, "", "08:00", "23:00", "", "");
  }

  /**
   * From the options' text: {@code events.time-zone}, {@code events.shop-time-zones}, {@code
   * metrics.business-hours-start}/{@code -end}, {@code metrics.business-hours-by-platform} and
   * {@code metrics.business-hours-by-shop}. Unknown zone ids and malformed hours fail here.
   */
  public static ShopCalendar parse(
      String defaultZone,
      String shopZones,
      String businessHoursStart,
      String businessHoursEnd,
      String hoursByPlatform,
      String hoursByShop) {
    BusinessHours defaults;
    try {
      defaults = BusinessHours.of(businessHoursStart.strip(), businessHoursEnd.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("metrics.business-hours-start/-end: " + e.getMessage(), e);
    }
    return new ShopCalendar(
        zone("events.time-zone", defaultZone),
        KeyedEntries.parse("events.shop-time-zones", shopZones, "SHOP=ZONE", id -> zone(null, id)),
        defaults,
        KeyedEntries.parse(
            "metrics.business-hours-by-platform",
            hoursByPlatform,
            "PLATFORM=HH:MM-HH:MM",
            BusinessHours::parse),
        KeyedEntries.parse(
            "metrics.business-hours-by-shop",
            hoursByShop,
            "SHOP=HH:MM-HH:MM",
            BusinessHours::parse));
  }

  private static ZoneId zone(String option, String id) {
    try {
      return ZoneId.of(id.strip());
    } catch (DateTimeException e) {
      String what = "'" + id + "' is not a time zone id (e.g. Asia/Shanghai, America/New_York)";
      throw new IllegalArgumentException(option == null ? what : option + ": " + what, e);
    }
  }

  /** The shop's time zone: its own, else the default. */
  public ZoneId zone(String shopId) {
    ZoneId own = shopId == null ? null : shopZones.get(shopId);
    return own != null ? own : defaultZone;
  }

  /** The business hours of a shop on a platform: the shop's, else the platform's, else default. */
  public BusinessHours businessHours(String platform, String shopId) {
    BusinessHours own = shopId == null ? null : shopHours.get(shopId);
    if (own != null) {
      return own;
    }
    BusinessHours ofPlatform =
        platform == null ? null : platformHours.get(platform.toLowerCase(Locale.ROOT));
    return ofPlatform != null ? ofPlatform : defaultHours;
  }

  /** The shop-local day of {@code ts}, as days since 1970-01-01 (what the tables' day holds). */
  public int day(String shopId, long ts) {
    return Math.toIntExact(epochDay(shopId, ts));
  }

  /** As {@link #day} without the int range: any instant, e.g. an end-of-input watermark. */
  public long epochDay(String shopId, long ts) {
    return Math.floorDiv(localSecond(shopId, ts), DAY_SECONDS);
  }

  public LocalDate date(String shopId, long ts) {
    return LocalDate.ofEpochDay(epochDay(shopId, ts));
  }

  /** First instant (epoch ms) of the shop-local day {@code epochDay}; DST-safe. */
  public long startOfDay(String shopId, long epochDay) {
    return LocalDate.ofEpochDay(epochDay).atStartOfDay(zone(shopId)).toInstant().toEpochMilli();
  }

  /** First instant after the shop-local day {@code epochDay}. */
  public long endOfDay(String shopId, long epochDay) {
    return startOfDay(shopId, epochDay + 1);
  }

  /** Whether {@code ts} is inside the business hours of this shop on this platform, local time. */
  public boolean inBusinessHours(String platform, String shopId, long ts) {
    int second = (int) Math.floorMod(localSecond(shopId, ts), DAY_SECONDS);
    return businessHours(platform, shopId).contains(second);
  }

  /** Seconds since 1970-01-01T00:00 shop-local time: cheaper than a ZonedDateTime per message. */
  private long localSecond(String shopId, long ts) {
    return Math.floorDiv(ts, 1000L)
        + zone(shopId).getRules().getOffset(Instant.ofEpochMilli(ts)).getTotalSeconds();
  }
}
