// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.AgentEventKind;
import io.servicepulse.events.ServiceFeedback;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schema version 3's events: recomputed from the records themselves, they match the truth. */
class AfterSalesScenarioTest {

  private static final GeneratorConfig BASE =
      GeneratorConfig.builder().seed(11).shops(3).buyersPerShop(100).build();
  private static final GeneratorConfig CONFIG =
      BASE.toBuilder().feedbackRate(0.4).afterSalesRate(0.5).agentEvents(true).build();

  private static final ReleasedSchemas SCHEMAS = ReleasedSchemas.bundled();
  private static GeneratedStream stream;
  private static final List<ServiceFeedback> feedback = new ArrayList<>();
  private static final List<AfterSalesEvent> cases = new ArrayList<>();
  private static final List<AgentEvent> agents = new ArrayList<>();

  @BeforeAll
  static void generate() {
    stream = EventGenerator.generate(CONFIG);
    EventCodec<ServiceFeedback> f = EventCodec.serviceFeedback(SCHEMAS);
    EventCodec<AfterSalesEvent> a = EventCodec.afterSalesEvents(SCHEMAS);
    EventCodec<AgentEvent> g = EventCodec.agentEvents(SCHEMAS);
    for (GeneratedRecord r : stream) {
      if (r.topic().equals(CONFIG.feedbackTopic())) {
        feedback.add(f.decode(r.value()).event());
      } else if (r.topic().equals(CONFIG.afterSalesTopic())) {
        cases.add(a.decode(r.value()).event());
      } else if (r.topic().equals(CONFIG.agentTopic())) {
        agents.add(g.decode(r.value()).event());
      }
    }
  }

  @Test
  void offByDefaultAndTheChatAndOrderRecordsStayTheSame() throws Exception {
    GeneratedStream base = EventGenerator.generate(BASE);
    assertThat(base.truth().afterSales()).isNull();
    assertThat(base.truth().toJson()).doesNotContain("afterSales").doesNotContain("feedbackRate");
    List<GeneratedRecord> oldTopics = new ArrayList<>();
    for (GeneratedRecord r : stream) {
      if (r.topic().equals(CONFIG.chatTopic()) || r.topic().equals(CONFIG.orderTopic())) {
        oldTopics.add(r);
      }
    }
    assertThat(StreamFingerprintTest.recordsHash(oldTopics))
        .isEqualTo(StreamFingerprintTest.recordsHash(base));
  }

  @Test
  void sameSeedSameBytes() throws Exception {
    assertThat(StreamFingerprintTest.recordsHash(EventGenerator.generate(CONFIG)))
        .isEqualTo(StreamFingerprintTest.recordsHash(stream));
  }

  @Test
  void everyKindIsThereAndEventIdsAreUnique() {
    GroundTruth.AfterSales truth = stream.truth().afterSales();
    assertThat(feedback).hasSize((int) truth.feedbackEvents()).isNotEmpty();
    assertThat(cases).hasSize((int) truth.afterSalesEvents()).isNotEmpty();
    assertThat(agents).hasSize((int) truth.agentEvents()).isNotEmpty();
    Set<String> ids = new HashSet<>();
    feedback.forEach(e -> assertThat(ids.add(e.getEventId())).isTrue());
    cases.forEach(e -> assertThat(ids.add(e.getEventId())).isTrue());
    agents.forEach(e -> assertThat(ids.add(e.getEventId())).isTrue());
    assertThat(feedback).allSatisfy(e -> assertThat(e.getRating()).isBetween(1, 5));
    assertThat(feedback).anySatisfy(e -> assertThat(e.getRevision()).isPositive());
    assertThat(agents).anySatisfy(e -> assertThat(e.getKind()).isEqualTo(AgentEventKind.TRANSFER));
    assertThat(agents)
        .filteredOn(e -> e.getKind() == AgentEventKind.TRANSFER)
        .allSatisfy(e -> assertThat(e.getToAgentId()).isNotEqualTo(e.getAgentId()));
    assertThat(truth.shops().values().stream().mapToLong(s -> s.lateCosts()).sum()).isPositive();
  }

