package io.servicepulse.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.flink.ClosedRows;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ConversionAggregatorTest {

  private final AttributionSettings settings = AttributionSettings.defaults();

  private KeyedOneInputStreamOperatorTestHarness<String, ConversionDelta, ConversionRow> harness()
      throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ConversionAggregator("attribution", settings)),
            ConversionDelta::rowKey,
            Types.STRING);
    h.open();
    return h;
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

      h.processWatermark(settings.dayFinalAt(20_000) + settings.allowedLatenessMs + 1);
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      h.setProcessingTime(ClosedRows.GRACE_MS);
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
      h.processWatermark(settings.dayFinalAt(20_000) + settings.allowedLatenessMs + 1);
      h.setProcessingTime(ClosedRows.GRACE_MS);

      h.processElement(inquiry(20_000), 0);

      assertThat(h.extractOutputValues()).hasSize(1);
      assertThat(h.getSideOutput(DeadLetters.TAG))
          .singleElement()
          .satisfies(r -> assertThat(r.getValue().reason).contains("already final"));
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }
}
