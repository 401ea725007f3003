// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import io.servicepulse.events.ServiceFeedback;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;

/** Turns planned events into wire records. Holds Avro codecs: one instance per thread. */
final class RecordEncoder {

  private static final SenderRole[] ROLES = SenderRole.values();
  private static final OrderStatus[] STATUSES = OrderStatus.values();
  private static final MalformedKind[] MALFORMED = MalformedKind.values();
  private static final PoisonKind[] POISON = PoisonKind.values();

  /** The poison amount, 10^28: unscaled 10^30 at scale 2, precision 31. */
  static final BigDecimal POISON_AMOUNT = new BigDecimal(BigInteger.TEN.pow(30), 2);

  /** UTF-8 bytes of the too-long poison text: 1 MiB + 1 (the jobs' cap is far lower). */
  static final int LONG_TEXT_BYTES = 1024 * 1024 + 1;

  /** Not UTF-8: a lead byte followed by '(' instead of a continuation byte. */
  static final byte[] INVALID_UTF8 = {(byte) 0xC3, 0x28};

  /** The chat schema version the generator writes (see the constructor). */
  static final int CHAT_VERSION = 2;

  private final EventCodec<ChatMessage> chatCodec;
  private final Schema chatSchema;
  private final EventCodec<OrderEvent> orderCodec;
  private final EventCodec<ServiceFeedback> feedbackCodec;
  private final EventCodec<AfterSalesEvent> afterSalesCodec;
  private final EventCodec<AgentEvent> agentCodec;
  private final GeneratorConfig config;

  RecordEncoder(GeneratorConfig config) {
    ReleasedSchemas schemas = ReleasedSchemas.bundled();
    // Version 2 until a scenario sets seq: the default stream keeps its bytes (version 3 adds
    // only the optional seq, which the generator does not fill).
    this.chatCodec = EventCodec.chatMessages(schemas).writingVersion(CHAT_VERSION);
    this.chatSchema =
        schemas.versionsOf(ChatMessage.getClassSchema().getFullName()).get(CHAT_VERSION - 1);
    this.orderCodec = EventCodec.orderEvents(schemas);
    this.feedbackCodec = EventCodec.serviceFeedback(schemas);
    this.afterSalesCodec = EventCodec.afterSalesEvents(schemas);
    this.agentCodec = EventCodec.agentEvents(schemas);
    this.config = config;
  }

  GeneratedRecord encode(PlannedEvent e) {
    byte[] value =
        switch (e.type) {
          case CHAT -> chatCodec.encode(chat(e));
          case ORDER -> orderCodec.encode(order(e));
          case MALFORMED -> malformed(e);
          case POISON -> poison(e);
          case FEEDBACK -> feedbackCodec.encode((ServiceFeedback) e.payload);
          case AFTER_SALES -> afterSalesCodec.encode((AfterSalesEvent) e.payload);
          case AGENT -> agentCodec.encode((AgentEvent) e.payload);
        };
    String topic = e.topic(config);
    return new GeneratedRecord(topic, e.buyer.recordKey, value, e.ts, e.kind);
  }

  static ChatMessage chat(PlannedEvent e) {
    ShopModel shop = e.buyer.shop;
    return ChatMessage.newBuilder()
        .setEventId(e.buyer.chatEventId(e.number))
        .setPlatform(shop.platform)
        .setShopId(shop.id)
        .setBuyerId(e.buyer.buyerId)
        .setAgentId(shop.agentId(e.agent))
        .setSenderRole(ROLES[e.code])
        .setText(Texts.get(e.text).text())
        .setTs(Instant.ofEpochMilli(e.ts))
        .setConversationId(e.buyer.conversationId(e.conversation))
        .setTeamId(shop.teamId(e.agent))
        .build();
  }

