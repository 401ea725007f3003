// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import static io.servicepulse.common.testing.EventFixtures.BEGINNING;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.ShopBuyerKey;
import io.servicepulse.metrics.aggregate.MinuteContribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A {@link TurnTracker} in an operator test harness, driven with fixture times. */
final class TrackerHarness implements AutoCloseable {

  final KeyedOneInputStreamOperatorTestHarness<String, ChatMessage, TurnFact> harness;

  TrackerHarness(Map<String, String> config) throws Exception {
    this(config, null);
  }

  TrackerHarness() throws Exception {
    this(Map.of());
  }

  /** A tracker restored from {@code snapshot} (null: empty), as after a failover. */
  TrackerHarness(Map<String, String> config, OperatorSubtaskState snapshot) throws Exception {
    MetricsSettings settings = MetricsSettings.from(JobConfig.of(config));
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new TurnTracker("test", settings)),
            new ShopBuyerKey(),
            Types.STRING);
    if (snapshot != null) {
      harness.initializeState(snapshot);
    }
    harness.open();
  }

  OperatorSubtaskState snapshot() throws Exception {
    return harness.snapshot(1, 1);
  }

  TrackerHarness send(ChatMessage... messages) throws Exception {
    for (ChatMessage m : messages) {
      harness.processElement(m, m.getTs().toEpochMilli());
    }
    return this;
  }

  /** Advances the watermark to BEGINNING + at. */
  TrackerHarness watermark(Duration at) throws Exception {
    harness.processWatermark(BEGINNING.plus(at).toEpochMilli());
    return this;
  }

  /** Every turn record emitted so far, retractions included. */
  List<TurnFact> emitted() {
    return harness.extractOutputValues();
  }

  /**
   * The turns as the turns table shows them with FINAL: latest version per id, not deleted. Fails
   * if a turn's versions do not strictly increase: FINAL would keep either row of a tie.
   */
  List<TurnFact> currentTurns() {
    Map<String, TurnFact> latest = new java.util.TreeMap<>();
    for (TurnFact t : emitted()) {
      TurnFact seen = latest.get(t.turnId);
      if (seen != null && t.version <= seen.version) {
        throw new AssertionError(t + " is not above the earlier " + seen);
      }
      latest.put(t.turnId, t);
    }
    return latest.values().stream().filter(t -> !t.retracted).toList();
  }

  List<MinuteContribution> contributions() {
    List<MinuteContribution> out = new ArrayList<>();
    var queue = harness.getSideOutput(TurnTracker.CONTRIBUTIONS);
    if (queue != null) {
      for (StreamRecord<MinuteContribution> r : queue) {
        out.add(r.getValue());
      }
    }
    return out;
  }

  List<DeadLetter> deadLetters() {
    List<DeadLetter> out = new ArrayList<>();
    var queue = harness.getSideOutput(DeadLetters.TAG);
    if (queue != null) {
      for (StreamRecord<DeadLetter> r : queue) {
        out.add(r.getValue());
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
