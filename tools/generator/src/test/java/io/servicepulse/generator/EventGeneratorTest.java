// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.SenderRole;
import io.servicepulse.generator.GroundTruth.ServiceCounts;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

  private static final GeneratorConfig CONFIG =
      GeneratorConfig.builder()
          .shops(7)
          .buyersPerShop(120)
          .days(3)
          .outOfOrderRate(0.05)
          .lateRate(0.01)
          .duplicateRate(0.02)
          .malformedRate(0.01)
          .uncivilRate(0.05)
          .build();

  private static GeneratedStream stream;
  private static List<GeneratedRecord> records;

  @BeforeAll
  static void generate() {
    stream = EventGenerator.generate(CONFIG);
    records = new ArrayList<>();
    stream.forEach(records::add);
  }

  @Test
  void sameSeedGivesIdenticalBytesAndTruth() {
    GeneratedStream again = EventGenerator.generate(CONFIG);
    List<GeneratedRecord> second = new ArrayList<>();
    again.forEach(second::add);

    assertThat(second).hasSameSizeAs(records);
    for (int i = 0; i < records.size(); i++) {
      assertThat(second.get(i).value()).isEqualTo(records.get(i).value());
      assertThat(second.get(i).key()).isEqualTo(records.get(i).key());
      assertThat(second.get(i).topic()).isEqualTo(records.get(i).topic());
    }
    assertThat(again.truth().toJson()).isEqualTo(stream.truth().toJson());
  }

  @Test
  void otherSeedGivesOtherStream() {
    GeneratedStream other = EventGenerator.generate(CONFIG.toBuilder().seed(7).build());
    assertThat(other.truth().toJson()).isNotEqualTo(stream.truth().toJson());
  }

  @Test
  void validRecordsDecodeAndMalformedOnesDoNot() {
    EventCodec<ChatMessage> chat = EventCodec.chatMessages(ReleasedSchemas.bundled());
    EventCodec<OrderEvent> orders = EventCodec.orderEvents(ReleasedSchemas.bundled());
    Set<String> chatIds = new HashSet<>();
    Set<String> orderIds = new HashSet<>();
    Map<String, Long> malformed = new HashMap<>();
    for (GeneratedRecord r : records) {
      boolean isChat = r.topic().equals(CONFIG.chatTopic());
      DecodeResult<?> decoded = isChat ? chat.decode(r.value()) : orders.decode(r.value());
      if (r.kind() == GeneratedRecord.Kind.MALFORMED) {
        assertThat(decoded.isOk()).as("malformed record decoded: %s", decoded).isFalse();
        malformed.merge(r.topic(), 1L, Long::sum);
        continue;
      }
      assertThat(decoded.isOk()).as("valid record failed: %s", decoded).isTrue();
      if (decoded.event() instanceof ChatMessage m) {
        assertThat(new String(r.key(), StandardCharsets.UTF_8))
            .isEqualTo(m.getShopId() + "|" + m.getBuyerId());
        assertThat(r.timestamp()).isEqualTo(m.getTs().toEpochMilli());
        chatIds.add(m.getEventId());
      } else {
        OrderEvent o = (OrderEvent) decoded.event();
        assertThat(o.getAmount().scale()).isEqualTo(2);
        orderIds.add(o.getEventId());
      }
    }
    GroundTruth.Ingest ingest = stream.truth().ingest();
    assertThat(chatIds).hasSize((int) ingest.chatMessages());
    assertThat(orderIds).hasSize((int) ingest.orderEvents());
    assertThat(malformed).isEqualTo(ingest.malformed());
    assertThat(ingest.totalRecords()).isEqualTo(records.size());
    assertThat(
            ingest.chatMessages()
                + ingest.orderEvents()
                + ingest.duplicatesTotal()
                + ingest.malformedTotal())
        .isEqualTo(records.size());
  }

  @Test
  void faultRatesAreRoughlyRespected() {
    GroundTruth.Ingest ingest = stream.truth().ingest();
    double valid = ingest.chatMessages() + ingest.orderEvents();
    assertThat(valid).isGreaterThan(5_000);
    assertThat(ingest.duplicatesTotal() / valid).isCloseTo(0.02, within(0.006));
    assertThat(ingest.outOfOrderEvents() / valid).isCloseTo(0.05, within(0.01));
    assertThat(ingest.lateEvents() / valid).isCloseTo(0.01, within(0.004));
    assertThat(ingest.malformedTotal() / valid).isCloseTo(0.01, within(0.002));
    long uncivil = stream.truth().qa().uncivil().size();
    long chat = ingest.chatMessages();
    assertThat(uncivil / (double) chat).isBetween(0.02, 0.06);
  }

  @Test
  void emissionIsInTimeOrderExceptForFaults() {
    long watermark = 0;
    for (GeneratedRecord r : records) {
      switch (r.kind()) {
        case ON_TIME -> {
          assertThat(r.timestamp()).isGreaterThanOrEqualTo(watermark);
          watermark = r.timestamp();
        }
        case OUT_OF_ORDER, DUPLICATE ->
            assertThat(watermark - r.timestamp()).isLessThan(3 * 60_000);
        case LATE ->
            assertThat(watermark - r.timestamp()).isGreaterThan(CONFIG.lateDelay().toMillis() / 2);
        case MALFORMED, POISON -> {}
      }
    }
  }

  @Test
  void lateEventsAreWholeConversationsOfLateBuyers() {
    Set<String> lateIds = new HashSet<>(stream.truth().ingest().lateEventIds());
    EventCodec<ChatMessage> chat = EventCodec.chatMessages(ReleasedSchemas.bundled());
    long lateRecords = 0;
    for (GeneratedRecord r : records) {
      if (r.kind() == GeneratedRecord.Kind.LATE) {
        lateRecords++;
        ChatMessage m = chat.decode(r.value()).event();
        assertThat(m.getBuyerId()).startsWith("late-");
        assertThat(lateIds).contains(m.getEventId());
      }
    }
    assertThat(lateRecords).isEqualTo(lateIds.size()).isPositive();
  }

  @Test
  void serviceTruthIsConsistent() {
    for (GroundTruth.ShopService shop : stream.truth().service().values()) {
      ServiceCounts sum = new ServiceCounts();
      for (ServiceCounts c : shop.agents().values()) {
        assertThat(c.answered() + c.unanswered()).isEqualTo(c.turns());
        assertThat(c.responseMsCount()).isEqualTo(c.answered());
        assertThat(c.answeredWithin30s()).isLessThanOrEqualTo(c.answeredWithin60s());
        assertThat(c.answeredWithin60s()).isLessThanOrEqualTo(c.answeredWithin180s());
        assertThat(c.answeredWithin180s()).isLessThanOrEqualTo(c.answered());
        assertThat(c.conversationsWithHumanAnswer()).isLessThanOrEqualTo(c.conversations());
        assertThat(c.firstResponseCount()).isLessThanOrEqualTo(c.conversations());
        sum.turns += c.turns();
        sum.answered += c.answered();
        sum.responseMsSum += c.responseMsSum();
        sum.conversations += c.conversations();
        sum.agentMessages += c.agentMessages();
        sum.slow += c.slow();
      }
      ServiceCounts total = shop.total();
      assertThat(sum.turns).isEqualTo(total.turns());
      assertThat(sum.answered).isEqualTo(total.answered());
      assertThat(sum.responseMsSum).isEqualTo(total.responseMsSum());
      assertThat(sum.conversations).isEqualTo(total.conversations());
      assertThat(sum.agentMessages).isEqualTo(total.agentMessages());
      assertThat(sum.slow).isEqualTo(total.slow());
      assertThat(shop.agents().get("").answered()).isZero();
      shop.nMinuteByDay()
          .values()
          .forEach(n -> assertThat(n.missedBuyers()).isLessThanOrEqualTo(n.reachedBuyers()));
    }
  }

  @Test
  void scenarioHasTheRealisticMix() {
    GroundTruth truth = stream.truth();
    ServiceCounts all = new ServiceCounts();
    truth
        .service()
        .values()
        .forEach(
            s -> {
              all.turns += s.total().turns();
              all.unanswered += s.total().unanswered();
              all.slow += s.total().slow();
              all.answered += s.total().answered();
              all.answeredWithin180s += s.total().answeredWithin180s();
            });
    assertThat(all.unanswered / (double) all.turns).isBetween(0.03, 0.2);
    assertThat(all.slow / (double) all.answered).isBetween(0.02, 0.2);
    assertThat(all.answered - all.answeredWithin180s).isPositive();
    assertThat(truth.service().values()).allSatisfy(s -> assertThat(s.agents()).containsKey(""));
    assertThat(truth.shopPlatforms().values()).containsExactlyInAnyOrder(ShopModel.PLATFORMS);
    Set<SenderRole> roles = new HashSet<>();
    EventCodec<ChatMessage> chat = EventCodec.chatMessages(ReleasedSchemas.bundled());
    boolean unrouted = false;
    for (GeneratedRecord r : records) {
      if (r.topic().equals(CONFIG.chatTopic()) && r.kind() != GeneratedRecord.Kind.MALFORMED) {
        ChatMessage m = chat.decode(r.value()).event();
        roles.add(m.getSenderRole());
        unrouted |= m.getSenderRole() == SenderRole.BUYER && m.getAgentId() == null;
      }
    }
    assertThat(roles).containsExactlyInAnyOrder(SenderRole.values());
    assertThat(unrouted).isTrue();
  }

  /**
   * What real chats showed and the jobs handle: thanks that need no reply, a new conversation_id
   * inside the session gap, and an answer only after the reply timeout.
   */
  @Test
  void scenarioHasTheConversationRulesRealChatsShowed() {
    EventCodec<ChatMessage> chat = EventCodec.chatMessages(ReleasedSchemas.bundled());
    Map<String, ChatMessage> messages = new HashMap<>();
    for (GeneratedRecord r : records) {
      if (r.topic().equals(CONFIG.chatTopic()) && r.kind() != GeneratedRecord.Kind.MALFORMED) {
        ChatMessage m = chat.decode(r.value()).event();
        messages.put(m.getEventId(), m);
      }
    }
    Set<String> acks = new HashSet<>();
    Map<String, ChatMessage> previousOfBuyer = new HashMap<>();
    Map<String, long[]> conversations = new HashMap<>();
    int splitInsideTheGap = 0;
    for (ChatMessage m :
        messages.values().stream()
            .sorted(java.util.Comparator.comparing(ChatMessage::getTs))
            .toList()) {
      if (m.getSenderRole() == SenderRole.BUYER
          && Texts.of(Texts.Kind.BUYER_ACK).contains(m.getText())) {
        acks.add(m.getText());
      }
      ChatMessage before = previousOfBuyer.put(m.getShopId() + "|" + m.getBuyerId(), m);
      if (before != null
          && !before.getConversationId().equals(m.getConversationId())
          && m.getTs().toEpochMilli() - before.getTs().toEpochMilli()
              < MetricRules.DEFAULTS.sessionGapMs()) {
        splitInsideTheGap++;
      }
      long[] firsts =
          conversations.computeIfAbsent(m.getConversationId(), c -> new long[] {-1, -1});
      int role = m.getSenderRole() == SenderRole.BUYER ? 0 : 1;
      if (firsts[role] < 0
          && m.getSenderRole() != SenderRole.BOT
          && m.getSenderRole() != SenderRole.SYSTEM) {
        firsts[role] = m.getTs().toEpochMilli();
      }
    }
    long answeredAfterTheTimeout =
        conversations.values().stream()
            .filter(f -> f[0] >= 0 && f[1] > f[0] + MetricRules.DEFAULTS.replyTimeoutMs())
            .count();
    assertThat(acks).as("thanks or OK after an answer").isNotEmpty();
    assertThat(splitInsideTheGap).as("new conversation_id inside the session gap").isPositive();
    assertThat(answeredAfterTheTimeout).as("first answer after the reply timeout").isPositive();
  }

  @Test
  void attributionTruthIsConsistent() {
    for (GroundTruth.ShopAttribution shop : stream.truth().attribution().values()) {
      assertThat(shop.silentSales().add(shop.creditedSales())).isEqualTo(shop.totalSales());
      BigDecimal owner =
          shop.agents().values().stream()
              .map(GroundTruth.AttributionCounts::ownerSales)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(owner).isEqualByComparingTo(shop.creditedSales());
      long owned =
          shop.agents().values().stream()
              .mapToLong(GroundTruth.AttributionCounts::ordersOwned)
              .sum();
      assertThat(owned + shop.silentOrders()).isEqualTo(shop.orders());
      for (GroundTruth.AttributionCounts c : shop.agents().values()) {
        assertThat(c.inquiriesOrdered()).isLessThanOrEqualTo(c.inquiries());
        assertThat(c.inquiriesPaidByNextDay()).isLessThanOrEqualTo(c.inquiriesPaidWithinValidity());
        assertThat(c.inquiriesPaidWithinValidity()).isLessThanOrEqualTo(c.inquiriesOrdered());
      }
    }
    long silent =
        stream.truth().attribution().values().stream()
            .mapToLong(GroundTruth.ShopAttribution::silentOrders)
            .sum();
    long assisted =
        stream.truth().attribution().values().stream()
            .mapToLong(s -> s.total().assistedOrders() + s.total().assistedFollowUps())
            .sum();
    assertThat(silent).isPositive();
    assertThat(assisted).isPositive();
  }

  @Test
  void qaTruthListsEveryUncivilMessageWithCategories() {
    GroundTruth.Qa qa = stream.truth().qa();
    assertThat(qa.uncivil()).allSatisfy(u -> assertThat(u.categories()).isNotEmpty());
    assertThat(qa.uncivil())
        .extracting(GroundTruth.UncivilMessage::role)
        .contains("AGENT", "BUYER");
    assertThat(qa.uncivil().stream().flatMap(u -> u.categories().stream()).distinct())
        .containsExactlyInAnyOrder(QaCategory.values());
    assertThat(qa.civilAgentMessages()).isPositive();
    Set<String> ids = new HashSet<>();
    qa.uncivil().forEach(u -> assertThat(ids.add(u.eventId())).isTrue());
  }
}
