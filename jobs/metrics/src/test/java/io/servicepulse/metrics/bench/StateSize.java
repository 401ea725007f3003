// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.bench;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.common.decode.FirstCopyWins;
import io.servicepulse.common.testing.HeapOfCopies;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.ShopBuyerKey;
import io.servicepulse.metrics.turn.TurnTracker;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Tracker state per buyer with state, from a checkpoint of a tracker that replayed generated
 * traffic (realistic ids), snapshotted at several points; the heap that state takes once restored
 * (what sizing needs); and the tracker's own single-thread throughput, to separate its cost from
 * Kafka, decoding, shuffles and ClickHouse.
 */
final class StateSize {

  private StateSize() {}

  /** How many trackers restore the same checkpoint, so the heap they take stands out of noise. */
  private static final int HEAP_COPIES = 20;

  /**
   * Heap of the first-copy stage per event id it remembers: {@code messages} read by one, its
   * checkpoint restored into several at once, less as many empty ones.
   */
  private static long heapPerEventId(List<ChatMessage> messages) throws Exception {
    OperatorSubtaskState checkpoint;
    try (var firstCopy = firstCopy(null)) {
      for (ChatMessage m : messages) {
        firstCopy.processElement(Decoded.of(m), m.getTs().toEpochMilli());
      }
      checkpoint = firstCopy.snapshot(1, 1);
    }
    long ids = messages.stream().map(ChatMessage::getEventId).distinct().count();
    return HeapOfCopies.perKey(HEAP_COPIES / 4, ids, checkpoint, StateSize::firstCopy);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Decoded<ChatMessage>, ChatMessage>
      firstCopy(OperatorSubtaskState checkpoint) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            FirstCopyWins.operator(
                new FirstCopyWins<>(
                    "bench",
                    ServicePulseOptions.EVENTS_DEDUP_RETENTION.defaultValue(),
                    EventKind.CHAT,
                    ServicePulseOptions.EVENTS_ALLOWED_LATENESS.defaultValue(),
                    null)),
            FirstCopyWins.key(EventKind.CHAT.eventId()),
            FirstCopyWins.KEY_TYPE);
    harness.setCheckpointStorage(new JobManagerCheckpointStorage(256 << 20));
    if (checkpoint != null) {
      harness.initializeState(checkpoint);
    }
    harness.open();
    return harness;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ChatMessage, ?> open(
      OperatorSubtaskState checkpoint, MetricsSettings settings, long processingTime)
      throws Exception {
    var tracker = tracker(settings);
    tracker.setProcessingTime(processingTime);
    if (checkpoint != null) {
      tracker.initializeState(checkpoint);
    }
    tracker.open();
    return tracker;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ChatMessage, ?> tracker(
      MetricsSettings settings) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new TurnTracker("bench", settings)),
        new ShopBuyerKey(),
        Types.STRING);
  }

  static void print() throws Exception {
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder().seed(3).approximateEvents(300_000).build());
    EventCodec<ChatMessage> codec = EventCodec.chatMessages(ReleasedSchemas.bundled());
    List<ChatMessage> messages = new ArrayList<>();
    for (GeneratedRecord r : stream) {
      if (r.topic().equals(stream.config().chatTopic())) {
        DecodeResult<ChatMessage> d = codec.decode(r.value());
        if (d.isOk()) {
          messages.add(d.event());
        }
      }
    }
    MetricsSettings settings = MetricsSettings.from(JobConfig.of(Map.of()));
    try (var harness = tracker(settings)) {
      // A replay: the wall clock is a day after the last message, so the watermark is the judge.
      harness.setProcessingTime(
          messages.stream().mapToLong(m -> m.getTs().toEpochMilli()).max().orElse(0)
              + Duration.ofDays(1).toMillis());
      harness.open();
      long maxTs = Long.MIN_VALUE;
      OperatorSubtaskState largest = null;
      long largestKeys = 0;
      long bytes = 0;
      long keys = 0;
      long timers = 0;
      // CPU time of this thread: steadier than wall time when other processes share the cores.
      var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
      long start = cpu.getCurrentThreadCpuTime();
      long measured = 0;
      for (int i = 0; i < messages.size(); i++) {
        ChatMessage m = messages.get(i);
        long ts = m.getTs().toEpochMilli();
        harness.processElement(m, ts);
        if (ts > maxTs) {
          maxTs = ts;
          harness.processWatermark(maxTs - 30_001);
        }
        if (i > 0 && i % (messages.size() / 5) == 0) {
          measured += cpu.getCurrentThreadCpuTime() - start;
          OperatorSubtaskState snapshot = harness.snapshot(i, i);
          for (KeyedStateHandle h : snapshot.getManagedKeyedState()) {
            bytes += h.getStateSize();
          }
          try (var buyers =
              harness
                  .getOperator()
                  .getKeyedStateBackend()
                  .getKeys("turn-tracker", VoidNamespace.INSTANCE)) {
            long count = buyers.count();
            keys += count;
            if (count > largestKeys) {
              largest = snapshot;
              largestKeys = count;
            }
          }
          timers += harness.numEventTimeTimers() + harness.numProcessingTimeTimers();
          start = cpu.getCurrentThreadCpuTime();
        }
      }
      measured += cpu.getCurrentThreadCpuTime() - start;
      System.out.printf(
          "%nState: %,d bytes per buyer with state (checkpointed tracker state incl. alerts and timers,"
              + " averaged over 4 snapshots, %,d buyers with state on average, %.1f timers each)%n",
          keys == 0 ? 0 : bytes / keys, keys / 4, keys == 0 ? 0 : timers / (double) keys);
      long processingTime = harness.getProcessingTime();
      System.out.printf(
          "Heap: %,d bytes per buyer with state (the largest of those checkpoints, %,d buyers,"
              + " restored into %d trackers: what the heap state backend holds, keys, maps and"
              + " timers included)%n",
          HeapOfCopies.perKey(
              HEAP_COPIES, largestKeys, largest, c -> open(c, settings, processingTime)),
          largestKeys,
          HEAP_COPIES);
      System.out.printf(
          "Heap: %,d bytes per remembered event id in the first-copy stage (the ids of %,d messages"
              + " restored into %d operators; events.dedup-retention × events/s of them per job)%n",
          heapPerEventId(messages), messages.size(), HEAP_COPIES / 4);
      System.out.printf(
          "Tracker alone (one thread, no Kafka/ClickHouse/shuffle): %,.0f chat events per CPU-second%n",
          messages.size() / (measured / 1e9));
    }
  }
}
