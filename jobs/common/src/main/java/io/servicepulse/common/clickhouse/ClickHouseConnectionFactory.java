// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Properties;

/** Opens JDBC connections to ClickHouse; driver, URL, user and timeouts come from configuration. */
public final class ClickHouseConnectionFactory implements Serializable {

  static final String NATIVE_DRIVER = ClickHouseUrls.NATIVE_DRIVER;
  static final String OFFICIAL_DRIVER = ClickHouseUrls.OFFICIAL_DRIVER;

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
    ClickHouseUrls.checkFits(driver, url);
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

  /**
   * Opens through the configured driver itself: both ClickHouse drivers accept {@code
   * jdbc:clickhouse://}, so DriverManager would hand the URL to whichever registered first.
   */
  public Connection open() throws SQLException {
    Driver chosen = driver();
    Connection connection = chosen.connect(url, properties());
    if (connection == null) {
      throw new SQLException("ClickHouse JDBC driver " + driver + " does not accept " + url);
    }
    return connection;
  }

  /** The registered instance, else a new one (not every driver registers where we can see it). */
  private Driver driver() throws SQLException {
    Class<?> type;
    try {
      type = Class.forName(driver);
    } catch (ClassNotFoundException e) {
      throw new SQLException("ClickHouse JDBC driver " + driver + " is not on the classpath", e);
    }
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      if (d.getClass() == type) {
        return d;
      }
    }
    try {
      return (Driver) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new SQLException("cannot create ClickHouse JDBC driver " + driver, e);
    }
  }

  /**
   * Credentials, and for the two known drivers their timeouts: without them a frozen server (alive
   * but not answering) hangs a read forever. Other drivers name and scale these differently; set
   * them in the URL.
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
    } else if (OFFICIAL_DRIVER.equals(driver)) {
      // client-v2's ClientConfigProperties, in milliseconds; socket_timeout bounds every read.
      props.setProperty("connection_timeout", String.valueOf(atLeastOneMilli(connectTimeout)));
      props.setProperty("socket_timeout", String.valueOf(atLeastOneMilli(queryTimeout)));
    }
    return props;
  }

  /** Rounded up, at least 1: the driver reads 0 as "wait forever". */
  private static long wholeSeconds(Duration timeout) {
    long millis = timeout.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  /** At least 1: 0 means "wait forever" to the HTTP client too. */
  private static long atLeastOneMilli(Duration timeout) {
    return Math.max(1, timeout.toMillis());
  }

  public String driverClass() {
    return driver;
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
