package io.servicepulse.generator;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/** Turns planned events into wire records. Holds Avro codecs: one instance per thread. */
final class RecordEncoder {

  private static final SenderRole[] ROLES = SenderRole.values();
  private static final OrderStatus[] STATUSES = OrderStatus.values();
  private static final MalformedKind[] MALFORMED = MalformedKind.values();

  private final EventCodec<ChatMessage> chatCodec;
  private final EventCodec<OrderEvent> orderCodec;
  private final String chatTopic;
  private final String orderTopic;

  RecordEncoder(GeneratorConfig config) {
    ReleasedSchemas schemas = ReleasedSchemas.bundled();
    this.chatCodec = EventCodec.chatMessages(schemas);
    this.orderCodec = EventCodec.orderEvents(schemas);
    this.chatTopic = config.chatTopic();
    this.orderTopic = config.orderTopic();
  }

  GeneratedRecord encode(PlannedEvent e) {
    String topic = e.isChatTopic() ? chatTopic : orderTopic;
    byte[] value =
        switch (e.type) {
          case CHAT -> chatCodec.encode(chat(e));
          case ORDER -> orderCodec.encode(order(e));
          case MALFORMED -> malformed(e);
        };
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
}
