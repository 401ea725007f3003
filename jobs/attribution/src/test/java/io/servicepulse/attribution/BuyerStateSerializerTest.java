// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.order;
import static io.servicepulse.events.OrderStatus.COMPLETED;
import static io.servicepulse.events.OrderStatus.CREATED;
import static io.servicepulse.events.OrderStatus.PAID;
import static io.servicepulse.events.OrderStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.testing.RandomPojos;
import io.servicepulse.common.testing.StateMigration;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

class BuyerStateSerializerTest {

  private static final BuyerStateSerializer SERIALIZER = new BuyerStateSerializer();

  /** The state type of the releases until 2026-12-04: Flink's POJO serializer. */
  private static final TypeInformation<BuyerState> RELEASED_TYPE =
      TypeInformation.of(BuyerState.class);

  /**
   * Every field of every class in the state gets a value (nulls, empty and big ones, non-Latin-1
   * text included), so a field added later without a place in the format fails here.
   */
  @Test
  void randomStatesComeBackEqualWithEveryFieldSet() throws Exception {
    Random random = new Random(11);
    for (int i = 0; i < 500; i++) {
      BuyerState s = RandomPojos.of(random, BuyerState.class);
      byte[] bytes = bytes(SERIALIZER, s);
      assertThat(SERIALIZER.deserialize(new DataInputDeserializer(bytes)))
          .usingRecursiveComparison()
          .isEqualTo(s);
      assertThat(SERIALIZER.copy(s)).usingRecursiveComparison().isEqualTo(s);
    }
  }

  @Test
  void aCopyIsDeep() throws Exception {
    BuyerState s = stateAfter(events());
    BuyerState c = SERIALIZER.copy(s);
    c.answers.get(0).agentId = "agent-x";
    c.orders.values().iterator().next().statusTimes.put("DELIVERED", 1L);
    c.contributions.values().iterator().next().counts.ownedOrders += 7;
    assertThat(s.answers.get(0).agentId).isNotEqualTo("agent-x");
    assertThat(s.orders.values().iterator().next().statusTimes).doesNotContainKey("DELIVERED");
    assertThat(SERIALIZER.copy(s)).usingRecursiveComparison().isEqualTo(s);
  }

  @Test
  void aRealBuyersStateTakesUnderHalfThePojoBytes() throws Exception {
    BuyerState s = stateAfter(events());
    TypeSerializer<BuyerState> pojo = RELEASED_TYPE.createSerializer(new SerializerConfigImpl());
    int ours = bytes(SERIALIZER, s).length;
    int theirs = bytes(pojo, s).length;
    assertThat(ours).as("bytes, POJO serializer %,d", theirs).isLessThan(theirs / 2);
  }

  @Test
  void stateOfThePojoReleaseIsMigratedAndEndsWhereAnUninterruptedRunEnds() throws Exception {
    assertThat(StateMigration.migratesFrom(AttributionFunction.stateType(), RELEASED_TYPE))
        .isTrue();
    List<Object> events = events();
    int half = events.size() / 2;
    AttributionSettings settings = AttributionSettings.defaults();
    List<ConversionDelta> deltas = new ArrayList<>();
    Map<String, OrderAttributionFact> orders = new LinkedHashMap<>();
    OperatorSubtaskState released;
    try (BuyerHarness before =
        new BuyerHarness(new AttributionFunction("attribution", settings, RELEASED_TYPE), null)) {
      feed(before, events.subList(0, half));
      released = before.snapshot();
      deltas.addAll(before.deltas());
      orders.putAll(before.orders());
    }
    try (BuyerHarness after = new BuyerHarness(settings, released);
        BuyerHarness uninterrupted = new BuyerHarness(settings, null)) {
      feed(after, events.subList(half, events.size()));
      feed(uninterrupted, events);
      deltas.addAll(after.deltas());
      after
          .orders()
          .forEach((id, f) -> orders.merge(id, f, (a, b) -> b.version > a.version ? b : a));

      assertThat(sum(deltas))
          .usingRecursiveComparison()
          .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
          .isEqualTo(uninterrupted.rows());
      assertThat(orders.keySet()).isEqualTo(uninterrupted.orders().keySet());
      orders.forEach(
          (id, fact) -> {
            OrderAttributionFact expected = uninterrupted.orders().get(id);
            assertThat(fact.sameAs(expected)).as(id + ": " + fact + " vs " + expected).isTrue();
            assertThat(fact.version).isEqualTo(expected.version);
          });
    }
  }

  /** Two agents, a question, two orders (one paid and refunded), a follow-up the next day. */
  private static List<Object> events() {
    Duration day = Duration.ofDays(1);
    return List.of(
        buyerSays(mins(0), "这个有货吗"),
        agentReplies(mins(1), "agent-a"),
        agentReplies(mins(4), "agent-b"),
        order(mins(30), "o-1", CREATED, "100.00"),
        order(mins(35), "o-1", PAID, "100.00"),
        order(mins(40), "o-2", CREATED, "19.90"),
        agentReplies(mins(90), "agent-c"),
        order(mins(95), "o-2", PAID, "19.90"),
        order(day.plus(mins(10)), "o-1", REFUNDED, "100.00"),
        agentReplies(day.plus(mins(20)), "agent-c"),
        order(day.plus(mins(30)), "o-2", COMPLETED, "19.90"));
  }

  private static void feed(BuyerHarness buyer, List<Object> events) throws Exception {
    for (Object e : events) {
      if (e instanceof ChatMessage m) {
        buyer.chat(m);
      } else {
        buyer.order((OrderEvent) e);
      }
    }
  }

  /** The state a buyer has after {@code events}, as the ledger keeps it. */
  private static BuyerState stateAfter(List<Object> events) {
    BuyerState s = BuyerLedger.newState("shop-1", "buyer-1");
    BuyerLedger ledger = new BuyerLedger(AttributionSettings.defaults(), s);
    for (Object e : events) {
      if (e instanceof ChatMessage m) {
        if (AttributionFunction.isAnswer(m)) {
          ledger.addAnswer(m);
        }
      } else {
        ledger.addOrderEvent((OrderEvent) e);
      }
      ledger.recompute();
    }
    return s;
  }

  private static Map<String, ConversionCounts> sum(List<ConversionDelta> deltas) {
    Map<String, ConversionCounts> rows = new LinkedHashMap<>();
    for (ConversionDelta d : deltas) {
      rows.computeIfAbsent(d.rowKey(), k -> new ConversionCounts()).add(d.counts, 1);
    }
    rows.values().removeIf(ConversionCounts::isZero);
    return rows;
  }

  private static byte[] bytes(TypeSerializer<BuyerState> s, BuyerState state) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    s.serialize(state, out);
    return out.getCopyOfBuffer();
  }

  @Test
  void checkpointsOfTheReleasesBeforeFormatNumbersRestoreAsIs() throws Exception {
    assertThat(StateMigration.restoresUnnumberedFormatAsIs(new BuyerStateSerializer())).isTrue();
  }
}
