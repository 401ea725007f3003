// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * How rows of {@code T} go into one ClickHouse table: each column declared once, name and binder
 * together, so the INSERT's column list and its parameters cannot drift apart.
 */
public record Table<T>(String name, List<Table.Column<T>> columns) {

  /** Binds one value of a row to a parameter. */
  @FunctionalInterface
  public interface Binder<T> {
    void bind(PreparedStatement statement, int index, T row) throws SQLException;
  }

  /** One column: its name in the DDL and how a row's value is bound. */
  public record Column<T>(String name, Binder<T> binder) {}

  public static <T> Column<T> string(String name, java.util.function.Function<T, String> value) {
    return new Column<>(name, (st, i, row) -> st.setString(i, value.apply(row)));
  }

  public static <T> Column<T> int64(String name, java.util.function.ToLongFunction<T> value) {
    return new Column<>(name, (st, i, row) -> st.setLong(i, value.applyAsLong(row)));
  }

  public static <T> Column<T> uint8(String name, java.util.function.ToIntFunction<T> value) {
    return new Column<>(name, (st, i, row) -> st.setShort(i, (short) value.applyAsInt(row)));
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  public String insertSql() {
    return "INSERT INTO "
        + name
        + " ("
        + String.join(", ", columnNames())
        + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?"))
        + ")";
  }

  public void insert(Connection connection, T row) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insertSql())) {
      for (int i = 0; i < columns.size(); i++) {
        columns.get(i).binder().bind(statement, i + 1, row);
      }
      statement.executeUpdate();
    }
  }
}
