// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import java.net.URI;

/** Splits {@code jdbc:clickhouse://host:port/db?params} into its parts. */
public final class ClickHouseUrls {

  private ClickHouseUrls() {}

  public static String database(String jdbcUrl) {
    String path = uri(jdbcUrl).getPath();
    String db = path == null ? "" : path.replaceFirst("^/", "");
    return db.isEmpty() ? "default" : db;
  }

  /** The URL with its database replaced by {@code default}. */
  public static String serverUrl(String jdbcUrl) {
    URI uri = uri(jdbcUrl);
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return "jdbc:" + uri.getScheme() + "://" + uri.getAuthority() + "/default" + query;
  }

  private static URI uri(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
    }
    return URI.create(jdbcUrl.substring("jdbc:".length()));
  }
}
