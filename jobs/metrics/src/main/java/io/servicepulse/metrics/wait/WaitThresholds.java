// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.wait;

import io.servicepulse.common.config.KeyedEntries;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/**
 * How long a buyer may wait before each waiting-buyer alert, per shop: the shop's own thresholds,
 * else its platform's, else the defaults ({@code metrics.wait-alerts}). Platforms set their own
 * lines (a 3-minute reply rate on one, 30 s on another) and shops their own targets.
 */
public final class WaitThresholds implements Serializable {

  private final long[] defaults;
  private final Map<String, long[]> byKey;

  private WaitThresholds(long[] defaults, Map<String, long[]> byKey) {
    this.defaults = defaults;
    this.byKey = byKey;
  }

  /**
   * {@code overrides}: entries {@code KEY=DURATION/DURATION…} separated by {@code ;} or {@code ,},
   * KEY a platform or a shop id, e.g. {@code douyin=30 s/3 min;shop-07=1 min}. Empty: defaults
   * only.
   */
  public static WaitThresholds parse(List<Duration> defaults, String overrides) {
    Map<String, long[]> byKey = new HashMap<>();
    KeyedEntries.parse(
            "metrics.wait-alerts-by",
            overrides,
            "KEY=DURATION/DURATION… (KEY a platform or a shop id)",
            list -> list)
        .forEach(
            (key, list) -> {
              long[] ms = durations(list, key);
              // A key is a shop id as written, and also a platform name in lower case.
              byKey.put(key, ms);
              byKey.putIfAbsent(key.toLowerCase(java.util.Locale.ROOT), ms);
            });
    long[] base = defaults.stream().mapToLong(Duration::toMillis).sorted().toArray();
    return new WaitThresholds(checked(base, "metrics.wait-alerts"), byKey);
  }

  private static long[] durations(String list, String key) {
    long[] ms =
        Arrays.stream(list.split("/"))
            .map(String::strip)
            .mapToLong(d -> TimeUtils.parseDuration(d).toMillis())
            .sorted()
            .toArray();
    return checked(ms, "metrics.wait-alerts-by " + key);
  }

  private static long[] checked(long[] ms, String what) {
    if (ms.length == 0 || ms[0] <= 0) {
      throw new IllegalArgumentException(what + ": wait thresholds must be positive durations");
    }
    return ms;
  }

  /** The thresholds for a shop on a platform, shortest first. */
  public long[] of(String platform, String shopId) {
    long[] shop = byKey.get(shopId);
    if (shop != null) {
      return shop;
    }
    // Platforms are matched without regard to case (events say "taobao", people write TAOBAO).
    long[] forPlatform =
        platform == null ? null : byKey.get(platform.toLowerCase(java.util.Locale.ROOT));
    return forPlatform != null ? forPlatform : defaults;
  }
}
