// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.testing.HeapOfCopies;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Not a test: run on purpose to print the attribution job's figures on this machine.
 *
 * <pre>
 * mvn -o -q -pl jobs/attribution exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.servicepulse.attribution.AttributionBenchmark [-Dexec.args=EVENTS]
 * </pre>
 *
 * Events/s per core: one thread drives the two keyed operators (per-buyer attribution, then the
 * conversion rows) in Flink's test harness with the heap state backend, watermarks every 1,000
 * events; Avro decoding is timed separately (the job decodes twice: timestamps at the source, then
 * the event). State bytes per buyer: each buyer's {@link BuyerState} through its serializer (and
 * Flink's POJO serializer of earlier releases, for comparison), at the end of the stream
 * (everything still open) and as the watermark made days final.
 */
public final class AttributionBenchmark {

  private AttributionBenchmark() {}

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 300_000;
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder().shops(10).days(7).approximateEvents(events).build());
    List<Object> decoded = new ArrayList<>();
    long decodeNanos = decode(stream, decoded);
    AttributionSettings settings = AttributionSettings.from(JobConfig.of(Map.of()));

    for (int round = 1; round <= 3; round++) {
      run(round, decoded, settings, decodeNanos);
    }
  }

  private static void run(
      int round, List<Object> events, AttributionSettings settings, long decodeNanos)
      throws Exception {
    var buyers = new BuyerHarness(settings);
    var rows =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ConversionAggregator("attribution", settings)),
            ConversionDelta::rowKey,
            Types.STRING);
    rows.open();
    long maxTs = Long.MIN_VALUE;
    int seenDeltas = 0;
    long start = System.nanoTime();
    for (int i = 0; i < events.size(); i++) {
      Object e = events.get(i);
      if (e instanceof ChatMessage m) {
        buyers.chat(m);
        maxTs = Math.max(maxTs, m.getTs().toEpochMilli());
      } else {
        OrderEvent o = (OrderEvent) e;
        buyers.order(o);
        maxTs = Math.max(maxTs, o.getTs().toEpochMilli());
      }
      if (i % 1_000 == 999) {
        Watermark watermark = new Watermark(maxTs - 30_000);
        buyers.harness.processBothWatermarks(watermark);
        seenDeltas = forward(buyers, rows, seenDeltas);
        rows.processWatermark(watermark);
      }
    }
    seenDeltas = forward(buyers, rows, seenDeltas);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> bytes = stateBytes(events);
    System.out.printf(
        "round %d: %,d events in %.2f s = %,.0f events/s per core (operators);"
            + " with double Avro decode %,.0f events/s; %,d corrections, %,d rows emitted;"
            + " state now %,d keyed entries, %,d timers%n",
        round,
        events.size(),
        seconds,
        events.size() / seconds,
        events.size() / (seconds + 2 * decodeNanos / 1e9),
        seenDeltas,
        rows.extractOutputValues().size(),
        buyers.stateEntries(),
        buyers.timers());
    if (round == 1) {
      System.out.printf(
          "state per buyer with everything open (no cleanup): %d buyers, mean %,d B, max %,d B,"
              + " written in %,d ns each (Flink's POJO serializer of earlier releases: mean %,d B,"
              + " max %,d B, %,d ns)%n",
          bytes.get("buyers"),
          bytes.get("mean"),
          bytes.get("max"),
          bytes.get("ns"),
          bytes.get("pojo-mean"),
          bytes.get("pojo-max"),
          bytes.get("pojo-ns"));
    }
    if (round == 1) {
      OperatorSubtaskState checkpoint = buyers.snapshot();
      int entries = buyers.stateEntries();
      System.out.printf(
          "heap per buyer with state at the end of the stream: %,d B (%,d buyers restored into %d"
              + " operators from a checkpoint, less as many empty ones: what the heap state backend"
              + " holds, keys, maps and timers included)%n",
          HeapOfCopies.perKey(HEAP_COPIES, entries, checkpoint, c -> new BuyerHarness(settings, c)),
          entries,
          HEAP_COPIES);
    }
    rows.close();
    buyers.close();
  }

  /** How many operators restore the same checkpoint, so the heap they take stands out of noise. */
  private static final int HEAP_COPIES = 10;

  private static int forward(
      BuyerHarness buyers,
      KeyedOneInputStreamOperatorTestHarness<String, ConversionDelta, ConversionRow> rows,
      int seen)
      throws Exception {
    List<ConversionDelta> deltas = buyers.deltas();
    for (int i = seen; i < deltas.size(); i++) {
      rows.processElement(new StreamRecord<>(deltas.get(i)));
    }
    return deltas.size();
  }

  /** Replays all events into one ledger per buyer (no cleanup) and serializes each state. */
  private static Map<String, Long> stateBytes(List<Object> events) throws Exception {
    AttributionSettings settings = AttributionSettings.from(JobConfig.of(Map.of()));
    Map<String, BuyerState> states = new HashMap<>();
    for (Object e : events) {
      if (e instanceof ChatMessage m) {
        if (m.getSenderRole() != io.servicepulse.events.SenderRole.AGENT) {
          continue;
        }
        BuyerState s =
            states.computeIfAbsent(
                AttributionFunction.keyOf(m),
                k -> BuyerLedger.newState(m.getShopId(), m.getBuyerId()));
        BuyerLedger ledger = new BuyerLedger(settings, s);
        ledger.addAnswer(m);
        ledger.recompute();
      } else {
        OrderEvent o = (OrderEvent) e;
        BuyerState s =
            states.computeIfAbsent(
                AttributionFunction.keyOf(o),
                k -> BuyerLedger.newState(o.getShopId(), o.getBuyerId()));
        BuyerLedger ledger = new BuyerLedger(settings, s);
        ledger.addOrderEvent(o);
        ledger.recompute();
      }
    }
    Map<String, Long> figures = new HashMap<>();
    figures.put("buyers", (long) states.size());
    // Each twice, alternating, so neither is measured colder than the other.
    for (int i = 0; i < 2; i++) {
      measure(TypeInformation.of(BuyerState.class), "pojo-", states, figures);
      measure(AttributionFunction.stateType(), "", states, figures);
    }
    return figures;
  }

  /** Bytes per state and the time to write every state once (best of five passes). */
  private static void measure(
      TypeInformation<BuyerState> type,
      String prefix,
      Map<String, BuyerState> states,
      Map<String, Long> figures)
      throws Exception {
    TypeSerializer<BuyerState> serializer = type.createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(4096);
    long total = 0;
    long max = 0;
    long best = Long.MAX_VALUE;
    for (int pass = 0; pass < 5; pass++) {
      long start = System.nanoTime();
      total = 0;
      for (BuyerState s : states.values()) {
        out.clear();
        serializer.serialize(s, out);
        total += out.length();
        max = Math.max(max, out.length());
      }
      best = Math.min(best, System.nanoTime() - start);
    }
    figures.put(prefix + "mean", total / states.size());
    figures.put(prefix + "max", max);
    figures.put(prefix + "ns", best / states.size());
  }

  private static long decode(GeneratedStream stream, List<Object> into) {
    EventCodec<ChatMessage> chat = EventCodec.chatMessages(ReleasedSchemas.bundled());
    EventCodec<OrderEvent> orders = EventCodec.orderEvents(ReleasedSchemas.bundled());
    long start = System.nanoTime();
    for (GeneratedRecord r : stream) {
      DecodeResult<?> result =
          r.topic().contains("chat") ? chat.decode(r.value()) : orders.decode(r.value());
      if (result.isOk()) {
        into.add(result.event());
      }
    }
    return System.nanoTime() - start;
  }
}
