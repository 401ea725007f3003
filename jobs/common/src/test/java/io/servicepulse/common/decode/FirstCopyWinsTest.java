// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FirstCopyWinsTest {

  private static final EventCodec<ChatMessage> CODEC =
      EventCodec.chatMessages(ReleasedSchemas.bundled());

  private KeyedOneInputStreamOperatorTestHarness<String, Decoded<ChatMessage>, ChatMessage> harness;
  private long offset;

  @BeforeEach
  void open() throws Exception {
    harness = harness(true);
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Decoded<ChatMessage>, ChatMessage>
      harness(boolean eventTime) throws Exception {
    return harness(eventTime, FirstCopyWins.KEY_TYPE);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Decoded<ChatMessage>, ChatMessage>
      harness(boolean eventTime, TypeInformation<String> keyType) throws Exception {
    FirstCopyWins<ChatMessage> function =
        new FirstCopyWins<>(
            "service-metrics",
            Duration.ofMinutes(10),
            EventKind.CHAT,
            Duration.ofMinutes(5),
            eventTime ? Duration.ofSeconds(30) : null);
    return new KeyedOneInputStreamOperatorTestHarness<>(
        FirstCopyWins.operator(function), FirstCopyWins.key(EventKind.CHAT.eventId()), keyType);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void theFirstCopyCountsARetryIsDroppedAConflictingCopyIsAnAddressedLetter() throws Exception {
    ChatMessage first = buyerSays(secs(0), "在吗");
    read(first);
    read(first);
    read(ChatMessage.newBuilder(first).setText("还在吗").build());

    assertThat(harness.extractOutputValues()).containsExactly(first);
    List<DeadLetter> letters = letters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).reason).isEqualTo(EventIdentity.CONFLICTING_DUPLICATE);
    assertThat(address(letters.get(0))).isEqualTo("chat-messages/1@2");
  }

  @Test
  void anEventTooFarBehindTheWatermarkIsALateLetterWithItsAddressAndBytes() throws Exception {
    ChatMessage onTime = buyerSays(mins(60), "在吗");
    ChatMessage late = buyerSays(mins(10), "还有货吗");
    harness.processWatermark(new Watermark(onTime.getTs().toEpochMilli()));
    read(onTime);
    read(late);

    assertThat(harness.extractOutputValues()).containsExactly(onTime);
    DeadLetter letter = letters().get(0);
    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_LATE);
    assertThat(letter.eventId).isEqualTo(late.getEventId());
    assertThat(address(letter)).isEqualTo("chat-messages/1@1");
    assertThat(CODEC.decode(letter.payload).event()).isEqualTo(late);
    assertThat(harness.getSideOutput(FirstCopyWins.late(EventKind.CHAT)))
        .as("the late event itself, for jobs that store it as a fact")
        .extracting(StreamRecord::getValue)
        .containsExactly(late);
  }

  @Test
  void afterARestoreALateEventIsJudgedByTheWatermarkTheJobHadReached() throws Exception {
    ChatMessage onTime = buyerSays(mins(60), "在吗");
    harness.processWatermark(new Watermark(onTime.getTs().toEpochMilli()));
    read(onTime);
    // Restored: the sources start again with no watermark, and the first record is a late one.
    restart();
    ChatMessage late = buyerSays(mins(10), "还有货吗");
    read(late);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(letters()).extracting(l -> l.stage).containsExactly(DeadLetter.STAGE_LATE);
  }

  @Test
  void aWatermarkThatArrivesAfterTheLastRecordIsCheckpointedToo() throws Exception {
    // The job read all it had, then the watermark caught up; nothing was read after it.
    ChatMessage last = buyerSays(mins(60), "在吗");
    read(last);
    harness.processWatermark(new Watermark(last.getTs().toEpochMilli()));
    restart();
    read(buyerSays(mins(10), "还有货吗"));

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(letters()).extracting(l -> l.stage).containsExactly(DeadLetter.STAGE_LATE);
  }

  @Test
  void afterARestoreFromACheckpointBeforeAnyWatermarkALateEventIsJudgedByItsPartition()
      throws Exception {
    // The checkpoint holds what was read from partition 1, but no watermark had been made yet.
    read(buyerSays(mins(60), "在吗"), 1);
    restart();
    // Partition 1 has nothing left to replay; its next record is a late one, and partition 2
    // (never read before) starts from its own beginning.
    ChatMessage late = buyerSays(mins(10), "还有货吗");
    ChatMessage otherPartition = buyerSays(mins(5), "发货了吗");
    read(late, 1);
    read(otherPartition, 2);

    assertThat(letters()).extracting(l -> l.eventId).containsExactly(late.getEventId());
    assertThat(harness.extractOutputValues())
        .as("another partition's progress makes no event late")
        .containsExactly(otherPartition);
  }

  @Test
  void anEventFarBehindItsOwnPartitionIsLateWhileTheJobWatermarkLags() throws Exception {
    // Partition 2 has not been reached yet, so the job's watermark is nothing.
    read(buyerSays(mins(60), "在吗"), 1);
    ChatMessage withinLateness = buyerSays(mins(56), "还在吗");
    ChatMessage late = buyerSays(mins(10), "还有货吗");
    read(withinLateness, 1);
    read(late, 1);

    assertThat(letters()).extracting(l -> l.eventId).containsExactly(late.getEventId());
    assertThat(harness.extractOutputValues()).hasSize(2).contains(withinLateness);
  }

  @Test
  void aDrainedJobsEndOfInputIsNoWatermarkToResumeFrom() throws Exception {
    harness.processWatermark(Watermark.MAX_WATERMARK);
    read(buyerSays(mins(60), "在吗"));
    restart();
    // Within the allowed lateness of everything read before: on time, unless MAX were kept.
    ChatMessage next = buyerSays(mins(58), "还有货吗");
    read(next);

    assertThat(harness.extractOutputValues()).containsExactly(next);
    assertThat(letters()).isEmpty();
  }

  @Test
  void theRestoredWatermarkIsTheLeastOfTheSubtasks() {
    assertThat(FirstCopyWins.restoredWatermark(List.of(5L, 3L, 9L))).isEqualTo(3L);
    assertThat(FirstCopyWins.restoredWatermark(List.of())).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void withoutEventTimeNothingIsLate() throws Exception {
    harness.close();
    harness = harness(false);
    harness.open();
    ChatMessage recent = buyerSays(mins(60), "在吗");
    ChatMessage old = buyerSays(mins(-600), "在吗");
    read(recent);
    read(old);
    assertThat(harness.extractOutputValues()).containsExactly(recent, old);
    assertThat(letters()).isEmpty();
  }

  @Test
  void idsCheckpointedWithFlinksStringKeysStillCountAfterTheUpgrade() throws Exception {
    // The release before keyed this operator with Flink's String serializer; its checkpoint
    // restores into the key serializer of this release and every remembered id still counts.
    harness.close();
    harness = harness(true, Types.STRING);
    harness.open();
    ChatMessage first = buyerSays(secs(0), "在吗");
    read(first);
    OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
    harness.close();
    harness = harness(true, FirstCopyWins.KEY_TYPE);
    harness.initializeState(checkpoint);
    harness.open();
    read(first);
    read(ChatMessage.newBuilder(first).setText("还在吗").build());

    assertThat(harness.extractOutputValues()).as("the retry is dropped").isEmpty();
    assertThat(letters()).as("the conflicting copy is a letter").hasSize(1);
  }

  /** A checkpoint, then this operator restored from it as after a failure. */
  private void restart() throws Exception {
    OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
    harness.close();
    harness = harness(true);
    harness.initializeState(checkpoint);
    harness.open();
  }

  @Test
  void idsPastTheirRetentionAreCleanedUpAsNewIdsArriveSoStateStaysBounded() throws Exception {
    harness.setStateTtlProcessingTime(0);
    for (int i = 0; i < 1_000; i++) {
      read(ChatMessage.newBuilder(buyerSays(secs(i), "在吗")).setEventId("old-" + i).build());
    }
    harness.setStateTtlProcessingTime(Duration.ofMinutes(11).toMillis());
    for (int i = 0; i < 1_000; i++) {
      read(ChatMessage.newBuilder(buyerSays(secs(i), "在吗")).setEventId("new-" + i).build());
    }

    long ids;
    try (var keys =
        harness
            .getOperator()
            .getKeyedStateBackend()
            .getKeys("event-id-fingerprint", VoidNamespace.INSTANCE)) {
      ids = keys.count();
    }
    assertThat(ids).as("ids kept: the 1,000 new ones and few expired").isLessThan(1_100);
  }

  private void read(ChatMessage event) throws Exception {
    read(event, 1);
  }

  private void read(ChatMessage event, int partition) throws Exception {
    RawRecord record =
        new RawRecord("chat-messages", partition, offset++, 0L, null, CODEC.encode(event));
    harness.processElement(
        new StreamRecord<>(Decoded.of(event, record), event.getTs().toEpochMilli()));
  }

  private List<DeadLetter> letters() {
    var letters = harness.getSideOutput(DeadLetters.TAG);
    return letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).toList();
  }

  private static String address(DeadLetter letter) {
    return letter.sourceTopic + "/" + letter.sourcePartition + "@" + letter.sourceOffset;
  }
}
