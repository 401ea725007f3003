// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:fake-clickhouse:} that keeps inserted rows in memory and fails
 * inserts as a test script says, to drive {@link BatchInserter} through faults without a server.
 */
public final class FakeClickHouseDriver implements Driver {

  static final String URL = "jdbc:fake-clickhouse:test";

  /** Rows per table, each row its bound parameters in order. */
  static final Map<String, List<List<Object>>> TABLES = new HashMap<>();

  /** INSERT attempts per table. */
  static final Map<String, Integer> ATTEMPTS = new HashMap<>();

  /** Decides each INSERT: null writes the rows, an exception fails the whole INSERT. */
  static BiFunction<String, List<List<Object>>, SQLException> server = (table, rows) -> null;

  static {
    try {
      DriverManager.registerDriver(new FakeClickHouseDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static void reset() {
    TABLES.clear();
    ATTEMPTS.clear();
    server = (table, rows) -> null;
  }

  static ClickHouseConnectionFactory connections() {
    return new ClickHouseConnectionFactory(FakeClickHouseDriver.class.getName(), URL, "u", "");
  }

  @Override
  public Connection connect(String url, Properties info) {
    if (!acceptsURL(url)) {
      return null;
    }
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "prepareStatement" -> statement((String) args[0]);
                  case "close" -> null;
                  case "isClosed" -> false;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static PreparedStatement statement(String sql) {
    String table = sql.replaceFirst("INSERT INTO (\\w+) .*", "$1");
    Map<Integer, Object> params = new HashMap<>();
    List<List<Object>> batch = new ArrayList<>();
    return (PreparedStatement)
        Proxy.newProxyInstance(
            FakeClickHouseDriver.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.startsWith("set") && args != null && args.length == 2) {
                params.put((Integer) args[0], args[1]);
                return null;
              }
              switch (name) {
                case "addBatch" -> {
                  batch.add(new ArrayList<>(new java.util.TreeMap<>(params).values()));
                  params.clear();
                  return null;
                }
                case "executeBatch" -> {
                  ATTEMPTS.merge(table, 1, Integer::sum);
                  SQLException error = server.apply(table, batch);
                  if (error != null) {
                    throw error;
                  }
                  TABLES.computeIfAbsent(table, t -> new ArrayList<>()).addAll(batch);
                  return new int[batch.size()];
                }
                case "close" -> {
                  return null;
                }
                default -> throw new UnsupportedOperationException(name);
              }
            });
  }

  @Override
  public boolean acceptsURL(String url) {
    return url.startsWith("jdbc:fake-clickhouse:");
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }
}
