// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.metrics.aggregate.MinuteAggregator;
import io.servicepulse.metrics.aggregate.MinuteContribution;
import io.servicepulse.metrics.aggregate.MinuteSums;
import io.servicepulse.metrics.turn.TurnFact;
import io.servicepulse.metrics.turn.TurnTracker;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generator's stream, in its emission order with watermarks after every event, through the turn
 * tracker and the minute aggregation without a cluster: the totals equal the ground truth however
 * many messages arrive behind the watermark and force corrections. Live: the wall clock is each
 * record's send time, so every buyer is live and turns are decided provisionally at the wall clock,
 * ahead of the watermark; the corrections still end at the truth.
 */
class GeneratorReplayTest {

  private static final long OUT_OF_ORDERNESS_MS = 30_000;

  @ParameterizedTest(name = "out-of-order rate {0}, live {1}")
  @CsvSource({"0.05, false", "0.3, false", "0.05, true", "0.3, true"})
  void shopTotalsEqualTheTruthWhateverTheArrivalOrder(double outOfOrderRate, boolean live)
      throws Exception {
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder().seed(7).outOfOrderRate(outOfOrderRate).build());
    MetricsSettings settings = MetricsSettings.from(JobConfig.of(Map.of()));
    EventCodec<ChatMessage> codec = EventCodec.chatMessages(ReleasedSchemas.bundled());
    long behindWatermark = 0;
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new TurnTracker("replay", settings)),
            new ShopBuyerKey(),
            Types.STRING)) {
      harness.open();
      long maxTs = Long.MIN_VALUE;
      long wall = Long.MIN_VALUE;
      for (GeneratedRecord r : stream) {
        if (!r.topic().equals(stream.config().chatTopic())) {
          continue;
        }
        DecodeResult<ChatMessage> decoded = codec.decode(r.value());
        if (!decoded.isOk()) {
          continue;
        }
        long ts = decoded.event().getTs().toEpochMilli();
        if (live && r.timestamp() > wall) {
          // Sent at its record time; processing-time timers (live alerts, decisions) fire.
          wall = r.timestamp();
          harness.setProcessingTime(wall);
        }
        behindWatermark += ts <= maxTs - OUT_OF_ORDERNESS_MS - 1 ? 1 : 0;
        harness.processElement(decoded.event(), ts);
        if (ts > maxTs) {
          maxTs = ts;
          harness.processWatermark(maxTs - OUT_OF_ORDERNESS_MS - 1);
        }
      }
      harness.processWatermark(Long.MAX_VALUE);

      List<TurnFact> turns = harness.extractOutputValues();
      List<MinuteContribution> contributions = new ArrayList<>();
      turns.forEach(t -> contributions.add(MinuteContribution.ofTurn(t)));
      for (StreamRecord<MinuteContribution> c : harness.getSideOutput(TurnTracker.CONTRIBUTIONS)) {
        contributions.add(c.getValue());
      }
      long retractions = turns.stream().filter(t -> t.retracted).count();
      System.out.printf(
          "out-of-order %.2f, live %s: %d messages behind the watermark, %d turn retractions%n",
          outOfOrderRate, live, behindWatermark, retractions);

      assertThat(behindWatermark).isPositive();
      assertThat(shopTotals(contributions)).isEqualTo(expected(stream.truth()));
      assertThat(harness.numKeyedStateEntries()).isZero();
    }
  }

  private static Map<String, String> expected(GroundTruth truth) {
    Map<String, String> out = new TreeMap<>();
    truth.service().forEach((shop, s) -> out.put(shop, describe(s.total())));
    return out;
  }

  private static Map<String, String> shopTotals(List<MinuteContribution> contributions) {
    Map<String, MinuteAggregator> rows = new HashMap<>();
    for (MinuteContribution c : contributions) {
      rows.computeIfAbsent(c.rowKey(), k -> MinuteAggregator.forRow(c)).apply(c, Long.MIN_VALUE);
    }
    Map<String, MinuteSums> shops = new TreeMap<>();
    rows.values()
        .forEach(r -> shops.computeIfAbsent(r.shopId, s -> new MinuteSums()).add(r.current()));
    Map<String, String> out = new TreeMap<>();
    shops.forEach(
        (shop, s) ->
            out.put(
                shop,
                String.join(
                    " ",
                    List.of(
                            s.turns,
                            s.answered,
                            s.unanswered,
                            s.slow,
                            s.responseMsSum,
                            s.responseMsMax,
                            s.firstResponseMsSum,
                            s.firstResponseCount,
                            s.conversations,
                            s.conversationsWithHumanAnswer,
                            s.agentMessages)
                        .stream()
                        .map(String::valueOf)
                        .toList())));
    return out;
  }

  private static String describe(GroundTruth.ServiceCounts c) {
    return String.join(
        " ",
        List.of(
                c.turns(),
                c.answered(),
                c.unanswered(),
                c.slow(),
                c.responseMsSum(),
                c.responseMsMax(),
                c.firstResponseMsSum(),
                c.firstResponseCount(),
                c.conversations(),
                c.conversationsWithHumanAnswer(),
                c.agentMessages())
            .stream()
            .map(String::valueOf)
            .toList());
  }
}
