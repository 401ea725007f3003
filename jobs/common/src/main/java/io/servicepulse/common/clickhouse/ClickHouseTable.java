// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * How rows of type {@code T} go into one ClickHouse table: the explicit column list and the binding
 * of one row's values, always as parameters.
 */
public interface ClickHouseTable<T> extends Serializable {

  String name();

  List<String> columns();

  /**
   * Binds {@code row} to parameters 1..columns().size().
   *
   * @param recordTimestamp the Flink record timestamp (Kafka append time for raw events), or 0
   * @param insertTimeMs wall-clock time of this insert, for end-to-end delay figures
   */
  void bind(PreparedStatement statement, T row, long recordTimestamp, long insertTimeMs)
      throws SQLException;

  /** Identifies a row in a dead letter when ClickHouse rejects it. */
  String idOf(T row);

  /**
   * A table managers watch live (a turn, a minute row, a waiting buyer): flushed every {@code
   * clickhouse.live-flush-interval} instead of {@code clickhouse.flush-interval}.
   */
  default boolean live() {
    return false;
  }

  default String insertSql() {
    String columns = String.join(", ", columns());
    String marks = String.join(", ", java.util.Collections.nCopies(columns().size(), "?"));
    return "INSERT INTO " + name() + " (" + columns + ") VALUES (" + marks + ")";
  }
}
