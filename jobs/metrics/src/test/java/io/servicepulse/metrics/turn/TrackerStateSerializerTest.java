// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.testing.StateMigration;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.metrics.wait.WaitAlert;
import io.servicepulse.metrics.wait.WaitAlertJudge;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

class TrackerStateSerializerTest {

  private static final TrackerStateSerializer SERIALIZER = new TrackerStateSerializer();

  @Test
  void everyStateOfAReplayComesBackEqual() throws Exception {
    GeneratedChat chat = new GeneratedChat(0.3);
    int checked = 0;
    try (var harness = chat.tracker(null)) {
      @SuppressWarnings("unchecked")
      var backend =
          (KeyedStateBackend<String>) (Object) harness.getOperator().getKeyedStateBackend();
      ValueStateDescriptor<TrackerState> descriptor =
          new ValueStateDescriptor<>("turn-tracker", TurnTracker.stateType());
      for (int i = 0; i < chat.messages.size(); i++) {
        chat.send(harness, i);
        if (i % 20 != 0) {
          continue;
        }
        List<String> keys;
        try (Stream<String> k = backend.getKeys("turn-tracker", VoidNamespace.INSTANCE)) {
          keys = k.toList();
        }
        for (String key : keys) {
          backend.setCurrentKey(key);
          ValueState<TrackerState> state =
              backend.getPartitionedState(
                  VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
          assertRoundTrip(state.value());
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void oddValuesComeBackEqual() throws Exception {
    TrackerState s = new TrackerState(null, "buyer-1", null);
    s.derivedAtWatermark = Long.MAX_VALUE;
    s.decidedUntil = -5;
    s.wakeUpAt = Long.MIN_VALUE;
    s.lastVersion = -3;
    ChatEvent strange = new ChatEvent(null, Long.MIN_VALUE, (byte) 7, null, "team");
    strange.seq = Long.MAX_VALUE;
    strange.conversationKey = Long.MIN_VALUE;
    ChatEvent buyer = new ChatEvent("b-1", 1_700_000_000_000L, ChatEvent.BUYER, "a-1", null);
    buyer.noReplyNeeded = true;
    buyer.conversationKey = Long.MIN_VALUE;
    ChatEvent negativeRole = new ChatEvent("b-10", Long.MAX_VALUE, (byte) -1, "a-1", "team");
    s.events.addAll(List.of(strange, buyer, negativeRole));
    TurnFact turn = new TurnFact();
    turn.turnId = "not-buffered";
    turn.conversationId = null;
    turn.shopId = "shop";
    turn.teamId = "";
    turn.agentId = null;
    turn.startMs = Long.MIN_VALUE;
    turn.answerMs = 12;
    turn.responseMs = 99;
    turn.answered = true;
    turn.withinN = true;
    turn.retracted = true;
    turn.day = Integer.MIN_VALUE;
    turn.finalAtMs = Long.MAX_VALUE;
    turn.version = Long.MIN_VALUE;
    TurnFact unanswered = new TurnFact();
    unanswered.turnId = "b-1";
    unanswered.conversationId = "b-1";
    unanswered.teamId = "team";
    unanswered.agentId = "a-1";
    unanswered.startMs = 1_700_000_000_000L;
    unanswered.answerMs = -1;
    unanswered.responseMs = -1;
    unanswered.day = 19_675;
    s.emittedTurns.addAll(List.of(turn, unanswered));
    ConversationFact open = new ConversationFact();
    open.conversationId = "b-1";
    open.shopId = "other-shop";
    open.finalAtMs = Long.MAX_VALUE;
    open.firstResponseAfterTimeoutMs = -7L;
    ConversationFact closed = new ConversationFact();
    closed.conversationId = "b-10";
    closed.finalAtMs = 42;
    closed.humanAnswered = true;
    s.emittedConversations.addAll(List.of(open, closed));
    WaitAlert sent = new WaitAlert();
    sent.shopId = "shop";
    sent.turnId = "b-1";
    sent.turnStartMs = 1_700_000_000_000L;
    sent.thresholdMs = 30_000;
    sent.status = WaitAlert.ANSWERED;
    sent.agentId = "a-2";
    sent.teamId = "";
    sent.answerMs = 1_700_000_040_000L;
    sent.waitedMs = 40_000;
    sent.version = 17;
    sent.emittedMs = 1_800_000_000_000L;
    WaitAlert odd = new WaitAlert();
    odd.turnId = null;
    odd.turnStartMs = Long.MAX_VALUE;
    odd.thresholdMs = -1;
    odd.status = "SOMETHING_NEW";
    odd.waitedMs = 5;
    odd.retracted = true;
    WaitAlert waiting = new WaitAlert();
    waiting.turnId = "b-10";
    waiting.status = WaitAlert.WAITING;
    waiting.agentId = "a-1";
    s.emittedAlerts.addAll(List.of(sent, odd, waiting));

    assertRoundTrip(s);
    s.alertsInState = false;
    assertRoundTrip(s);
    assertRoundTrip(new TrackerState());
  }

  @Test
  void statePojoSerializedByEarlierReleasesIsMigrated() {
    var pojo = Types.POJO(TrackerState.class).createSerializer(new SerializerConfigImpl());
    assertThat(pojo).isInstanceOf(PojoSerializer.class);
    assertThat(
            SERIALIZER
                .snapshotConfiguration()
                .resolveSchemaCompatibility(pojo.snapshotConfiguration())
                .isCompatibleAfterMigration())
        .isTrue();
    assertThat(
            SERIALIZER
                .snapshotConfiguration()
                .resolveSchemaCompatibility(SERIALIZER.snapshotConfiguration())
                .isCompatibleAsIs())
        .isTrue();
  }

  /**
   * A checkpoint of the tracker as released before the compact state (POJO serializer, one timer
   * per held message), taken a third of the way through the replay of {@link GeneratedChat} at 30 %
   * out of order: restored, the rest of the replay gives the same turns, contributions and alerts,
   * versions included, as a tracker that never stopped. The file must be regenerated if the
   * generator's stream changes.
   */
  @Test
  void restoresACheckpointOfTheReleaseBefore() throws Exception {
    GeneratedChat chat = new GeneratedChat(0.3);
    int snapshotAt = chat.messages.size() / 3;
    List<String> uninterrupted;
    try (var harness = chat.tracker(null)) {
      for (int i = 0; i <= snapshotAt; i++) {
        chat.send(harness, i);
      }
      clearOutputs(harness);
      for (int i = snapshotAt + 1; i < chat.messages.size(); i++) {
        chat.send(harness, i);
      }
      harness.processWatermark(Long.MAX_VALUE);
      uninterrupted = outputs(harness);
    }
    OperatorSubtaskState released =
        OperatorSnapshotUtil.readStateHandle(
            getClass().getResource("turn-tracker-pojo-2026-12-03.snapshot").getPath());
    GeneratedChat replayed = new GeneratedChat(0.3);
    int again = 2 * snapshotAt;
    List<String> restored = new ArrayList<>();
    OperatorSubtaskState migrated;
    try (var harness = replayed.tracker(released)) {
      assertThat(harness.numKeyedStateEntries()).as("with the old alerts' map").isPositive();
      assertThat(buyersWithReleasedAlerts(harness)).isPositive();
      for (int i = 0; i <= again; i++) {
        if (i <= snapshotAt) {
          replayed.skip(i);
        } else {
          replayed.send(harness, i);
        }
      }
      restored.addAll(outputs(harness));
      // The migrated state, written in the compact format, restores too.
      migrated = harness.snapshot(2, 2);
    }
    try (var harness = replayed.tracker(migrated)) {
      for (int i = again + 1; i < replayed.messages.size(); i++) {
        replayed.send(harness, i);
      }
      harness.processWatermark(Long.MAX_VALUE);
      restored.addAll(outputs(harness));
      restored.sort(null);
      assertThat(restored).isNotEmpty().isEqualTo(uninterrupted);
      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  private static long buyersWithReleasedAlerts(
      KeyedOneInputStreamOperatorTestHarness<String, ChatMessage, TurnFact> harness) {
    try (Stream<Object> keys =
        harness
            .getOperator()
            .getKeyedStateBackend()
            .getKeys(WaitAlertJudge.releasedState().getName(), VoidNamespace.INSTANCE)) {
      return keys.count();
    }
  }

  private static void assertRoundTrip(TrackerState s) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    SERIALIZER.serialize(s, out);
    TrackerState back =
        SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer(), 0, out.length()));
    assertThat(back).usingRecursiveComparison().isEqualTo(s);
    assertThat(SERIALIZER.copy(s)).usingRecursiveComparison().isEqualTo(s);
  }

  private static void clearOutputs(
      KeyedOneInputStreamOperatorTestHarness<String, ChatMessage, TurnFact> harness) {
    harness.getOutput().clear();
    harness.getSideOutput(TurnTracker.CONTRIBUTIONS).clear();
    harness.getSideOutput(WaitAlertJudge.ALERTS).clear();
  }

  /** Every record sent, described field by field (not the wall-clock emission time), sorted. */
  private static List<String> outputs(
      KeyedOneInputStreamOperatorTestHarness<String, ChatMessage, TurnFact> harness)
      throws IllegalAccessException {
    List<String> out = new ArrayList<>();
    for (TurnFact t : harness.extractOutputValues()) {
      out.add(describe(t));
    }
    for (var r : harness.getSideOutput(TurnTracker.CONTRIBUTIONS)) {
      out.add(describe(r.getValue()));
    }
    for (StreamRecord<WaitAlert> r : harness.getSideOutput(WaitAlertJudge.ALERTS)) {
      out.add(describe(r.getValue()));
    }
    out.sort(null);
    return out;
  }

  private static String describe(Object o) throws IllegalAccessException {
    if (o == null || o instanceof Number || o instanceof String || o instanceof Boolean) {
      return String.valueOf(o);
    }
    StringBuilder b = new StringBuilder(o.getClass().getSimpleName()).append('{');
    for (Field f : o.getClass().getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) && !f.getName().equals("emittedMs")) {
        b.append(f.getName()).append('=').append(describe(f.get(o))).append(',');
      }
    }
    return b.append('}').toString();
  }

  @Test
  void checkpointsOfTheReleasesBeforeFormatNumbersRestoreAsIs() throws Exception {
    assertThat(StateMigration.restoresUnnumberedFormatAsIs(new TrackerStateSerializer())).isTrue();
  }
}
