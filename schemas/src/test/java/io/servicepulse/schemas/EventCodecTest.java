// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventCodecTest {

  private static final Instant BEGINNING = Instant.parse("2026-11-02T02:00:00Z");

  private final ReleasedSchemas store = ReleasedSchemas.bundled();
  private final EventCodec<ChatMessage> chats = EventCodec.chatMessages(store);
  private final EventCodec<OrderEvent> orders = EventCodec.orderEvents(store);

  private static ChatMessage chat() {
    return ChatMessage.newBuilder()
        .setEventId("m-1")
        .setPlatform("taobao")
        .setShopId("shop-1")
        .setBuyerId("buyer-1")
        .setAgentId("agent-1")
        .setSenderRole(SenderRole.AGENT)
        .setText("亲，在的，请问有什么可以帮您？")
        .setTs(BEGINNING)
        .setConversationId("c-1")
        .setTeamId("team-a")
        .build();
  }

  @Test
  void chatMessageRoundTrips() {
    assertThat(chats.decode(chats.encode(chat())).event()).isEqualTo(chat());
  }

  @Test
  void orderEventRoundTripsWithExactDecimalAmount() {
    OrderEvent order =
        OrderEvent.newBuilder()
            .setEventId("o-1-paid")
            .setOrderId("o-1")
            .setShopId("shop-1")
            .setBuyerId("buyer-1")
            .setStatus(OrderStatus.PAID)
            .setAmount(new BigDecimal("1299.90"))
            .setCurrency("CNY")
            .setTs(BEGINNING)
            .build();

    OrderEvent decoded = orders.decode(orders.encode(order)).event();

    assertThat(decoded).isEqualTo(order);
    assertThat(decoded.getAmount()).isEqualByComparingTo("1299.90");
    assertThat(decoded.getRefundReason()).isNull();
  }

  @Test
  void readerDecodesRecordsWrittenWithTheReleasedVersion1() {
    Schema v1 = store.versionsOf(ChatMessage.getClassSchema().getFullName()).get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("event_id", "m-old");
    old.put("platform", "jd");
    old.put("shop_id", "shop-1");
    old.put("buyer_id", "buyer-1");
    old.put("agent_id", null);
    old.put(
        "sender_role", new GenericData.EnumSymbol(v1.getField("sender_role").schema(), "BUYER"));
    old.put("text", "在吗");
    old.put("ts", BEGINNING.toEpochMilli());

    DecodeResult<ChatMessage> result = chats.decode(encodeGeneric(v1, old));

    assertThat(result.isOk()).as(result.toString()).isTrue();
    assertThat(result.event().getEventId()).isEqualTo("m-old");
    assertThat(result.event().getTs()).isEqualTo(BEGINNING);
    assertThat(result.event().getTeamId()).isNull();
    assertThat(result.event().getConversationId()).isNull();
  }

  @Test
  void readerDecodesANewerCompatibleVersionOnceItsSchemaIsInTheStoreFolder(@TempDir Path dir)
      throws IOException {
    String v3Json =
        ChatMessage.getClassSchema()
            .toString()
            .replace(
                "{\"name\":\"team_id\"",
                "{\"name\":\"channel\",\"type\":\"string\",\"default\":\"app\"},{\"name\":\"team_id\"");
    Schema v3 = new Schema.Parser().parse(v3Json);
    GenericRecord record = new GenericData.Record(v3);
    for (Schema.Field field : ChatMessage.getClassSchema().getFields()) {
      record.put(field.name(), toGeneric(chat().get(field.name()), v3.getField(field.name())));
    }
    record.put("channel", "pc");
    byte[] bytes = encodeGeneric(v3, record);

    assertThat(chats.decode(bytes).failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA);

    Files.writeString(dir.resolve("ChatMessage.v3.avsc"), v3Json);
    EventCodec<ChatMessage> upgraded = EventCodec.chatMessages(ReleasedSchemas.bundledPlus(dir));
    assertThat(upgraded.decode(bytes).event()).isEqualTo(chat());
  }

  @Test
  void bundledCurrentVersionIsTheGeneratedSchema() {
    var versions = store.versionsOf(ChatMessage.getClassSchema().getFullName());
    assertThat(ReleasedSchemas.fingerprint(versions.get(versions.size() - 1)))
        .isEqualTo(ReleasedSchemas.fingerprint(ChatMessage.getClassSchema()));
    var orderVersions = store.versionsOf(OrderEvent.getClassSchema().getFullName());
    assertThat(ReleasedSchemas.fingerprint(orderVersions.get(orderVersions.size() - 1)))
        .isEqualTo(ReleasedSchemas.fingerprint(OrderEvent.getClassSchema()));
  }

  @Test
  void unknownFingerprintIsATypedFailure() {
    byte[] bytes = chats.encode(chat());
    bytes[2] ^= 0x5a; // first fingerprint byte

    DecodeResult<ChatMessage> result = chats.decode(bytes);

    assertThat(result.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA);
    assertThat(result.detail()).isNotBlank();
  }

  @Test
  void bytesWithoutTheSingleObjectMarkerAreABadHeader() {
    DecodeResult<ChatMessage> result = chats.decode("{\"event_id\":\"json?\"}".getBytes());
    assertThat(result.failure()).isEqualTo(DecodeFailure.BAD_HEADER);
  }

  @Test
  void truncatedBodyIsCorrupt() {
    byte[] bytes = chats.encode(chat());
    DecodeResult<ChatMessage> result = chats.decode(Arrays.copyOf(bytes, bytes.length - 20));
    assertThat(result.failure()).isEqualTo(DecodeFailure.CORRUPT);
  }

  @Test
  void hugeLengthPrefixIsCorruptNotAnOutOfMemoryError() {
    byte[] header = Arrays.copyOf(chats.encode(chat()), 10);
    byte[] bytes = Arrays.copyOf(header, 20);
    Arrays.fill(bytes, 10, 19, (byte) 0xfe); // varint for an enormous string length
    bytes[19] = 0x0f;
    assertThat(chats.decode(bytes).failure()).isEqualTo(DecodeFailure.CORRUPT);
  }

  @Test
  void textThatIsNotUtf8IsATypedFailureNotAReplacementCharacter() {
    byte[] bytes = chats.encode(ChatMessage.newBuilder(chat()).setText("亲XY在的").build());
    int at = indexOf(bytes, "XY".getBytes(StandardCharsets.UTF_8));
    bytes[at] = (byte) 0xC3; // a lead byte followed by '(' is malformed UTF-8
    bytes[at + 1] = (byte) 0x28;
    DecodeResult<ChatMessage> result = chats.decode(bytes);
    assertThat(result.failure()).isEqualTo(DecodeFailure.INVALID_UTF8);
  }

  @Test
  void aGenuineReplacementCharacterIsKept() {
    ChatMessage sent = ChatMessage.newBuilder(chat()).setText("乱码\uFFFD了").build();
    assertThat(chats.decode(chats.encode(sent)).event().getText()).isEqualTo("乱码\uFFFD了");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void emptyAndNullValuesAreTypedFailures() {
    assertThat(chats.decode(new byte[0]).failure()).isEqualTo(DecodeFailure.EMPTY);
    assertThat(chats.decode(null).failure()).isEqualTo(DecodeFailure.EMPTY);
  }

  @Test
  void orderBytesOnTheChatTopicAreRejected() {
    OrderEvent order =
        OrderEvent.newBuilder()
            .setEventId("o-1")
            .setOrderId("o-1")
            .setShopId("s")
            .setBuyerId("b")
            .setStatus(OrderStatus.CREATED)
            .setAmount(new BigDecimal("1.00"))
            .setCurrency("CNY")
            .setTs(BEGINNING)
            .build();
    assertThat(chats.decode(orders.encode(order)).isOk()).isFalse();
  }

  private static Object toGeneric(Object value, Schema.Field field) {
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof Enum<?> symbol) {
      return new GenericData.EnumSymbol(field.schema(), symbol.name());
    }
    return value;
  }

  static byte[] encodeGeneric(Schema schema, GenericRecord record) {
    try {
      ByteBuffer buffer =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