  static OrderEvent order(PlannedEvent e) {
    ShopModel shop = e.buyer.shop;
    String orderId = e.buyer.orderId(e.number);
    OrderStatus status = STATUSES[e.code];
    return OrderEvent.newBuilder()
        .setEventId(orderId + ":" + status.name())
        .setOrderId(orderId)
        .setShopId(shop.id)
        .setBuyerId(e.buyer.buyerId)
        .setStatus(status)
        .setAmount(BigDecimal.valueOf(e.amountCents, 2))
        .setCurrency(shop.currency)
        .setTs(Instant.ofEpochMilli(e.ts))
        .setRefundReason(e.text >= 0 ? Texts.get(e.text).text() : null)
        .build();
  }

  /** Deterministic bad bytes from the record's seed; a valid body comes from a throwaway event. */
  private byte[] malformed(PlannedEvent e) {
    Random rng = new Random(e.number);
    MalformedKind kind = MALFORMED[e.code];
    if (kind == MalformedKind.RANDOM_BYTES) {
      byte[] bytes = new byte[1 + rng.nextInt(64)];
      rng.nextBytes(bytes);
      if (bytes[0] == (byte) 0xC3) {
        bytes[0] = 0;
      }
      return bytes;
    }
    byte[] valid = e.isChatTopic() ? chatCodec.encode(throwawayChat(e)) : throwawayOrder(e);
    return switch (kind) {
      case TRUNCATED -> Arrays.copyOf(valid, 10 + rng.nextInt(valid.length - 10));
      case BAD_HEADER -> {
        valid[0] = (byte) 0xC4;
        yield valid;
      }
      default -> {
        for (int i = 2; i < 10; i++) {
          valid[i] = (byte) rng.nextInt();
        }
        yield valid;
      }
    };
  }

  private static ChatMessage throwawayChat(PlannedEvent e) {
    PlannedEvent source =
        new PlannedEvent(e.buyer, PlannedEvent.Type.CHAT, e.ts, e.number, 0, -1, 0, 0, 0);
    return ChatMessage.newBuilder(chat(source)).setEventId("malformed-" + e.number).build();
  }

  private byte[] throwawayOrder(PlannedEvent e) {
    PlannedEvent source =
        new PlannedEvent(e.buyer, PlannedEvent.Type.ORDER, e.ts, e.number, 0, -1, -1, 0, 9900);
    return orderCodec.encode(
        OrderEvent.newBuilder(order(source)).setEventId("malformed-" + e.number).build());
  }

  /** The event id a poison record carries; the truth lists it with its reason. */
  static String poisonEventId(PlannedEvent e) {
    if (e.original != null) {
      return e.isChatTopic() ? chat(e.original).getEventId() : order(e.original).getEventId();
    }
    return e.isChatTopic() ? e.buyer.chatEventId(1) : e.buyer.orderId(1) + ":CREATED";
  }

  /** A valid event of the poison buyer, then the one bad property of its kind. */
  private byte[] poison(PlannedEvent e) {
    PoisonKind kind = POISON[e.code];
    if (kind == PoisonKind.CONFLICTING_DUPLICATE) {
      Instant ts = Instant.ofEpochMilli(e.ts);
      return e.isChatTopic()
          ? chatCodec.encode(ChatMessage.newBuilder(chat(e.original)).setTs(ts).build())
          : orderCodec.encode(OrderEvent.newBuilder(order(e.original)).setTs(ts).build());
    }
    if (!e.isChatTopic()) {
      OrderEvent order = poisonOrder(e);
      return kind == PoisonKind.AMOUNT_OUT_OF_RANGE
          // Avro's decimal conversion refuses precision 31 > 18: write the unscaled bytes raw.
          ? rawEncode(
              order,
              order.getSchema(),
              "amount",
              ByteBuffer.wrap(POISON_AMOUNT.unscaledValue().toByteArray()))
          : orderCodec.encode(order);
    }
    ChatMessage message = poisonChat(e);
    return switch (kind) {
      case TEXT_TOO_LONG ->
          chatCodec.encode(ChatMessage.newBuilder(message).setText(LongText.TEXT).build());
      case INVALID_UTF8 ->
          rawEncode(message, chatSchema, "text", new Utf8(invalidUtf8(message.getText())));
      default -> chatCodec.encode(message);
    };
  }

