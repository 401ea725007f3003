// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.ingest;

import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.message;
import static io.servicepulse.common.testing.EventFixtures.order;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.common.testing.CollectingSink;
import io.servicepulse.common.testing.RecordSources;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IngestJobTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void validEventsPassAndEveryBadRecordBecomesADeadLetter() throws Exception {
    List<ChatMessage> chats =
        List.of(
            buyerSays(secs(0), "在吗"),
            agentReplies(secs(20), "agent-1"),
            message(secs(30), SenderRole.AGENT, "no agent id").build());
    List<RawRecord> chatRecords = new ArrayList<>(RecordSources.chatRecords("chat", chats));
    chatRecords.add(
        RecordSources.raw("chat", 3, new byte[] {(byte) 0xC3, 0x01, 9, 9, 9, 9, 9, 9, 9, 9, 2}));
    chatRecords.add(RecordSources.raw("chat", 4, new byte[0]));
    List<OrderEvent> orders =
        List.of(
            order(secs(60), "o-1", OrderStatus.CREATED, "99.00"),
            order(secs(90), "o-1", OrderStatus.PAID, "99.00"));
    List<RawRecord> orderRecords = new ArrayList<>(RecordSources.orderRecords("orders", orders));
    orderRecords.add(RecordSources.raw("orders", 2, "garbage".getBytes()));

    CollectingSink<ChatMessage> messagesOut = new CollectingSink<>();
    CollectingSink<OrderEvent> ordersOut = new CollectingSink<>();
    CollectingSink<DeadLetter> deadOut = new CollectingSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    IngestJob.defineWorkflow(
        env,
        RecordSources.chat(IngestJob.NAME, chatRecords),
        RecordSources.orders(IngestJob.NAME, orderRecords),
        JobConfig.of(Map.of()),
        (messages, orderStream, deadLetters) -> {
          messages.sinkTo(messagesOut);
          orderStream.sinkTo(ordersOut);
          deadLetters.sinkTo(deadOut);
        });
    env.execute("ingest test");

    assertThat(messagesOut.values()).containsExactlyInAnyOrderElementsOf(chats.subList(0, 2));
    assertThat(ordersOut.values()).containsExactlyInAnyOrderElementsOf(orders);
    assertThat(deadOut.values())
        .extracting(d -> d.sourceTopic + "@" + d.sourceOffset + " " + d.stage + " " + d.reason)
        .containsExactlyInAnyOrder(
            "chat@2 invalid AGENT message without agent_id",
            "chat@3 decode UNKNOWN_SCHEMA",
            "chat@4 decode EMPTY",
            "orders@2 decode BAD_HEADER");
  }

  @Test
  void anEventIdIsOneEventWhateverElseDiffers() throws Exception {
    ChatMessage first = buyerSays(secs(0), "在吗");
    ChatMessage retry = ChatMessage.newBuilder(first).build();
    ChatMessage otherTime =
        ChatMessage.newBuilder(first).setTs(first.getTs().plusSeconds(5)).build();
    ChatMessage otherShop = ChatMessage.newBuilder(first).setShopId("shop-2").build();
    ChatMessage otherText = ChatMessage.newBuilder(first).setText("还在吗").build();
    List<ChatMessage> chats = List.of(first, retry, otherTime, otherShop, otherText, otherTime);
    OrderEvent paid = order(secs(90), "o-1", OrderStatus.PAID, "99.00");
    OrderEvent otherAmount =
        OrderEvent.newBuilder(paid).setAmount(new java.math.BigDecimal("1.00")).build();
    List<OrderEvent> orders = List.of(paid, paid, otherAmount);

    CollectingSink<ChatMessage> messagesOut = new CollectingSink<>();
    CollectingSink<OrderEvent> ordersOut = new CollectingSink<>();
    CollectingSink<DeadLetter> deadOut = new CollectingSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1); // one reader: the first copy read is the first in the list
    IngestJob.defineWorkflow(
        env,
        RecordSources.chat(IngestJob.NAME, RecordSources.chatRecords("chat", chats)),
        RecordSources.orders(IngestJob.NAME, RecordSources.orderRecords("orders", orders)),
        JobConfig.of(Map.of()),
        (messages, orderStream, deadLetters) -> {
          messages.sinkTo(messagesOut);
          orderStream.sinkTo(ordersOut);
          deadLetters.sinkTo(deadOut);
        });
    env.execute("ingest duplicate ids");

    assertThat(messagesOut.values()).containsExactly(first);
    assertThat(ordersOut.values()).containsExactly(paid);
    // The identical copies vanish; each conflicting copy is a dead letter, one row per content.
    assertThat(deadOut.values())
        .extracting(d -> d.stage + " " + d.reason + " " + d.eventId)
        .containsExactlyInAnyOrder(
            "invalid conflicting duplicate " + first.getEventId(),
            "invalid conflicting duplicate " + first.getEventId(),
            "invalid conflicting duplicate " + first.getEventId(),
            "invalid conflicting duplicate " + first.getEventId(),
            "invalid conflicting duplicate " + paid.getEventId());
    assertThat(deadOut.values().stream().map(d -> d.deadLetterId).distinct()).hasSize(4);
  }
}
