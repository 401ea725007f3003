// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * A test table {@code (id Int64, status Enum8('ok' = 1))}: row 13 binds status 'unlucky', which the
 * column refuses; ids in {@code unbindable} throw while binding, as a driver may.
 */
record ProbeTable(String name, List<Long> unbindable) implements ClickHouseTable<Long> {

  /** INSERTs prepared per table: the sink prepares one per attempt, failed ones included. */
  private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

  ProbeTable(String name) {
    this(name, List.of());
  }

  @Override
  public List<String> columns() {
    return List.of("id", "status");
  }

  @Override
  public void bind(PreparedStatement st, Long id, long recordTimestamp, long insertTimeMs)
      throws SQLException {
    if (unbindable.contains(id)) {
      throw new IllegalArgumentException("cannot bind " + id);
    }
    st.setLong(1, id);
    st.setString(2, id == 13 ? "unlucky" : "ok");
  }

  @Override
  public String insertSql() {
    ATTEMPTS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    return ClickHouseTable.super.insertSql();
  }

  static int insertAttempts(String table) {
    AtomicInteger n = ATTEMPTS.get(table);
    return n == null ? 0 : n.get();
  }

  @Override
  public String idOf(Long row) {
    return "probe-" + row;
  }

  /** Rows {@code from..to} without record timestamps. */
  static List<BatchInserter.Row<Long>> rows(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(id -> new BatchInserter.Row<>(id, 0)).toList();
  }
}
