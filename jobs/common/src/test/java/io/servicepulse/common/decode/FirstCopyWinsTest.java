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
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
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
    harness = harness();
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Decoded<ChatMessage>, ChatMessage>
      harness() throws Exception {
    FirstCopyWins<ChatMessage> function =
        new FirstCopyWins<>(
            "service-metrics", Duration.ofMinutes(10), EventKind.CHAT, Duration.ofMinutes(5));
    return new KeyedOneInputStreamOperatorTestHarness<>(
        FirstCopyWins.operator(function),
        FirstCopyWins.key(EventKind.CHAT.eventId()),
        Types.STRING);
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
  void aDrainedJobsEndOfInputIsNoWatermarkToResumeFrom() throws Exception {
    harness.processWatermark(Watermark.MAX_WATERMARK);
    read(buyerSays(mins(60), "在吗"));
    restart();
    ChatMessage next = buyerSays(mins(10), "还有货吗");
    read(next);

    assertThat(harness.extractOutputValues()).containsExactly(next);
  }

  @Test
  void theRestoredWatermarkIsTheLeastOfTheSubtasks() {
    assertThat(FirstCopyWins.restoredWatermark(List.of(5L, 3L, 9L))).isEqualTo(3L);
    assertThat(FirstCopyWins.restoredWatermark(List.of())).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void withoutEventTimeNothingIsLate() throws Exception {
    ChatMessage old = buyerSays(mins(-600), "在吗");
    read(old);
    assertThat(harness.extractOutputValues()).containsExactly(old);
    assertThat(letters()).isEmpty();
  }

  /** A checkpoint, then this operator restored from it as after a failure. */
  private void restart() throws Exception {
    OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
    harness.close();
    harness = harness();
    harness.initializeState(checkpoint);
    harness.open();
  }

  private void read(ChatMessage event) throws Exception {
    RawRecord record = new RawRecord("chat-messages", 1, offset++, 0L, null, CODEC.encode(event));
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
