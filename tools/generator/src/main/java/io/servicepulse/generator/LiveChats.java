// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Live conversations for the benchmarks' delay figures: buyers ask and are answered three times,
 * every message stamped with the wall-clock time it is sent, so event time and send time agree. One
 * buyer in ten orders right after the first answer (when an order topic is given), and one in
 * twenty gets an insulting first answer, so AttributionJob and QaJob have live rows to time too.
 */
public final class LiveChats {

  private static final int BUYERS = 2_000;
  private static final int AGENTS = 20;

  /** The sender's Kafka client id, in its network thread's name: benchmarks leave it out. */
  public static final String CLIENT_ID = "live-chats";

  private final KafkaProducer<byte[], byte[]> producer;

  /** An agent answer the QA inspector flags (abuse, Chinese). */
  static final String INSULT = "你是傻逼吧";

  private final String topic;
  private final String orderTopic;
  private final EventCodec<ChatMessage> codec = EventCodec.chatMessages(ReleasedSchemas.bundled());
  private final EventCodec<OrderEvent> orderCodec =
      EventCodec.orderEvents(ReleasedSchemas.bundled());

  public LiveChats(String bootstrap, String topic) {
    this(bootstrap, topic, null);
  }

  /** {@code orderTopic} null: chats only. */
  public LiveChats(String bootstrap, String topic, String orderTopic) {
    this.producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "linger.ms", 5, "client.id", CLIENT_ID),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.topic = topic;
    this.orderTopic = orderTopic;
  }

  /**
   * Sends at {@code rate} message slots/s for {@code seconds} (a tenth of the buyers' answer slots
   * stay silent); returns the number of slots.
   */
  public long run(double rate, int seconds) {
    long start = System.nanoTime();
    long total = (long) (rate * seconds);
    for (long i = 0; i < total; i++) {
      long due = start + (long) (i * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      // BUYERS buyers chat at a time, each asks and is answered one round (BUYERS messages)
      // later, three turns, then leaves and a new buyer takes the slot: realistic conversations.
      long round = i / BUYERS;
      long buyer = (round / 6) * BUYERS + i % BUYERS;
      boolean answer = round % 2 == 1;
      if (answer && buyer % 10 == 0) {
        // One buyer in ten is never answered: their waits raise the waiting-buyer alerts.
        continue;
      }
      String agent = "agent-" + (buyer % AGENTS);
      boolean firstAnswer = round % 6 == 1;
      ChatMessage m =
          ChatMessage.newBuilder()
              .setEventId("live-" + i)
              .setPlatform("taobao")
              .setShopId("shop-live")
              .setBuyerId("buyer-" + buyer)
              .setAgentId(agent)
              .setSenderRole(answer ? SenderRole.AGENT : SenderRole.BUYER)
              .setText(!answer ? "在吗" : firstAnswer && buyer % 20 == 7 ? INSULT : "亲，在的")
              .setTs(Instant.now())
              .setTeamId("team-live")
              .build();
      byte[] key = ("shop-live|buyer-" + buyer).getBytes(StandardCharsets.UTF_8);
      producer.send(new ProducerRecord<>(topic, key, codec.encode(m)));
      if (orderTopic != null && firstAnswer && buyer % 10 == 3) {
        OrderEvent order =
            OrderEvent.newBuilder()
                .setEventId("live-order-" + buyer + "-created")
                .setOrderId("live-order-" + buyer)
                .setShopId("shop-live")
                .setBuyerId("buyer-" + buyer)
                .setStatus(OrderStatus.CREATED)
                .setAmount(new BigDecimal("99.00"))
                .setCurrency("CNY")
                .setTs(Instant.now())
                .build();
        producer.send(new ProducerRecord<>(orderTopic, key, orderCodec.encode(order)));
      }
    }
    producer.close();
    return total;
  }
}