  private static ChatMessage poisonChat(PlannedEvent e) {
    ShopModel shop = e.buyer.shop;
    // Routed like any message that names an agent: agent_id and team_id set.
    int agent = (e.number / 2) % shop.agents();
    return ChatMessage.newBuilder()
        .setEventId(poisonEventId(e))
        .setPlatform(shop.platform)
        .setShopId(shop.id)
        .setBuyerId(e.buyer.buyerId)
        .setAgentId(shop.agentId(agent))
        .setSenderRole(PoisonKind.role(e.number))
        .setText(Texts.get(e.text).text())
        .setTs(Instant.ofEpochMilli(e.ts))
        .setConversationId(e.buyer.conversationId(1))
        .setTeamId(shop.teamId(agent))
        .build();
  }

  private static OrderEvent poisonOrder(PlannedEvent e) {
    ShopModel shop = e.buyer.shop;
    String orderId = e.buyer.orderId(1);
    return OrderEvent.newBuilder()
        .setEventId(poisonEventId(e))
        .setOrderId(orderId)
        .setShopId(shop.id)
        .setBuyerId(e.buyer.buyerId)
        .setStatus(OrderStatus.CREATED)
        .setAmount(BigDecimal.valueOf(e.amountCents, 2))
        .setCurrency(shop.currency)
        .setTs(Instant.ofEpochMilli(e.ts))
        .build();
  }

  /** The text's UTF-8 with {@link #INVALID_UTF8} spliced in at a character boundary mid-text. */
  static byte[] invalidUtf8(String text) {
    int mid = text.offsetByCodePoints(0, text.codePointCount(0, text.length()) / 2);
    byte[] head = text.substring(0, mid).getBytes(StandardCharsets.UTF_8);
    byte[] tail = text.substring(mid).getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(head, head.length + INVALID_UTF8.length + tail.length);
    System.arraycopy(INVALID_UTF8, 0, bytes, head.length, INVALID_UTF8.length);
    System.arraycopy(tail, 0, bytes, head.length + INVALID_UTF8.length, tail.length);
    return bytes;
  }

  /**
   * Single-object encoding of {@code event} with one field replaced by a raw Avro value. Goes
   * through the generic writer without logical-type conversions, so bytes and Utf8 are written as
   * given: same header and fingerprint as the codec's ({@code schema}, the version the codec
   * writes; its fields are a prefix of the class's), a body the specific encoder would refuse.
   */
  private static byte[] rawEncode(SpecificRecord event, Schema schema, String field, Object raw) {
    GenericData model = new GenericData();
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      Object v = event.get(f.pos());
      if (v instanceof Instant t) {
        v = t.toEpochMilli();
      } else if (v instanceof BigDecimal d) {
        v = ByteBuffer.wrap(d.unscaledValue().toByteArray());
      } else if (v instanceof Enum<?> symbol) {
        v = model.createEnum(symbol.name(), f.schema());
      }
      record.put(f.pos(), v);
    }
    record.put(field, raw);
    try {
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(model, schema).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode poison " + schema.getName(), e);
    }
  }

  /** Built once, on first use: a buyer pasting the same complaint over and over. */
  private static final class LongText {
    static final String TEXT = build();

    private static String build() {
      String line = "亲，我上周买的这件羽绒服收到后发现袖口开线了，拉链也拉不上，" + "麻烦帮我看看怎么处理，能换一件新的吗？不行的话我就申请退款了。";
      int lineBytes = line.getBytes(StandardCharsets.UTF_8).length;
      StringBuilder text = new StringBuilder();
      int bytes = 0;
      for (; bytes + lineBytes <= LONG_TEXT_BYTES; bytes += lineBytes) {
        text.append(line);
      }
      return text.append("!".repeat(LONG_TEXT_BYTES - bytes)).toString();
    }
  }
}
