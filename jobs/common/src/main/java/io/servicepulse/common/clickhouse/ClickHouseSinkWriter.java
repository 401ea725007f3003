// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Buffers rows; flushes when the batch is full, when {@link FlushPolicy} says so (every flush
 * interval; every live flush interval while a live table holds a live row), and before checkpoints.
 * A flush returns once its rows are in ClickHouse and the dead letters of refused rows are in
 * ClickHouse and on Kafka, so a checkpoint never covers either one unwritten.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

  private final String job;
  private final ClickHouseTable<T> table;
  private final BatchInserter inserter;
  private final DeadLetterProducer deadLetters;
  private final int batchSize;
  private final FlushPolicy policy;
  private final ProcessingTimeService timers;
  private List<BatchInserter.Row<T>> buffer = new ArrayList<>();

  ClickHouseSinkWriter(
      String job,
      ClickHouseTable<T> table,
      BatchInserter inserter,
      DeadLetterProducer deadLetters,
      int batchSize,
      long flushIntervalMs,
      long liveFlushIntervalMs,
      ProcessingTimeService timers) {
    this.job = job;
    this.table = table;
    this.inserter = inserter;
    this.deadLetters = deadLetters;
    this.batchSize = batchSize;
    this.timers = timers;
    this.policy =
        new FlushPolicy(flushIntervalMs, liveFlushIntervalMs, timers.getCurrentProcessingTime());
    scheduleFlush();
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    Long timestamp = context.timestamp();
    buffer.add(new BatchInserter.Row<>(element, timestamp == null ? 0 : timestamp));
    policy.rowAdded(timestamp, timers.getCurrentProcessingTime());
    if (buffer.size() >= batchSize) {
      flushBuffer();
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    flushBuffer();
  }

  private void flushBuffer() throws IOException, InterruptedException {
    if (buffer.isEmpty()) {
      return;
    }
    List<BatchInserter.Row<T>> batch = buffer;
    buffer = new ArrayList<>(Math.min(batchSize, batch.size() * 2));
    deadLetters.publish(inserter.insert(job, table, batch));
    policy.flushed(timers.getCurrentProcessingTime());
  }

  private void scheduleFlush() {
    timers.registerTimer(
        timers.getCurrentProcessingTime() + policy.checkIntervalMs(),
        time -> {
          // A failure here fails the task; the rows are replayed from the last checkpoint.
          if (policy.due(time)) {
            flushBuffer();
          }
          scheduleFlush();
        });
  }

  @Override
  public void close() {
    inserter.close();
    deadLetters.close();
  }
}
