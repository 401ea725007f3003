// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.events.AfterSalesCosts;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AfterSalesStatus;
import io.servicepulse.events.AfterSalesType;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.AgentEventKind;
import io.servicepulse.events.AgentStatus;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.FeedbackKind;
import io.servicepulse.events.Responsibility;
import io.servicepulse.events.SenderRole;
import io.servicepulse.events.ServiceFeedback;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema version 3: feedback, after-sales and agent events, and ChatMessage's seq. */
class SchemaVersion3Test {

  private static final Instant BEGINNING = Instant.parse("2026-11-02T02:00:00Z");

  private final ReleasedSchemas store = ReleasedSchemas.bundled();

  static ServiceFeedback feedback() {
    return ServiceFeedback.newBuilder()
        .setEventId("fb-1:0")
        .setFeedbackId("fb-1")
        .setKind(FeedbackKind.PRODUCT_REVIEW)
        .setPlatform("taobao")
        .setShopId("shop-1")
        .setBuyerId("buyer-1")
        .setAgentId("agent-1")
        .setOrderId("o-1")
        .setRating(2)
        .setDimensions(Map.of("description", 2, "service", 3, "logistics", 5))
        .setResponsibility(Responsibility.AGENT)
        .setInvited(true)
        .setRevision(0)
        .setTs(BEGINNING)
        .build();
  }

  static AfterSalesEvent afterSales() {
    return AfterSalesEvent.newBuilder()
        .setEventId("as-1:AGREED")
        .setCaseId("as-1")
        .setOrderId("o-1")
        .setShopId("shop-1")
        .setBuyerId("buyer-1")
        .setAgentId("agent-2")
        .setType(AfterSalesType.RESHIP)
        .setReason("发错货")
        .setStatus(AfterSalesStatus.AGREED)
        .setCosts(
            AfterSalesCosts.newBuilder()
                .setCashback(new BigDecimal("5.00"))
                .setReship(new BigDecimal("23.90"))
                .setRefundOnly(new BigDecimal("0.00"))
                .setDeposit(new BigDecimal("0.00"))
                .build())
        .setCurrency("CNY")
        .setTs(BEGINNING)
        .build();
  }

  static AgentEvent transfer() {
    return AgentEvent.newBuilder()
        .setEventId("ag-1")
        .setShopId("shop-1")
        .setTeamId("team-a")
        .setAgentId("agent-1")
        .setKind(AgentEventKind.TRANSFER)
        .setBuyerId("buyer-1")
        .setToAgentId("agent-2")
        .setTs(BEGINNING)
        .build();
  }

  @Test
  void newRecordsRoundTripWithExactDecimalsAndMaps() {
    EventCodec<ServiceFeedback> feedback = EventCodec.serviceFeedback(store);
    EventCodec<AfterSalesEvent> afterSales = EventCodec.afterSalesEvents(store);
    EventCodec<AgentEvent> agents = EventCodec.agentEvents(store);
    AgentEvent away =
        AgentEvent.newBuilder(transfer())
            .setEventId("ag-2")
            .setKind(AgentEventKind.STATUS)
            .setStatus(AgentStatus.AWAY)
            .setBuyerId(null)
            .setToAgentId(null)
            .build();

    assertThat(feedback.decode(feedback.encode(feedback())).event()).isEqualTo(feedback());
    AfterSalesEvent decoded = afterSales.decode(afterSales.encode(afterSales())).event();
    assertThat(decoded).isEqualTo(afterSales());
    assertThat(decoded.getCosts().getReship()).isEqualByComparingTo("23.90");
    assertThat(agents.decode(agents.encode(transfer())).event()).isEqualTo(transfer());
    assertThat(agents.decode(agents.encode(away)).event()).isEqualTo(away);
  }

  @Test
  void genericCodecEqualsTheNamedOne() {
    byte[] named = EventCodec.afterSalesEvents(store).encode(afterSales());
    EventCodec<AfterSalesEvent> generic = EventCodec.of(AfterSalesEvent.class, store);
    assertThat(generic.encode(afterSales())).isEqualTo(named);
    assertThat(generic.decode(named).event()).isEqualTo(afterSales());
  }

  @Test
  void eachRecordOnAnotherRecordsTopicIsRejected() {
    byte[] feedbackBytes = EventCodec.serviceFeedback(store).encode(feedback());
    // The store knows every record's fingerprint; another record does not resolve: CORRUPT.
    assertThat(EventCodec.afterSalesEvents(store).decode(feedbackBytes).isOk()).isFalse();
    assertThat(EventCodec.chatMessages(store).decode(feedbackBytes).isOk()).isFalse();
  }

