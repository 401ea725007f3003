// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Buffers rows and hands each batch — full, due by {@link FlushPolicy} (every flush interval; every
 * live flush interval while a live table holds a live row), or before a checkpoint — to one writer
 * thread, so the task thread keeps processing while ClickHouse inserts, retries and backs off.
 * Batches are written in order over one connection; at most {@link #MAX_IN_FLIGHT} wait or run at
 * once, beyond that the task thread waits for the oldest (backpressure). {@link #flush} returns
 * once every handed-over batch is in ClickHouse and the dead letters of refused rows are in
 * ClickHouse and on Kafka, so a checkpoint never covers either one unwritten. A batch that fails
 * fails the task at the next write, timer or flush; the job restarts from its last checkpoint,
 * which did not cover the batch.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

  /** Batches written or waiting at once: one being inserted while the next one fills. */
  static final int MAX_IN_FLIGHT = 2;

  private final String job;
  private final ClickHouseTable<T> table;
  private final BatchInserter inserter;
  private final DeadLetterProducer deadLetters;
  private final int batchSize;
  private final FlushPolicy policy;
  private final ProcessingTimeService timers;
  private final SinkMetrics metrics;
  private final ExecutorService writerThread;
  private final Deque<Future<?>> inFlight = new ArrayDeque<>();
  private List<BatchInserter.Row<T>> buffer = new ArrayList<>();

  ClickHouseSinkWriter(
      String job,
      ClickHouseTable<T> table,
      BatchInserter inserter,
      DeadLetterProducer deadLetters,
      int batchSize,
      FlushPolicy.Intervals intervals,
      ProcessingTimeService timers,
      SinkMetrics metrics) {
    this.job = job;
    this.table = table;
    this.inserter = inserter;
    this.deadLetters = deadLetters;
    this.batchSize = batchSize;
    this.timers = timers;
    this.metrics = metrics;
    this.policy = new FlushPolicy(intervals, timers.getCurrentProcessingTime());
    this.writerThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "clickhouse-writer " + job + " " + table.name());
              t.setDaemon(true);
              return t;
            });
    scheduleFlush();
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    Long timestamp = context.timestamp();
    buffer.add(new BatchInserter.Row<>(element, timestamp == null ? 0 : timestamp));
    policy.rowAdded(timestamp, timers.getCurrentProcessingTime());
    if (buffer.size() >= batchSize) {
      handOver();
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    handOver();
    while (!inFlight.isEmpty()) {
      awaitOldest();
    }
  }

  /** Hands the buffer to the writer thread, after failing on an earlier batch that failed. */
  private void handOver() throws IOException, InterruptedException {
    reapDone();
    if (buffer.isEmpty()) {
      return;
    }
    while (inFlight.size() >= MAX_IN_FLIGHT) {
      awaitOldest();
    }
    List<BatchInserter.Row<T>> batch = buffer;
    buffer = new ArrayList<>(Math.min(batchSize, batch.size() * 2));
    inFlight.addLast(
        writerThread.submit(
            () -> {
              deadLetters.publish(inserter.insert(job, table, batch));
              return null;
            }));
    metrics.batchesInFlight(inFlight.size());
    policy.flushed(timers.getCurrentProcessingTime());
  }

  private void reapDone() throws IOException, InterruptedException {
    while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
      awaitOldest();
    }
  }

  private void awaitOldest() throws IOException, InterruptedException {
    Future<?> oldest = inFlight.removeFirst();
    try {
      oldest.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("writing to ClickHouse table " + table.name() + " failed", cause);
    } finally {
      metrics.batchesInFlight(inFlight.size());
    }
  }

  private void scheduleFlush() {
    timers.registerTimer(
        timers.getCurrentProcessingTime() + policy.checkIntervalMs(),
        time -> {
          // A failure here fails the task; the rows are replayed from the last checkpoint.
          if (policy.due(time)) {
            handOver();
          } else {
            reapDone();
          }
          scheduleFlush();
        });
  }

  @Override
  public void close() throws InterruptedException {
    // On cancel a batch may be inserting or backing off: interrupt it; the rows not covered by a
    // checkpoint are replayed.
    writerThread.shutdownNow();
    writerThread.awaitTermination(10, TimeUnit.SECONDS);
    inserter.close();
    deadLetters.close();
  }
}
