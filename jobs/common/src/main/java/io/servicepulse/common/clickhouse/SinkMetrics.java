// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * What one ClickHouse sink subtask reports, in its writer's metric group (the operator is named
 * after the table): Flink's standard {@code numRecordsSend} (rows in ClickHouse) and {@code
 * numRecordsSendErrors} (rows refused, hence dead-lettered), {@code currentSendTime} (ms the last
 * INSERT took), and ServicePulse's {@code clickhouseInserts}, {@code clickhouseRetries} and {@code
 * clickhouseBatchesInFlight}. Counted by the writer thread, read by the reporters.
 */
final class SinkMetrics {

  final Counter rowsWritten;
  final Counter rowsRefused;
  final Counter inserts;
  final Counter retries;
  private volatile long lastInsertMs;
  private volatile int batchesInFlight;

  private SinkMetrics(Counter rowsWritten, Counter rowsRefused, Counter inserts, Counter retries) {
    this.rowsWritten = rowsWritten;
    this.rowsRefused = rowsRefused;
    this.inserts = inserts;
    this.retries = retries;
  }

  static SinkMetrics of(SinkWriterMetricGroup group) {
    SinkMetrics metrics =
        new SinkMetrics(
            group.getNumRecordsSendCounter(),
            group.getNumRecordsSendErrorsCounter(),
            group.counter("clickhouseInserts"),
            group.counter("clickhouseRetries"));
    group.setCurrentSendTimeGauge(() -> metrics.lastInsertMs);
    group.gauge("clickhouseBatchesInFlight", () -> metrics.batchesInFlight);
    return metrics;
  }

  void inserted(long millis) {
    inserts.inc();
    lastInsertMs = millis;
  }

  void batchesInFlight(int count) {
    batchesInFlight = count;
  }

  int batchesInFlight() {
    return batchesInFlight;
  }
}
