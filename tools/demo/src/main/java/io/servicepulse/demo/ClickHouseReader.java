// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Read-only queries for progress and the summary, over one reused JDBC connection. */
final class ClickHouseReader implements AutoCloseable {

  private final ClickHouseConnectionFactory connections;
  private Connection connection;

  ClickHouseReader(ClickHouseConnectionFactory connections) {
    this.connections = connections;
  }

  long count(String sql, String... params) throws SQLException {
    List<List<String>> rows = rows(sql, params);
    return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).get(0));
  }

  /** Rows as text; a table that does not exist yet reads as empty. */
  List<List<String>> rows(String sql, String... params) throws SQLException {
    if (connection == null) {
      connection = connections.open();
    }
    List<List<String>> rows = new ArrayList<>();
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setString(i + 1, params[i]);
      }
      readAll(st, rows);
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("doesn't exist")) {
        return rows;
      }
      close();
      throw e;
    }
    return rows;
  }

  private static void readAll(PreparedStatement st, List<List<String>> rows) throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing a broken connection; nothing left to do.
      }
      connection = null;
    }
  }
}
