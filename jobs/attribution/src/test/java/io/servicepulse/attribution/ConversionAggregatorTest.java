// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.flink.ClosedRows;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ConversionAggregatorTest {

  private final AttributionSettings settings = AttributionSettings.defaults();

  private KeyedOneInputStreamOperatorTestHarness<String, ConversionDelta, ConversionRow> harness()
      throws Exception {
    return harness(null);
  }

  /** Restored from {@code snapshot} (null: empty), as after a failover. */
  private KeyedOneInputStreamOperatorTestHarness<String, ConversionDelta, ConversionRow> harness(
      OperatorSubtaskState snapshot) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ConversionAggregator("attribution", settings)),
            ConversionDelta::rowKey,
            Types.STRING);
    if (snapshot != null) {
      h.initializeState(snapshot);
    }
    h.open();
    return h;
  }

  @Test
  void afterARestoreAReplayedRowKeepsItsVersionAndALaterOneGoesAboveEverything() throws Exception {
    OperatorSubtaskState checkpoint;
    ConversionRow lost;
    try (var h = harness()) {
      h.processElement(inquiry(20_000), 0);
      h.processElement(inquiry(20_000), 0);
      checkpoint = h.snapshot(1, 1);
      // Emitted after the checkpoint, then the task fails: the restored job replays the delta.
      h.processElement(inquiry(20_000), 0);
      lost = h.extractOutputValues().get(2);
    }
    try (var h = harness(checkpoint)) {
      h.processElement(inquiry(20_000), 0);
      ConversionRow replayed = h.extractOutputValues().get(0);
      assertThat(replayed.version).isGreaterThanOrEqualTo(lost.version);
      assertThat(replayed.counts.inquiringBuyers).isEqualTo(lost.counts.inquiringBuyers);

      h.processElement(inquiry(20_000), 0);
      assertThat(h.extractOutputValues().get(1).version).isGreaterThan(lost.version);
    }
  }

  private static ConversionDelta inquiry(int day) {
    ConversionCounts counts = new ConversionCounts();
    counts.inquiringBuyers = 1;
    return new ConversionDelta("shop-1", "team-a", "agent-a", day, counts);
  }

  @Test
  void correctionsSumIntoOneRowWithRisingVersionsAndTheStateGoesWhenTheDayIsFinal()
      throws Exception {
    try (var h = harness()) {
      h.processElement(inquiry(20_000), 0);
      h.processElement(inquiry(20_000), 0);
      assertThat(h.extractOutputValues())
          .extracting(r -> r.counts.inquiringBuyers, r -> r.version)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1L, 1L),
              org.assertj.core.groups.Tuple.tuple(2L, 2L));

      h.processWatermark(settings.dayFinalAt("shop-1", 20_000) + settings.allowedLatenessMs + 1);
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      h.setProcessingTime(ClosedRows.MIN_GRACE_MS);
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void atTheEndOfInputRowsStayAndADeltaFromAnInputThatWasIdleStillCounts() throws Exception {
    try (var h = harness()) {
      h.processElement(inquiry(20_000), 0);
      h.processWatermark(Long.MAX_VALUE);
      h.processElement(inquiry(20_000), 0);

      assertThat(h.extractOutputValues())
          .extracting(r -> r.counts.inquiringBuyers)
          .containsExactly(1L, 2L);
      assertThat(h.getSideOutput(DeadLetters.TAG)).isNullOrEmpty();
    }
  }

  @Test
  void aCorrectionAfterTheDayIsFinalIsADeadLetterNotASilentlyIgnoredRow() throws Exception {
    try (var h = harness()) {
      h.processElement(inquiry(20_000), 0);
      h.processWatermark(settings.dayFinalAt("shop-1", 20_000) + settings.allowedLatenessMs + 1);
      h.setProcessingTime(ClosedRows.MIN_GRACE_MS);

      h.processElement(inquiry(20_000), 0);

      assertThat(h.extractOutputValues()).hasSize(1);
      assertThat(h.getSideOutput(DeadLetters.TAG))
          .singleElement()
          .satisfies(r -> assertThat(r.getValue().reason).contains("already final"));
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }
}
