// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetterTable;
import io.servicepulse.common.decode.EventBytes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts a batch over one reused connection. A value the driver refuses while binding, or the
 * server refuses with a bad-value error code ({@link InsertErrors}), is a row error: the batch is
 * halved until the refused rows are found, those become dead letters, the rest is written. Every
 * other failure (server down or frozen, missing table, too many parts, memory, read-only, unknown
 * code) is retried with backoff, at most {@code maxRetries} times per flush, then fails the job so
 * it restarts from its checkpoint: good rows are never dead-lettered.
 */
final class BatchInserter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BatchInserter.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  private final ClickHouseConnectionFactory connections;
  private final int maxRetries;
  private final Duration firstBackoff;
  private final DeadLetterTable deadLetterTable = new DeadLetterTable();
  private final DeadLetterTable lastTryTable = DeadLetterTable.minimal();
  private final SinkMetrics metrics;
  private Connection connection;

  BatchInserter(ClickHouseConnectionFactory connections, int maxRetries, Duration firstBackoff) {
    this(
        connections,
        maxRetries,
        firstBackoff,
        SinkMetrics.of(UnregisteredMetricsGroup.createSinkWriterMetricGroup()));
  }

  BatchInserter(
      ClickHouseConnectionFactory connections,
      int maxRetries,
      Duration firstBackoff,
      SinkMetrics metrics) {
    this.connections = connections;
    this.maxRetries = maxRetries;
    this.firstBackoff = firstBackoff;
    this.metrics = metrics;
  }

  /** A row with the Flink record timestamp it arrived with. */
  record Row<T>(T value, long recordTimestamp) {}

  /** A row ClickHouse or the driver refused, and why. */
  private record Refused<T>(Row<T> row, Throwable error) {}

  /**
   * Writes {@code rows}; the refused ones go to {@code dead_letters}. Returns their dead letters,
   * for the caller to send to Kafka too (none when {@code table} is {@code dead_letters} itself).
   */
  <T> List<DeadLetter> insert(String job, ClickHouseTable<T> table, List<Row<T>> rows)
      throws IOException, InterruptedException {
    Retries retries = new Retries();
    List<Refused<T>> refused = write(table, rows, retries);
    metrics.rowsWritten.inc(rows.size() - refused.size());
    metrics.rowsRefused.inc(refused.size());
    if (refused.isEmpty()) {
      return List.of();
    }
    if (table instanceof DeadLetterTable) {
      // A refused dead letter must not become a dead letter of its own (no end to that).
      @SuppressWarnings("unchecked")
      List<Refused<DeadLetter>> letters = (List<Refused<DeadLetter>>) (List<?>) refused;
      lastTry(letters, retries);
      return List.of();
    }
    List<DeadLetter> letters = new ArrayList<>();
    for (Refused<T> r : refused) {
      String error = describe(r.error());
      LOG.error("ClickHouse refused a row of {}: {}", table.name(), error);
      letters.add(
          DeadLetter.ofSinkRow(
              job,
              table.name(),
              error,
              table.idOf(r.row().value()),
              // A fact row is an event: its wire bytes; a derived row: its text.
              EventBytes.of(r.row().value())));
    }
    List<Row<DeadLetter>> letterRows = letters.stream().map(l -> new Row<>(l, 0L)).toList();
    lastTry(write(deadLetterTable, letterRows, retries), retries);
    return letters;
  }

  private void lastTry(List<Refused<DeadLetter>> refused, Retries retries)
      throws IOException, InterruptedException {
    if (refused.isEmpty()) {
      return;
    }
    List<Refused<DeadLetter>> still =
        write(lastTryTable, refused.stream().map(Refused::row).toList(), retries);
    if (!still.isEmpty()) {
      Refused<DeadLetter> first = still.get(0);
      throw new IOException(
          "ClickHouse refused "
              + still.size()
              + " dead letter(s), e.g. "
              + first.row().value().deadLetterId
              + ", even with payload and error cut to 1 KiB ("
              + describe(first.error())
              + "); failing so the job restarts from its last checkpoint",
          first.error());
    }
  }

  /**
   * Writes {@code rows}, returning the refused ones. Iterative and bounded: each step writes a
   * chunk, drops one row the driver refused, halves a chunk the server refused, or retries.
   */
  private <T> List<Refused<T>> write(ClickHouseTable<T> table, List<Row<T>> rows, Retries retries)
      throws IOException, InterruptedException {
    List<Refused<T>> refused = new ArrayList<>();
    Deque<List<Row<T>>> pending = new ArrayDeque<>();
    pending.push(rows);
    while (!pending.isEmpty()) {
      List<Row<T>> chunk = pending.pop();
      if (chunk.isEmpty()) {
        continue;
      }
      try {
        execute(table, chunk);
      } catch (BindFailure e) {
        closeQuietly();
        refused.add(new Refused<>(chunk.get(e.index), e.getCause()));
        List<Row<T>> rest = new ArrayList<>(chunk.subList(0, e.index));
        rest.addAll(chunk.subList(e.index + 1, chunk.size()));
        pending.push(rest);
      } catch (SQLException | RuntimeException e) {
        closeQuietly();
        if (!InsertErrors.isRowError(e)) {
          retries.backOff(table, e);
          pending.push(chunk);
        } else if (chunk.size() == 1) {
          refused.add(new Refused<>(chunk.get(0), e));
        } else {
          int half = chunk.size() / 2;
          pending.push(chunk.subList(half, chunk.size()));
          pending.push(chunk.subList(0, half));
        }
      }
    }
    return refused;
  }

  private <T> void execute(ClickHouseTable<T> table, List<Row<T>> rows)
      throws SQLException, BindFailure {
    if (connection == null) {
      connection = connections.open();
    }
    long now = System.currentTimeMillis();
    try (PreparedStatement statement = connection.prepareStatement(table.insertSql())) {
      for (int i = 0; i < rows.size(); i++) {
        Row<T> row = rows.get(i);
        try {
          table.bind(statement, row.value(), row.recordTimestamp(), now);
          statement.addBatch();
        } catch (SQLException | RuntimeException e) {
          // Binding is client-side: the value itself is what the driver or table refuses.
          throw new BindFailure(i, e);
        }
      }
      long start = System.nanoTime();
      statement.executeBatch();
      metrics.inserted((System.nanoTime() - start) / 1_000_000);
    }
  }

  private static String describe(Throwable e) {
    int code = InsertErrors.serverCode(e);
    String text = e instanceof SQLException ? String.valueOf(e.getMessage()) : e.toString();
    return code > 0 ? "ClickHouse error " + code + ": " + text : text;
  }

  /**
   * The retry budget of one flush, so a flush, and a checkpoint waiting for it, ends in bounded
   * time.
   */
  private final class Retries {
    private int used;

    void backOff(ClickHouseTable<?> table, Exception error)
        throws IOException, InterruptedException {
      if (used >= maxRetries) {
        throw new IOException(
            "insert into "
                + table.name()
                + " failed "
                + (used + 1)
                + " times in one flush: ClickHouse at "
                + connections.url()
                + " unreachable or failing ("
                + describe(error)
                + "); failing so the job restarts from its last checkpoint",
            error);
      }
      long backoff = Math.min(MAX_BACKOFF_MS, firstBackoff.toMillis() << Math.min(used, 20));
      used++;
      metrics.retries.inc();
      LOG.warn(
          "insert into {} failed ({}); retry {} of {} in {} ms",
          table.name(),
          describe(error),
          used,
          maxRetries,
          backoff);
      Thread.sleep(backoff);
    }
  }

  /** Row {@code index} of a chunk could not be bound; nothing of the chunk was sent. */
  private static final class BindFailure extends Exception {
    final int index;

    BindFailure(int index, Throwable cause) {
      super(cause);
      this.index = index;
    }
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The connection is broken already; a new one is opened on the next attempt.
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
