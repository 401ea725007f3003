package io.servicepulse.common.clickhouse;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetterTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts a batch over one reused connection. Tells an unreachable server (retry with backoff, then
 * fail) from rows the server rejects (isolate them by halving the batch, dead-letter them) by
 * asking the server a trivial query after a failure: that needs no knowledge of any one driver's
 * exception types.
 */
final class BatchInserter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BatchInserter.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  private final ClickHouseConnectionFactory connections;
  private final int maxRetries;
  private final Duration firstBackoff;
  private final DeadLetterTable deadLetterTable = new DeadLetterTable();
  private Connection connection;

  BatchInserter(ClickHouseConnectionFactory connections, int maxRetries, Duration firstBackoff) {
    this.connections = connections;
    this.maxRetries = maxRetries;
    this.firstBackoff = firstBackoff;
  }

  /** A row with the Flink record timestamp it arrived with. */
  record Row<T>(T value, long recordTimestamp) {}

  <T> void insert(String job, ClickHouseTable<T> table, List<Row<T>> rows)
      throws IOException, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        execute(table, rows);
        return;
      } catch (SQLException e) {
        closeQuietly();
        if (serverAnswers()) {
          isolateRejected(job, table, rows, e);
          return;
        }
        if (attempt >= maxRetries) {
          throw new IOException(
              "ClickHouse at "
                  + connections.url()
                  + " unreachable after "
                  + (attempt + 1)
                  + " attempts; failing so the job restarts from its last checkpoint",
              e);
        }
        long backoff = Math.min(MAX_BACKOFF_MS, firstBackoff.toMillis() << Math.min(attempt, 20));
        LOG.warn(
            "insert into {} failed ({}); retry {} of {} in {} ms",
            table.name(),
            e.getMessage(),
            attempt + 1,
            maxRetries,
            backoff);
        Thread.sleep(backoff);
      }
    }
  }

  /** The server is up but refused the batch: find the rows it refuses, write the rest. */
  private <T> void isolateRejected(
      String job, ClickHouseTable<T> table, List<Row<T>> rows, SQLException error)
      throws IOException, InterruptedException {
    if (rows.size() == 1) {
      Row<T> row = rows.get(0);
      LOG.error("ClickHouse rejected a row of {}: {}", table.name(), error.getMessage());
      DeadLetter letter =
          DeadLetter.ofEvent(
              job,
              DeadLetter.STAGE_SINK,
              "rejected by ClickHouse table " + table.name(),
              String.valueOf(error.getMessage()),
              table.idOf(row.value()),
              String.valueOf(row.value()));
      insert(job, deadLetterTable, List.of(new Row<>(letter, 0)));
      return;
    }
    int half = rows.size() / 2;
    insert(job, table, rows.subList(0, half));
    insert(job, table, rows.subList(half, rows.size()));
  }

  private <T> void execute(ClickHouseTable<T> table, List<Row<T>> rows) throws SQLException {
    if (connection == null) {
      connection = connections.open();
    }
    long now = System.currentTimeMillis();
    try (PreparedStatement statement = connection.prepareStatement(table.insertSql())) {
      for (Row<T> row : rows) {
        table.bind(statement, row.value(), row.recordTimestamp(), now);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private boolean serverAnswers() {
    try (Connection probe = connections.open();
        Statement statement = probe.createStatement()) {
      statement.executeQuery("SELECT 1").close();
      return true;
    } catch (SQLException e) {
      return false;
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