  @Test
  void feedbackTruthIsTheLatestRevisionOfEachFeedback() {
    Map<String, ServiceFeedback> first = new HashMap<>();
    Map<String, ServiceFeedback> latest = new HashMap<>();
    for (ServiceFeedback f : feedback) {
      first.merge(f.getFeedbackId(), f, (a, b) -> a.getRevision() <= b.getRevision() ? a : b);
      latest.merge(f.getFeedbackId(), f, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
    }
    Map<String, String> expected = new TreeMap<>();
    stream
        .truth()
        .afterSales()
        .shops()
        .forEach(
            (shop, s) ->
                s.feedbackByAgent()
                    .forEach(
                        (agent, c) ->
                            expected.put(
                                shop + "/" + agent,
                                List.of(
                                        c.serviceRatings() + c.productReviews(),
                                        c.bad(),
                                        c.middling(),
                                        c.good(),
                                        c.agentResponsible(),
                                        c.modifiedToGood())
                                    .toString())));
    Map<String, long[]> actual = new TreeMap<>();
    for (ServiceFeedback l : latest.values()) {
      long[] c =
          actual.computeIfAbsent(
              l.getShopId() + "/" + (l.getAgentId() == null ? "" : l.getAgentId()),
              k -> new long[6]);
      c[0]++;
      c[l.getRating() <= 2 ? 1 : l.getRating() == 3 ? 2 : 3]++;
      if (l.getRating() <= 3 && l.getResponsibility().name().equals("AGENT")) {
        c[4]++;
      }
      if (first.get(l.getFeedbackId()).getRating() <= 3 && l.getRating() >= 4) {
        c[5]++;
      }
    }
    Map<String, String> recomputed = new TreeMap<>();
    actual.forEach(
        (k, c) -> recomputed.put(k, List.of(c[0], c[1], c[2], c[3], c[4], c[5]).toString()));
    assertThat(recomputed).isEqualTo(expected);
  }

  @Test
  void costsCasesAndTransfersAddUpFromTheEvents() {
    Map<String, BigDecimal> costs = new TreeMap<>();
    Map<String, Long> types = new TreeMap<>();
    Map<String, Long> transfers = new TreeMap<>();
    Set<String> caseIds = new HashSet<>();
    for (AfterSalesEvent a : cases) {
      BigDecimal sum =
          a.getCosts()
              .getCashback()
              .add(a.getCosts().getReship())
              .add(a.getCosts().getRefundOnly())
              .add(a.getCosts().getDeposit());
      costs.merge(a.getShopId() + "/" + a.getAgentId(), sum, BigDecimal::add);
      if (caseIds.add(a.getCaseId())) {
        types.merge(a.getShopId() + "/" + a.getType(), 1L, Long::sum);
      }
    }
    for (AgentEvent e : agents) {
      if (e.getKind() == AgentEventKind.TRANSFER) {
        transfers.merge(e.getShopId() + "/" + e.getAgentId(), 1L, Long::sum);
      }
    }
    Map<String, BigDecimal> expectedCosts = new TreeMap<>();
    Map<String, Long> expectedTypes = new TreeMap<>();
    Map<String, Long> expectedTransfers = new TreeMap<>();
    stream
        .truth()
        .afterSales()
        .shops()
        .forEach(
            (shop, s) -> {
              s.costsByAgent().forEach((a, c) -> expectedCosts.put(shop + "/" + a, c.total()));
              s.casesByType().forEach((t, n) -> expectedTypes.put(shop + "/" + t, n));
              s.transfersByAgent().forEach((a, n) -> expectedTransfers.put(shop + "/" + a, n));
            });
    assertThat(costs).isEqualTo(expectedCosts);
    assertThat(types).isEqualTo(expectedTypes);
    assertThat(transfers).isEqualTo(expectedTransfers).isNotEmpty();
    assertThat(costs.values()).anySatisfy(c -> assertThat(c).isPositive());
  }

  @Test
  void truthSurvivesItsJson() {
    GroundTruth again = GroundTruth.fromJson(stream.truth().toJson());
    assertThat(again.toJson()).isEqualTo(stream.truth().toJson());
    assertThat(again.afterSales().feedbackEvents()).isEqualTo(feedback.size());
  }

  @Test
  void theDailyKpisAddUpToThePerAgentTruthAndCoverEveryRule() {
    GroundTruth.AfterSales truth = stream.truth().afterSales();
    for (var shop : truth.shops().entrySet()) {
      Map<String, GroundTruth.AgentDayKpis> days = shop.getValue().kpiByAgentDay();
      Map<String, Long> responsible = new TreeMap<>();
      Map<String, Long> toGood = new TreeMap<>();
      Map<String, BigDecimal> cost = new TreeMap<>();
      Map<String, Long> transfers = new TreeMap<>();
      days.forEach(
          (key, k) -> {
            String agent = key.substring(0, key.indexOf('/'));
            responsible.merge(agent, k.feedback().agentResponsible(), Long::sum);
            toGood.merge(agent, k.feedback().modifiedToGood(), Long::sum);
            cost.merge(agent, k.costs().total(), BigDecimal::add);
            transfers.merge(agent, k.transfersOut(), Long::sum);
          });
      shop.getValue()
          .feedbackByAgent()
          .forEach(
              (agent, c) -> {
                assertThat(responsible.get(agent)).isEqualTo(c.agentResponsible());
                assertThat(toGood.get(agent)).isEqualTo(c.modifiedToGood());
              });
      shop.getValue()
          .costsByAgent()
          .forEach((agent, c) -> assertThat(cost.get(agent)).isEqualByComparingTo(c.total()));
      shop.getValue()
          .transfersByAgent()
          .forEach((agent, n) -> assertThat(transfers.get(agent)).isEqualTo(n));
      // Shifts: 14 h online and 1 h away per agent and day, whatever the day boundaries.
      long agentDays =
          shop.getValue().statusChangesByAgent().values().stream().mapToLong(n -> n / 4).sum();
      assertThat(days.values().stream().mapToLong(GroundTruth.AgentDayKpis::onlineMs).sum())
          .isEqualTo(agentDays * 14 * 3_600_000L);
      assertThat(days.values().stream().mapToLong(GroundTruth.AgentDayKpis::awayMs).sum())
          .isEqualTo(agentDays * 3_600_000L);
    }
    Map<String, String> all = truth.kpiFiguresByAgentDay();
    assertThat(all.values()).anySatisfy(f -> assertThat(f).matches("(\\d+ ){9}[1-9]\\d* \\|.*"));
    var totals =
        truth.shops().values().stream().flatMap(s -> s.kpiByAgentDay().values().stream()).toList();
    assertThat(totals).anySatisfy(k -> assertThat(k.escalated()).isPositive());
    assertThat(totals).anySatisfy(k -> assertThat(k.handlingMs()).isPositive());
    assertThat(totals).anySatisfy(k -> assertThat(k.costs().cashback()).isPositive());
  }
}
