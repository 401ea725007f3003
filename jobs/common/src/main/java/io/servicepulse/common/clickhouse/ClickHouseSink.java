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
 * <p>Guarantee: at-least-once. The buffer is flushed before every checkpoint barrier passes, so a
 * checkpoint never covers a row that is not in ClickHouse; after a restart the rows since the last
 * checkpoint are written again and the tables' ReplacingMergeTree keys collapse them. While
 * ClickHouse is unreachable a batch is retried with exponential backoff; after the last retry the
 * job fails and restarts from its checkpoint, losing nothing. A row ClickHouse rejects goes to
 * {@code dead_letters} with the error text; the rest of its batch is written.
 */
public final class ClickHouseSink<T> implements Sink<T> {

  private final String job;
  private final ClickHouseTable<T> table;
  private final ClickHouseConnectionFactory connections;
  private final int batchSize;
  private final Duration flushInterval;
  private final int maxRetries;
  private final Duration retryBackoff;

  public ClickHouseSink(
      String job,
      ClickHouseTable<T> table,
      ClickHouseConnectionFactory connections,
      int batchSize,
      Duration flushInterval,
      int maxRetries,
      Duration retryBackoff) {
    this.job = job;
    this.table = table;
    this.connections = connections;
    this.batchSize = batchSize;
    this.flushInterval = flushInterval;
    this.maxRetries = maxRetries;
    this.retryBackoff = retryBackoff;
  }

  public static <T> ClickHouseSink<T> of(String job, ClickHouseTable<T> table, JobConfig config) {
    return new ClickHouseSink<>(
        job,
        table,
        ClickHouseConnectionFactory.from(config),
        config.get(ServicePulseOptions.CLICKHOUSE_BATCH_SIZE),
        config.get(ServicePulseOptions.CLICKHOUSE_FLUSH_INTERVAL),
        config.get(ServicePulseOptions.CLICKHOUSE_MAX_RETRIES),
        config.get(ServicePulseOptions.CLICKHOUSE_RETRY_BACKOFF));
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new ClickHouseSinkWriter<>(
        job,
        table,
        new BatchInserter(connections, maxRetries, retryBackoff),
        batchSize,
        flushInterval.toMillis(),
        context.getProcessingTimeService());
  }
}
