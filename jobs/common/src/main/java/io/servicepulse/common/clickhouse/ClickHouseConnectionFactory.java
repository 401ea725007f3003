// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** Opens JDBC connections to ClickHouse; driver, URL, user and timeouts come from configuration. */
public final class ClickHouseConnectionFactory implements Serializable {

  static final String NATIVE_DRIVER = "com.github.housepower.jdbc.ClickHouseDriver";

  private final String driver;
  private final String url;
  private final String user;
  private final String password;
  private final Duration connectTimeout;
  private final Duration queryTimeout;

  public ClickHouseConnectionFactory(String driver, String url, String user, String password) {
    this(
        driver,
        url,
        user,
        password,
        ServicePulseOptions.CLICKHOUSE_CONNECT_TIMEOUT.defaultValue(),
        ServicePulseOptions.CLICKHOUSE_QUERY_TIMEOUT.defaultValue());
  }

  public ClickHouseConnectionFactory(
      String driver,
      String url,
      String user,
      String password,
      Duration connectTimeout,
      Duration queryTimeout) {
    this.driver = driver;
    this.url = url;
    this.user = user;
    this.password = password;
    this.connectTimeout = connectTimeout;
    this.queryTimeout = queryTimeout;
  }

  public static ClickHouseConnectionFactory from(JobConfig config) {
    return new ClickHouseConnectionFactory(
        config.get(ServicePulseOptions.CLICKHOUSE_DRIVER),
        config.get(ServicePulseOptions.CLICKHOUSE_URL),
        config.get(ServicePulseOptions.CLICKHOUSE_USER),
        config.clickHousePassword(),
        config.get(ServicePulseOptions.CLICKHOUSE_CONNECT_TIMEOUT),
        config.get(ServicePulseOptions.CLICKHOUSE_QUERY_TIMEOUT));
  }

  public Connection open() throws SQLException {
    try {
      Class.forName(driver);
    } catch (ClassNotFoundException e) {
      throw new SQLException("ClickHouse JDBC driver " + driver + " is not on the classpath", e);
    }
    return DriverManager.getConnection(url, properties());
  }

  /**
   * Credentials, and for the native driver its timeouts: without them a frozen server (alive but
   * not answering) hangs a read forever. Other drivers name and scale these differently; set them
   * in the URL.
   */
  Properties properties() {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    if (NATIVE_DRIVER.equals(driver)) {
      // Read by ClickHouseConfig (SettingKey connect_timeout / query_timeout) in whole seconds;
      // query_timeout is the socket read timeout of every answer. A write blocked on a full
      // socket to a frozen server is not covered: the kernel buffers a batch of normal size.
      props.setProperty("connect_timeout", String.valueOf(wholeSeconds(connectTimeout)));
      props.setProperty("query_timeout", String.valueOf(wholeSeconds(queryTimeout)));
    }
    return props;
  }

  /** Rounded up, at least 1: the driver reads 0 as "wait forever". */
  private static long wholeSeconds(Duration timeout) {
    long millis = timeout.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  public String url() {
    return url;
  }

  /** The same server without a database in the URL, to create that database. */
  public ClickHouseConnectionFactory withoutDatabase() {
    return new ClickHouseConnectionFactory(
        driver, ClickHouseUrls.serverUrl(url), user, password, connectTimeout, queryTimeout);
  }

  /** The same server with another answer timeout, e.g. for a DROP DATABASE that waits on merges. */
  public ClickHouseConnectionFactory withQueryTimeout(Duration timeout) {
    return new ClickHouseConnectionFactory(driver, url, user, password, connectTimeout, timeout);
  }
}
