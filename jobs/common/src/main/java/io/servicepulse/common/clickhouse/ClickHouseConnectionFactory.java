package io.servicepulse.common.clickhouse;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections to ClickHouse; driver, URL and user come from configuration. */
public final class ClickHouseConnectionFactory implements Serializable {

  private final String driver;
  private final String url;
  private final String user;
  private final String password;

  public ClickHouseConnectionFactory(String driver, String url, String user, String password) {
    this.driver = driver;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public static ClickHouseConnectionFactory from(JobConfig config) {
    return new ClickHouseConnectionFactory(
        config.get(ServicePulseOptions.CLICKHOUSE_DRIVER),
        config.get(ServicePulseOptions.CLICKHOUSE_URL),
        config.get(ServicePulseOptions.CLICKHOUSE_USER),
        config.clickHousePassword());
  }

  public Connection open() throws SQLException {
    try {
      Class.forName(driver);
    } catch (ClassNotFoundException e) {
      throw new SQLException("ClickHouse JDBC driver " + driver + " is not on the classpath", e);
    }
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return DriverManager.getConnection(url, props);
  }

  public String url() {
    return url;
  }

  /** The same server without a database in the URL, to create that database. */
  public ClickHouseConnectionFactory withoutDatabase() {
    return new ClickHouseConnectionFactory(driver, ClickHouseUrls.serverUrl(url), user, password);
  }
}
