// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import static io.servicepulse.common.testing.EventFixtures.BEGINNING;
import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.message;
import static io.servicepulse.common.testing.EventFixtures.order;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

  /** The clock when the records are read: an hour after the fixtures' events. */
  private static final long NOW = BEGINNING.toEpochMilli() + 3_600_000;

  private final EventCodec<ChatMessage> chatCodec =
      EventCodec.chatMessages(ReleasedSchemas.bundled());
  private final EventCodec<OrderEvent> orderCodec =
      EventCodec.orderEvents(ReleasedSchemas.bundled());
  private final EventDecoder<ChatMessage> chats =
      EventDecoder.chatMessages("test", null, EventLimits.defaults());
  private final EventDecoder<OrderEvent> orders =
      EventDecoder.orderEvents("test", null, EventLimits.defaults());

  private static RawRecord record(long offset, byte[] value) {
    return new RawRecord("chat-messages", 2, offset, 1000L, null, value);
  }

  private DeadLetter chatLetter(ChatMessage m) {
    Decoded<ChatMessage> d = chats.decode(record(7, chatCodec.encode(m)), NOW);
    assertThat(d.isEvent()).as("dead-lettered: %s", m).isFalse();
    return d.deadLetter;
  }

  /** The order's wire bytes with an amount the generated class would refuse to encode. */
  private static byte[] withAmount(OrderEvent o, BigDecimal amount) {
    Schema schema = OrderEvent.getClassSchema();
    GenericRecord generic = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      Object v = o.get(f.pos());
      if (v instanceof Instant t) {
        v = t.toEpochMilli();
      } else if (v instanceof Enum<?> e) {
        v = new GenericData.EnumSymbol(f.schema(), e.name());
      }
      generic.put(f.pos(), v);
    }
    generic.put("amount", ByteBuffer.wrap(amount.unscaledValue().toByteArray()));
    try {
      ByteBuffer buffer =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(generic);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void decodesValidRecords() {
    ChatMessage reply = agentReplies(secs(5), "agent-1");
    Decoded<ChatMessage> d = chats.decode(record(1, chatCodec.encode(reply)), NOW);
    assertThat(d.event).isEqualTo(reply);
    assertThat(d.deadLetter).isNull();
  }

  @Test
  void undecodableBytesBecomeADeadLetterWithTheirAddress() {
    Decoded<ChatMessage> d =
        chats.decode(record(41, "not avro".getBytes(StandardCharsets.UTF_8)), NOW);

    DeadLetter letter = d.deadLetter;
    assertThat(d.event).isNull();
    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_DECODE);
    assertThat(letter.reason).isEqualTo("BAD_HEADER");
    assertThat(letter.sourceTopic).isEqualTo("chat-messages");
    assertThat(letter.sourcePartition).isEqualTo(2);
    assertThat(letter.sourceOffset).isEqualTo(41);
    assertThat(new String(letter.payload, StandardCharsets.UTF_8)).isEqualTo("not avro");
  }

  @Test
  void anAgentMessageWithoutAgentIsInvalid() {
    ChatMessage orphan = message(secs(1), SenderRole.AGENT, "在的").build();
    DeadLetter letter = chatLetter(orphan);
    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_INVALID);
    assertThat(letter.reason).isEqualTo("AGENT message without agent_id");
    assertThat(letter.eventId).isEqualTo(orphan.getEventId());
  }

  @Test
  void theSameBadRecordReplayedGetsTheSameDeadLetterId() {
    DeadLetter first = chats.decode(record(9, new byte[] {1, 2, 3}), NOW).deadLetter;
    DeadLetter again = chats.decode(record(9, new byte[] {1, 2, 3}), NOW).deadLetter;
    assertThat(first.deadLetterId).isEqualTo(again.deadLetterId);
  }

  @Test
  void aFarFutureEventIsInvalidAndKeepsItsAddress() {
    ChatMessage future =
        ChatMessage.newBuilder(buyerSays(secs(0), "在吗"))
            .setTs(Instant.parse("2100-01-01T00:00:00Z"))
            .build();
    DeadLetter letter = chatLetter(future);
    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_INVALID);
    assertThat(letter.reason).isEqualTo(EventRules.TS_AHEAD);
    assertThat(letter.sourceOffset).isEqualTo(7);
    assertThat(letter.eventId).isEqualTo(future.getEventId());
  }

  @Test
  void anEventLessThanTheMarginAheadIsFine() {
    ChatMessage soon =
        ChatMessage.newBuilder(buyerSays(secs(0), "在吗"))
            .setTs(Instant.ofEpochMilli(NOW + 3_000_000))
            .build();
    assertThat(chats.decode(record(1, chatCodec.encode(soon)), NOW).isEvent()).isTrue();
  }

  @Test
  void anAncientEventIsInvalid() {
    ChatMessage ancient =
        ChatMessage.newBuilder(buyerSays(secs(0), "在吗"))
            .setTs(Instant.parse("1990-01-01T00:00:00Z"))
            .build();
    assertThat(chatLetter(ancient).reason).isEqualTo(EventRules.TS_BEFORE_FLOOR);
  }

  @Test
  void aTextOverTheCapIsInvalidAndOneJustUnderIsFine() {
    String under = "好".repeat(256 * 1024 / 3);
    assertThat(chats.decode(record(1, chatCodec.encode(buyerSays(secs(0), under))), NOW).isEvent())
        .isTrue();
    DeadLetter letter = chatLetter(buyerSays(secs(0), "好".repeat(400_000)));
    assertThat(letter.reason).isEqualTo(EventRules.TEXT_TOO_LONG);
    assertThat(letter.error).contains("1200000 UTF-8 bytes");
  }

  @Test
  void anIdLongerThan256CharactersIsInvalidAndItsIdIsClipped() {
    ChatMessage m =
        ChatMessage.newBuilder(buyerSays(secs(0), "在吗")).setEventId("e".repeat(10_000)).build();
    DeadLetter letter = chatLetter(m);
    assertThat(letter.reason).isEqualTo(EventRules.ID_TOO_LONG);
    assertThat(letter.eventId).hasSize(EventLimits.MAX_ID_CHARS);
  }

  @Test
  void invalidUtf8IsInvalidNotSilentlyReplaced() {
    byte[] bytes = chatCodec.encode(buyerSays(secs(0), "亲XY在的"));
    String latin = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = latin.indexOf("XY");
    bytes[at] = (byte) 0xC3;
    bytes[at + 1] = (byte) 0x28;
    DeadLetter letter = chats.decode(record(3, bytes), NOW).deadLetter;
    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_INVALID);
    assertThat(letter.reason).isEqualTo(EventRules.INVALID_UTF8);
    assertThat(letter.payload).isEqualTo(bytes);
  }

  @Test
  void anAmountBeyondDecimal18x2IsInvalidAndTheLargestThatFitsIsFine() {
    // Valid Avro bytes: a producer's encoder that does not check precision wrote 10^28.
    byte[] huge =
        withAmount(
            order(secs(0), "o-1", OrderStatus.CREATED, "1.00"),
            new BigDecimal("10000000000000000000000000000.00"));
    DeadLetter letter = orders.decode(record(8, huge), NOW).deadLetter;
    assertThat(letter.reason).isEqualTo(EventRules.AMOUNT_OUT_OF_RANGE);
    assertThat(letter.sourceOffset).isEqualTo(8);
    OrderEvent largest = order(secs(0), "o-2", OrderStatus.CREATED, "9999999999999999.99");
    assertThat(orders.decode(record(1, orderCodec.encode(largest)), NOW).event).isEqualTo(largest);
  }
}
