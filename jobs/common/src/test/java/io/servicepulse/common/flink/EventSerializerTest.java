// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static io.servicepulse.common.testing.EventFixtures.afterSales;
import static io.servicepulse.common.testing.EventFixtures.agentSays;
import static io.servicepulse.common.testing.EventFixtures.agentStatus;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.order;
import static io.servicepulse.common.testing.EventFixtures.rating;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static io.servicepulse.common.testing.EventFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.events.AfterSalesCosts;
import io.servicepulse.events.AfterSalesStatus;
import io.servicepulse.events.AfterSalesType;
import io.servicepulse.events.AgentStatus;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EventSerializerTest {

  @Test
  void everyEventTypeCrossesOperatorsUnchanged() throws Exception {
    List<SpecificRecordBase> events =
        List.of(
            buyerSays(secs(1), "在吗？发货了吗 🙂"),
            ChatMessage.newBuilder(agentSays(secs(2), "a-1", "亲，在的"))
                .setConversationId("c-9")
                .setSeq(42L)
                .build(),
            ChatMessage.newBuilder(buyerSays(secs(3), "好的")).setTeamId(null).build(),
            order(mins(1), "o-1", OrderStatus.PAID, "129.90"),
            order(mins(2), "o-1", OrderStatus.REFUNDED, "-0.01"),
            rating(mins(3), "f-1", 1, "a-1", 2)
                .setDimensions(Map.of("service", 2, "logistics", 5))
                .setOrderId(null)
                .build(),
            afterSales(mins(4), "case-1", AfterSalesType.REFUND_ONLY, AfterSalesStatus.CLOSED, null)
                .setCosts(
                    AfterSalesCosts.newBuilder()
                        .setCashback(new BigDecimal("5.00"))
                        .setReship(new BigDecimal("0.00"))
                        .setRefundOnly(new BigDecimal("123456789012.34"))
                        .setDeposit(new BigDecimal("0.00"))
                        .build())
                .build(),
            agentStatus(mins(5), "a-2", AgentStatus.BUSY),
            transfer(mins(6), "a-1", "a-2"));
    for (SpecificRecordBase event : events) {
      assertThat(EventSerializer.supports(event.getClass())).as("%s", event.getClass()).isTrue();
      assertThat(EventTypeInfo.of(event.getClass())).isInstanceOf(EventTypeInfo.class);
      assertThat(roundTrip(event)).isEqualTo(event);
    }
  }

  @Test
  void aSnapshotRestoresTheSameSerializerAndRefusesAnotherClass() {
    TypeSerializer<ChatMessage> chat =
        EventTypeInfo.of(ChatMessage.class).createSerializer(new SerializerConfigImpl());
    TypeSerializerSnapshot<ChatMessage> snapshot = chat.snapshotConfiguration();
    assertThat(snapshot.restoreSerializer()).isEqualTo(chat);
    assertThat(snapshot.resolveSchemaCompatibility(chat.snapshotConfiguration()).isCompatibleAsIs())
        .isTrue();
  }

  @Test
  void theFormatBeforeCompactTextIsRefused() throws Exception {
    TypeSerializer<ChatMessage> chat =
        EventTypeInfo.of(ChatMessage.class).createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(256);
    chat.snapshotConfiguration().writeSnapshot(out);
    EventSerializer.Snapshot<ChatMessage> version1 = new EventSerializer.Snapshot<>();
    version1.readSnapshot(
        1, new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    assertThat(chat.snapshotConfiguration().resolveSchemaCompatibility(version1).isIncompatible())
        .isTrue();
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecordBase> T roundTrip(T event) throws Exception {
    TypeSerializer<T> serializer =
        EventTypeInfo.of((Class<T>) event.getClass()).createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(event, out);
    T back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(serializer.copy(event)).isEqualTo(event);
    return back;
  }
}
