package io.servicepulse.common.decode;

import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.message;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.SenderRole;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

  private final EventCodec<ChatMessage> codec = EventCodec.chatMessages(ReleasedSchemas.bundled());
  private OneInputStreamOperatorTestHarness<RawRecord, ChatMessage> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(EventDecoder.chatMessages("test", null)));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static RawRecord record(long offset, byte[] value) {
    return new RawRecord("chat-messages", 2, offset, 1000L, null, value);
  }

  @Test
  void decodesValidRecords() throws Exception {
    ChatMessage reply = agentReplies(secs(5), "agent-1");
    harness.processElement(new StreamRecord<>(record(1, codec.encode(reply)), 1000L));

    assertThat(harness.extractOutputValues()).containsExactly(reply);
    assertThat(harness.getSideOutput(DeadLetters.TAG)).isNull();
  }

  @Test
  void undecodableBytesBecomeADeadLetterWithTheirAddressAndTheJobGoesOn() throws Exception {
    harness.processElement(
        new StreamRecord<>(record(41, "not avro".getBytes(StandardCharsets.UTF_8)), 1000L));
    ChatMessage reply = agentReplies(secs(5), "agent-1");
    harness.processElement(new StreamRecord<>(record(42, codec.encode(reply)), 1000L));

    List<DeadLetter> letters = deadLetters();
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0);
    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_DECODE);
    assertThat(letter.reason).isEqualTo("BAD_HEADER");
    assertThat(letter.sourceTopic).isEqualTo("chat-messages");
    assertThat(letter.sourcePartition).isEqualTo(2);
    assertThat(letter.sourceOffset).isEqualTo(41);
    assertThat(new String(letter.payload, StandardCharsets.UTF_8)).isEqualTo("not avro");
    assertThat(harness.extractOutputValues()).containsExactly(reply);
  }

  @Test
  void anAgentMessageWithoutAgentIsInvalid() throws Exception {
    ChatMessage orphan = message(secs(1), SenderRole.AGENT, "在的").build();
    harness.processElement(new StreamRecord<>(record(7, codec.encode(orphan)), 1000L));

    assertThat(harness.extractOutputValues()).isEmpty();
    DeadLetter letter = deadLetters().get(0);
    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_INVALID);
    assertThat(letter.reason).isEqualTo("AGENT message without agent_id");
    assertThat(letter.eventId).isEqualTo(orphan.getEventId());
  }

  @Test
  void theSameBadRecordReplayedGetsTheSameDeadLetterId() throws Exception {
    harness.processElement(new StreamRecord<>(record(9, new byte[] {1, 2, 3}), 1000L));
    harness.processElement(new StreamRecord<>(record(9, new byte[] {1, 2, 3}), 1000L));

    List<DeadLetter> letters = deadLetters();
    assertThat(letters).hasSize(2);
    assertThat(letters.get(0).deadLetterId).isEqualTo(letters.get(1).deadLetterId);
  }

  private List<DeadLetter> deadLetters() {
    return harness.getSideOutput(DeadLetters.TAG).stream().map(StreamRecord::getValue).toList();
  }
}
