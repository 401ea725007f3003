// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import java.net.URI;
import java.util.Locale;

/**
 * Splits {@code jdbc:clickhouse://host:port/db?params} into its parts, and checks that a URL fits
 * the driver that will open it: both drivers accept {@code jdbc:clickhouse://host:port/db}, but the
 * native driver speaks ClickHouse's TCP protocol ({@code tcp_port}, 9000) and the official one HTTP
 * ({@code http_port} 8123, {@code https_port} 8443). A URL with the other protocol's port fails
 * late and obscurely (a hung handshake, a garbled reply), so it is refused up front.
 */
public final class ClickHouseUrls {

  /** housepower clickhouse-native-jdbc: native TCP protocol, no TLS. */
  public static final String NATIVE_DRIVER = "com.github.housepower.jdbc.ClickHouseDriver";

  /** com.clickhouse jdbc-v2, the official driver: HTTP(S), ClickHouse 24+ and Cloud. */
  public static final String OFFICIAL_DRIVER = "com.clickhouse.jdbc.Driver";

  private static final int HTTP_PORT = 8123;
  private static final int HTTPS_PORT = 8443;
  private static final int TCP_PORT = 9000;
  private static final int TCP_SECURE_PORT = 9440;

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
    return jdbcUrl.substring(0, jdbcUrl.indexOf("://") + 3)
        + uri.getRawAuthority()
        + "/default"
        + query;
  }

  /**
   * Throws {@link IllegalArgumentException} saying what to change when {@code jdbcUrl} cannot work
   * with {@code driver} (one of the two known drivers; any other driver is not checked).
   */
  public static void checkFits(String driver, String jdbcUrl) {
    if (!NATIVE_DRIVER.equals(driver) && !OFFICIAL_DRIVER.equals(driver)) {
      return;
    }
    URI uri = uri(jdbcUrl);
    int port = uri.getPort();
    if (NATIVE_DRIVER.equals(driver)) {
      if (!jdbcUrl.startsWith("jdbc:clickhouse://")) {
        throw misfit(
            driver,
            jdbcUrl,
            "the native driver reads only jdbc:clickhouse://host:tcp_port/db; for HTTP(S) set"
                + " clickhouse.driver="
                + OFFICIAL_DRIVER);
      }
      if (port == HTTP_PORT || port == HTTPS_PORT) {
        throw misfit(
            driver,
            jdbcUrl,
            "port "
                + port
                + " is ClickHouse's HTTP(S) port but the native driver speaks the TCP protocol"
                + " (tcp_port, default "
                + TCP_PORT
                + "); use that port, or set clickhouse.driver="
                + OFFICIAL_DRIVER);
      }
      if (hasParameter(uri, "ssl", "true") || port == TCP_SECURE_PORT) {
        throw misfit(
            driver,
            jdbcUrl,
            "the native driver has no TLS; for TLS (ClickHouse Cloud) set clickhouse.driver="
                + OFFICIAL_DRIVER
                + " and use the HTTPS port "
                + HTTPS_PORT
                + " with ?ssl=true");
      }
    } else {
      if (port == TCP_PORT || port == TCP_SECURE_PORT) {
        throw misfit(
            driver,
            jdbcUrl,
            "port "
                + port
                + " is ClickHouse's native TCP port but the official driver speaks HTTP"
                + " (http_port, default "
                + HTTP_PORT
                + "; https_port "
                + HTTPS_PORT
                + " with ?ssl=true); use that port, or set clickhouse.driver="
                + NATIVE_DRIVER);
      }
    }
  }

  private static IllegalArgumentException misfit(String driver, String url, String why) {
    return new IllegalArgumentException(
        "clickhouse.url " + url + " does not fit clickhouse.driver " + driver + ": " + why);
  }

  private static boolean hasParameter(URI uri, String name, String value) {
    String query = uri.getRawQuery();
    if (query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      if (pair.toLowerCase(Locale.ROOT).equals(name + "=" + value)) {
        return true;
      }
    }
    return false;
  }

  /** The URI after {@code jdbc:clickhouse:} or {@code jdbc:ch:}, with an http(s) scheme kept. */
  private static URI uri(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
    }
    int authority = jdbcUrl.indexOf("://");
    if (authority < 0) {
      throw new IllegalArgumentException("not a jdbc:clickhouse://host:port/db URL: " + jdbcUrl);
    }
    // jdbc:clickhouse:https://h:8443/db -> https://h:8443/db; jdbc:clickhouse://h/db -> ...
    String prefix = jdbcUrl.substring("jdbc:".length(), authority);
    String scheme = prefix.substring(prefix.lastIndexOf(':') + 1);
    return URI.create(scheme + jdbcUrl.substring(authority));
  }
}
