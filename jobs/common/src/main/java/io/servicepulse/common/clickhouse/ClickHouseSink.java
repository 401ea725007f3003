// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes rows to one ClickHouse table in batched, parameter-bound INSERTs.
 *
 * <p>Inserts, retries and their backoff run on one writer thread per subtask and table, so the task
 * thread keeps processing while a batch is written; it waits only when two batches are already in
 * flight (backpressure) and at a checkpoint.
 *
 * <p>Guarantee: at-least-once. The buffer is flushed and every batch in flight waited for before a
 * checkpoint barrier passes, so a checkpoint never covers a row that is not in ClickHouse; after a
 * restart the rows since the last checkpoint are written again and the tables' ReplacingMergeTree
 * keys collapse them. A failure that is not about the rows (server down or frozen past the query
 * timeout, missing table, too many parts, memory, read-only, unknown error code) is retried with
 * exponential backoff, at most {@code clickhouse.max-retries} times per flush; then the job fails
 * and its restart strategy restarts it from the checkpoint, losing nothing. A row whose value the
 * driver or server refuses becomes a dead letter (stage {@code sink}, source_topic = the table,
 * partition and offset -1, event_id = the row's id, payload = the row's text) in {@code
 * dead_letters} and, when Kafka is configured, on the dead-letter topic; the rest of its batch is
 * written.
 */
public final class ClickHouseSink<T> implements Sink<T> {

  private final String job;
  private final ClickHouseTable<T> table;
  private final ClickHouseConnectionFactory connections;
  private final int batchSize;
  private final FlushPolicy.Intervals intervals;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final String deadLetterBootstrapServers;
  private final String deadLetterTopic;

  /**
   * @param deadLetterBootstrapServers Kafka for the dead letters of refused rows; null: ClickHouse
   *     {@code dead_letters} only
   */
  public ClickHouseSink(
      String job,
      ClickHouseTable<T> table,
      ClickHouseConnectionFactory connections,
      int batchSize,
      Duration flushInterval,
      Duration liveFlushInterval,
      Duration catchUpFlushInterval,
      int maxRetries,
      Duration retryBackoff,
      String deadLetterBootstrapServers,
      String deadLetterTopic) {
    this.job = job;
    this.table = table;
    this.connections = connections;
    this.batchSize = batchSize;
    this.intervals =
        new FlushPolicy.Intervals(
            flushInterval.toMillis(),
            liveFlushInterval.toMillis(),
            catchUpFlushInterval.toMillis());
    this.maxRetries = maxRetries;
    this.retryBackoff = retryBackoff;
    this.deadLetterBootstrapServers = deadLetterBootstrapServers;
    this.deadLetterTopic = deadLetterTopic;
  }

  public static <T> ClickHouseSink<T> of(String job, ClickHouseTable<T> table, JobConfig config) {
    return new ClickHouseSink<>(
        job,
        table,
        ClickHouseConnectionFactory.from(config),
        config.get(ServicePulseOptions.CLICKHOUSE_BATCH_SIZE),
        config.get(ServicePulseOptions.CLICKHOUSE_FLUSH_INTERVAL),
        config.get(
            table.live()
                ? ServicePulseOptions.CLICKHOUSE_LIVE_FLUSH_INTERVAL
                : ServicePulseOptions.CLICKHOUSE_FLUSH_INTERVAL),
        config.get(ServicePulseOptions.CLICKHOUSE_CATCH_UP_FLUSH_INTERVAL),
        config.get(ServicePulseOptions.CLICKHOUSE_MAX_RETRIES),
        config.get(ServicePulseOptions.CLICKHOUSE_RETRY_BACKOFF),
        config.get(ServicePulseOptions.KAFKA_BOOTSTRAP_SERVERS),
        config.get(ServicePulseOptions.KAFKA_DEAD_LETTER_TOPIC));
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    SinkMetrics metrics = SinkMetrics.of(context.metricGroup());
    return new ClickHouseSinkWriter<>(
        job,
        table,
        new BatchInserter(connections, maxRetries, retryBackoff, metrics),
        new DeadLetterProducer(deadLetterBootstrapServers, deadLetterTopic),
        batchSize,
        intervals,
        context.getProcessingTimeService(),
        metrics);
  }
}
