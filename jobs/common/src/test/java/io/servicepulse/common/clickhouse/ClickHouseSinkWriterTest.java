// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.housepower.exception.ClickHouseSQLException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer thread: the task thread never waits for an insert except at a checkpoint. */
class ClickHouseSinkWriterTest {

  private static final ProbeTable PROBE = new ProbeTable("writer_probe");
  private final ManualTimers timers = new ManualTimers();
  private final CountDownLatch serverAnswers = new CountDownLatch(1);
  private ClickHouseSinkWriter<Long> writer;
  private final SinkMetrics metrics =
      SinkMetrics.of(UnregisteredMetricsGroup.createSinkWriterMetricGroup());

  @BeforeEach
  void reset() {
    FakeClickHouseDriver.reset();
  }

  @AfterEach
  void close() throws Exception {
    serverAnswers.countDown();
    if (writer != null) {
      writer.close();
    }
  }

  private ClickHouseSinkWriter<Long> writer(int batchSize, int maxRetries) {
    writer =
        new ClickHouseSinkWriter<>(
            "job",
            PROBE,
            new BatchInserter(
                FakeClickHouseDriver.connections(), maxRetries, Duration.ofMillis(1), metrics),
            new DeadLetterProducer(null, "dl"),
            batchSize,
            new FlushPolicy.Intervals(1_000, 250, 5_000),
            timers,
            metrics);
    return writer;
  }

  /** The fake server holds every INSERT until the test lets it answer. */
  private void slowServer() {
    FakeClickHouseDriver.server =
        (table, rows) -> {
          try {
            serverAnswers.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        };
  }

  /** Read after the writer thread finished (flush or join) or while it is held by the server. */
  private static int written() {
    return FakeClickHouseDriver.TABLES.getOrDefault("writer_probe", List.of()).size();
  }

  @Test
  void writesGoOnWhileABatchIsBeingInsertedAndACheckpointWaitsForIt() throws Exception {
    slowServer();
    ClickHouseSinkWriter<Long> w = writer(100, 3);
    for (long i = 1; i <= 150; i++) {
      w.write(i, context());
    }
    // The first 100 rows are with the writer thread; the server has not answered.
    assertThat(written()).isZero();

    Thread checkpoint =
        new Thread(
            () -> {
              try {
                w.flush(false);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    checkpoint.start();
    checkpoint.join(300);
    assertThat(checkpoint.isAlive()).as("the flush before a checkpoint waits").isTrue();

    assertThat(metrics.batchesInFlight()).as("the full batch and the rest").isEqualTo(2);

    serverAnswers.countDown();
    checkpoint.join(10_000);
    assertThat(checkpoint.isAlive()).isFalse();
    assertThat(written()).isEqualTo(150);
    // What an operator reads on the sink: rows in ClickHouse, in two INSERTs, none in flight.
    assertThat(metrics.rowsWritten.getCount()).isEqualTo(150);
    assertThat(metrics.inserts.getCount()).isEqualTo(2);
    assertThat(metrics.rowsRefused.getCount()).isZero();
    assertThat(metrics.batchesInFlight()).isZero();
  }

  @Test
  void theFlushIntervalHandsTheBufferOverWithoutWaitingForTheServer() throws Exception {
    slowServer();
    ClickHouseSinkWriter<Long> w = writer(1_000, 3);
    w.write(1L, context());
    long start = System.nanoTime();
    timers.fire();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    assertThat(written()).isZero();

    serverAnswers.countDown();
    w.flush(false);
    assertThat(written()).isEqualTo(1);
  }

  @Test
  void aBatchThatFailsAfterItsRetriesFailsTheNextCallSoTheJobRestarts() throws Exception {
    FakeClickHouseDriver.server =
        (table, rows) -> new ClickHouseSQLException(252, "Too many parts (300).");
    ClickHouseSinkWriter<Long> w = writer(10, 1);
    for (long i = 1; i <= 10; i++) {
      w.write(i, context());
    }

    assertThatThrownBy(() -> w.flush(false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("insert into writer_probe failed 2 times in one flush")
        .hasMessageContaining("restarts from its last checkpoint");
    assertThat(written()).isZero();
    assertThat(metrics.retries.getCount()).isEqualTo(1);
    assertThat(metrics.rowsWritten.getCount()).isZero();
  }

  private static SinkWriter.Context context() {
    return new SinkWriter.Context() {
      @Override
      public long currentWatermark() {
        return Long.MIN_VALUE;
      }

      @Override
      public Long timestamp() {
        return null;
      }
    };
  }

  /** Processing-time timers the test fires by hand, in the test's thread like the mailbox. */
  private static final class ManualTimers implements ProcessingTimeService {
    private final List<ProcessingTimeCallback> due = new ArrayList<>();

    @Override
    public long getCurrentProcessingTime() {
      return 0;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
      due.add(callback);
      return null;
    }

    void fire() throws Exception {
      List<ProcessingTimeCallback> now = new ArrayList<>(due);
      due.clear();
      for (ProcessingTimeCallback c : now) {
        c.onProcessingTime(0);
      }
    }
  }
}
