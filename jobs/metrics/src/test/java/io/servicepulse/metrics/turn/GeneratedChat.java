// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.ShopBuyerKey;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The generator's chat messages (seed 7), replayed through a tracker as the benchmarks do: the
 * watermark 30 s + 1 ms behind the newest message, the wall clock a day after the last one.
 */
final class GeneratedChat {

  final List<ChatMessage> messages = new ArrayList<>();
  final long dayAfter;
  private long maxTs = Long.MIN_VALUE;

  GeneratedChat(double outOfOrderRate) {
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder().seed(7).outOfOrderRate(outOfOrderRate).build());
    EventCodec<ChatMessage> codec = EventCodec.chatMessages(ReleasedSchemas.bundled());
    for (GeneratedRecord r : stream) {
      if (r.topic().equals(stream.config().chatTopic())) {
        DecodeResult<ChatMessage> d = codec.decode(r.value());
        if (d.isOk()) {
          messages.add(d.event());
        }
      }
    }
    dayAfter =
        messages.stream().mapToLong(m -> m.getTs().toEpochMilli()).max().orElse(0) + 86_400_000L;
  }

  /** A tracker with default settings, restored from {@code snapshot} if not null. */
  KeyedOneInputStreamOperatorTestHarness<String, ChatMessage, TurnFact> tracker(
      OperatorSubtaskState snapshot) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new TurnTracker("test", MetricsSettings.from(JobConfig.of(Map.of())))),
            new ShopBuyerKey(),
            Types.STRING);
    if (snapshot != null) {
      harness.initializeState(snapshot);
    }
    harness.open();
    harness.setProcessingTime(dayAfter);
    return harness;
  }

  /** Message {@code i} was sent before a restore: only its time counts for the watermark. */
  void skip(int i) {
    maxTs = Math.max(maxTs, messages.get(i).getTs().toEpochMilli());
  }

  /** Sends message {@code i}, then the watermark if it is the newest so far. */
  void send(KeyedOneInputStreamOperatorTestHarness<String, ChatMessage, TurnFact> harness, int i)
      throws Exception {
    long ts = messages.get(i).getTs().toEpochMilli();
    harness.processElement(messages.get(i), ts);
    if (ts > maxTs) {
      maxTs = ts;
      harness.processWatermark(maxTs - 30_001);
    }
  }
}
