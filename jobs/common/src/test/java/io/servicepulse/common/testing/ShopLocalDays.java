// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import io.servicepulse.stack.LocalStackExtension;
import java.util.Map;
import java.util.TreeMap;

/** Checks that a table's rows carry their shop's local day, each shop in its own time zone. */
public final class ShopLocalDays {

  private ShopLocalDays() {}

  /**
   * Per shop, "rows whose {@code day} is not the shop-local date of {@code timeColumn} / rows" of
   * {@code table} (read FINAL): every value should be {@code 0/n} with n > 0.
   *
   * @param zones shop id → time zone id, every shop to check
   */
  public static Map<String, String> offDayRows(
      LocalStackExtension stack, String table, String timeColumn, Map<String, String> zones) {
    Map<String, String> out = new TreeMap<>();
    zones.forEach(
        (shop, zone) -> {
          var row =
              stack
                  .queryClickHouse(
                      "SELECT countIf(day != toDate("
                          + timeColumn
                          + ", '"
                          + zone
                          + "')), count() FROM "
                          + table
                          + " FINAL WHERE shop_id = '"
                          + shop
                          + "'")
                  .get(0);
          out.put(shop, row.get(0) + "/" + row.get(1));
        });
    return out;
  }
}