  @Test
  void everyBundledCurrentVersionIsTheGeneratedSchema() {
    for (Schema generated :
        new Schema[] {
          ChatMessage.getClassSchema(),
          ServiceFeedback.getClassSchema(),
          AfterSalesEvent.getClassSchema(),
          AgentEvent.getClassSchema()
        }) {
      var versions = store.versionsOf(generated.getFullName());
      assertThat(versions).as(generated.getName()).isNotEmpty();
      assertThat(ReleasedSchemas.fingerprint(versions.get(versions.size() - 1)))
          .as(generated.getName())
          .isEqualTo(ReleasedSchemas.fingerprint(generated));
    }
    assertThat(store.versionsOf(ChatMessage.getClassSchema().getFullName())).hasSize(3);
    assertThat(store.versionsOf(ServiceFeedback.getClassSchema().getFullName())).hasSize(1);
  }

  @Test
  void chatMessageVersion2DataDecodesWithoutSeqAndVersion3KeepsIt() {
    EventCodec<ChatMessage> chats = EventCodec.chatMessages(store);
    Schema v2 = store.versionsOf(ChatMessage.getClassSchema().getFullName()).get(1);
    GenericRecord old = new GenericData.Record(v2);
    old.put("event_id", "m-v2");
    old.put("platform", "jd");
    old.put("shop_id", "shop-1");
    old.put("buyer_id", "buyer-1");
    old.put("agent_id", null);
    old.put(
        "sender_role", new GenericData.EnumSymbol(v2.getField("sender_role").schema(), "BUYER"));
    old.put("text", "在吗");
    old.put("ts", BEGINNING.toEpochMilli());
    old.put("conversation_id", "c-1");
    old.put("team_id", null);

    ChatMessage decoded = chats.decode(EventCodecTest.encodeGeneric(v2, old)).event();
    assertThat(decoded.getConversationId()).isEqualTo("c-1");
    assertThat(decoded.getSeq()).isNull();

    ChatMessage withSeq = ChatMessage.newBuilder(decoded).setSeq(7L).build();
    assertThat(chats.decode(chats.encode(withSeq)).event().getSeq()).isEqualTo(7L);
  }

  @Test
  void aCodecCanKeepWritingAnOlderReleasedVersion() {
    EventCodec<ChatMessage> chats = EventCodec.chatMessages(store);
    EventCodec<ChatMessage> v2Writer = chats.writingVersion(2);
    ChatMessage m =
        ChatMessage.newBuilder()
            .setEventId("m-1")
            .setPlatform("taobao")
            .setShopId("shop-1")
            .setBuyerId("buyer-1")
            .setSenderRole(SenderRole.BUYER)
            .setText("在吗")
            .setTs(BEGINNING)
            .build();

    byte[] bytes = v2Writer.encode(m);

    Schema v2 = store.versionsOf(ChatMessage.getClassSchema().getFullName()).get(1);
    assertThat(ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
        .isEqualTo(ReleasedSchemas.fingerprint(v2));
    assertThat(chats.decode(bytes).event()).isEqualTo(m);
    assertThatThrownBy(() -> chats.writingVersion(4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTypeOrResponsibilityAddedLaterReadsAsOther(@TempDir Path dir) throws IOException {
    String newer =
        AfterSalesEvent.getClassSchema()
            .toString()
            .replace("\"CASHBACK\",\"OTHER\"", "\"CASHBACK\",\"PRICE_PROTECTION\",\"OTHER\"");
    assertThat(newer).contains("PRICE_PROTECTION");
    Schema v2 = new Schema.Parser().parse(newer);
    GenericRecord record = generic(afterSales(), v2);
    record.put(
        "type", new GenericData.EnumSymbol(v2.getField("type").schema(), "PRICE_PROTECTION"));
    Files.writeString(dir.resolve("AfterSalesEvent.v2.avsc"), newer);

    AfterSalesEvent decoded =
        EventCodec.afterSalesEvents(ReleasedSchemas.bundledPlus(dir))
            .decode(EventCodecTest.encodeGeneric(v2, record))
            .event();

    assertThat(decoded.getType()).isEqualTo(AfterSalesType.OTHER);
    assertThat(decoded.getCosts()).isEqualTo(afterSales().getCosts());
  }

  /** The event as a generic record of {@code schema} (same fields), via its own bytes. */
  private GenericRecord generic(SpecificRecord event, Schema schema) {
    byte[] bytes = EventCodec.afterSalesEvents(store).encode((AfterSalesEvent) event);
    try {
      var decoder =
          new org.apache.avro.message.BinaryMessageDecoder<GenericRecord>(
              GenericData.get(), schema);
      decoder.addSchema(AfterSalesEvent.getClassSchema());
      return decoder.decode(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
