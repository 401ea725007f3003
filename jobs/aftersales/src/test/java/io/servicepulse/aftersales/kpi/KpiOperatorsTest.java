// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales.kpi;

import static io.servicepulse.common.testing.EventFixtures.BEGINNING;
import static io.servicepulse.common.testing.EventFixtures.afterSales;
import static io.servicepulse.common.testing.EventFixtures.agentStatus;
import static io.servicepulse.common.testing.EventFixtures.noCosts;
import static io.servicepulse.common.testing.EventFixtures.rating;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static io.servicepulse.common.testing.EventFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.flink.ClosedRows;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AfterSalesStatus;
import io.servicepulse.events.AfterSalesType;
import io.servicepulse.events.AgentStatus;
import io.servicepulse.events.FeedbackKind;
import io.servicepulse.events.Responsibility;
import io.servicepulse.events.ServiceFeedback;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each KPI rule through the job's operators (Flink test harnesses): what a manager reads in
 * agent_kpi_daily — the latest version of each (shop, agent, day) row.
 */
class KpiOperatorsTest {

  private static final long HOUR = 3_600_000;
  private static final long DAY = 24 * HOUR;

  private final KpiSettings settings = KpiSettings.defaults();
  private final int day0 = settings.day("shop-1", BEGINNING.toEpochMilli());

  private static String key(String agent, int day) {
    return "shop-1|" + agent + "|" + day;
  }

  private static Duration hours(double h) {
    return Duration.ofMillis((long) (h * HOUR));
  }

  @Test
  void aRatingModifiedAfterTheFactMovesItsContributionFromTheOldValueToTheNew() throws Exception {
    try (KpiHarness h = new KpiHarness()) {
      ServiceFeedback bad = rating(secs(0), "fb-1", 0, "agent-1", 2).setInvited(true).build();
      h.rating(bad);
      assertThat(h.latest().get(key("agent-1", day0)).counts.figures())
          .startsWith("1 0 1 0 0 1 1 0 1 0 |");

      // A day later the buyer changes it to 5 stars; agent-2 handled it (中差评修改成功).
      ServiceFeedback good =
          rating(hours(24), "fb-1", 1, "agent-2", 5)
              .setInvited(true)
              .setResponsibility(Responsibility.NONE)
              .build();
      h.rating(good);

      Map<String, KpiRow> rows = h.latest();
      assertThat(rows.get(key("agent-1", day0)).counts.isZero()).isTrue();
      // Still on the day it was given, now good, modified, bad first and modified to good.
      assertThat(rows.get(key("agent-2", day0)).counts.figures())
          .startsWith("1 0 0 0 1 0 1 1 1 1 |");
      assertThat(rows).doesNotContainKey(key("agent-2", day0 + 1));
      assertThat(h.deadLetters()).isEmpty();
    }
  }

  @Test
  void aRevisionArrivingBeforeItsRatingWaitsForIt() throws Exception {
    try (KpiHarness h = new KpiHarness()) {
      ServiceFeedback first = rating(secs(0), "fb-1", 0, "agent-1", 3).build();
      ServiceFeedback second =
          rating(secs(60), "fb-1", 1, "agent-1", 4).setResponsibility(Responsibility.NONE).build();
      h.rating(second);
      assertThat(h.emitted).isEmpty();
      h.rating(first);
      assertThat(h.latest().get(key("agent-1", day0)).counts.figures())
          .startsWith("1 0 0 0 1 0 0 1 1 1 |");
      h.watermark(Long.MAX_VALUE);
      assertThat(h.deadLetters()).isEmpty();
    }
  }

  @Test
  void aRevisionWhoseRatingNeverComesIsADeadLetterNotAFreshRating() throws Exception {
    try (KpiHarness h = new KpiHarness()) {
      ServiceFeedback orphan = rating(hours(2), "fb-9", 1, "agent-1", 5).build();
      h.rating(orphan);
      h.watermark(orphan.getTs().toEpochMilli() + settings.allowedLatenessMs);
      assertThat(h.emitted).isEmpty();
      assertThat(h.deadLetters())
          .extracting(d -> d.stage + " " + d.reason + " " + d.eventId)
          .containsExactly("late " + LedgerFunction.NO_LEDGER + " fb-9:1");
    }
  }

  @Test
  void aReviewCountsAsAProductReviewAndAnUnnamedAgentAsAgentBlank() throws Exception {
    try (KpiHarness h = new KpiHarness()) {
      h.rating(
          rating(secs(0), "rv-1", 0, null, 1)
              .setKind(FeedbackKind.PRODUCT_REVIEW)
              .setResponsibility(Responsibility.PRODUCT)
              .build());
      assertThat(h.latest().get(key("", day0)).counts.figures())
          .startsWith("0 1 1 0 0 0 0 0 1 0 |");
    }
  }

  @Test
  void aPayoutDaysLaterCorrectsTheRowOfTheDayTheCaseWasOpened() throws Exception {
    try (KpiHarness h = new KpiHarness()) {
      h.afterSales(opened("as-1", secs(0)));
      h.afterSales(
          afterSales(hours(2), "as-1", AfterSalesType.CASHBACK, AfterSalesStatus.AGREED, "agent-2")
              .build());
      h.afterSales(
          afterSales(hours(26), "as-1", AfterSalesType.CASHBACK, AfterSalesStatus.CLOSED, "agent-2")
              .build());
      assertThat(h.latest().get(key("agent-2", day0)).counts.figures())
          .contains("| 1 1 0 0 1 0 93600000 0.00 0.00 0.00 0.00 |");

      // The cashback is paid three days after closing: the opening day's row takes it.
      h.afterSales(
          afterSales(hours(98), "as-1", AfterSalesType.CASHBACK, AfterSalesStatus.CLOSED, "agent-2")
              .setEventId("as-1:CLOSED:late")
              .setCosts(noCosts().setCashback(new BigDecimal("12.30")).build())
              .build());
      Map<String, KpiRow> rows = h.latest();
      // Handling time stays opened → first CLOSED (26 h).
      assertThat(rows.get(key("agent-2", day0)).counts.figures())
          .contains("| 1 1 0 0 1 1 93600000 12.30 0.00 0.00 0.00 |");
      assertThat(rows).containsOnlyKeys(key("", day0), key("agent-2", day0));
      assertThat(rows.get(key("", day0)).counts.isZero()).isTrue();
      assertThat(h.emitted)
          .filteredOn(r -> r.rowKey().equals(key("agent-2", day0)))
          .extracting(r -> r.version)
          .containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void aDisputeWithAPlatformDepositCountsAsEscalatedWithItsCost() throws Exception {
    try (KpiHarness h = new KpiHarness()) {
      h.afterSales(opened("as-2", secs(0)));
      h.afterSales(
          afterSales(hours(2), "as-2", AfterSalesType.REFUND_ONLY, AfterSalesStatus.REJECTED, "a")
              .build());
      h.afterSales(
          afterSales(hours(26), "as-2", AfterSalesType.REFUND_ONLY, AfterSalesStatus.ESCALATED, "a")
              .setCosts(noCosts().setDeposit(new BigDecimal("40.00")).build())
              .build());
      assertThat(h.latest().get(key("a", day0)).counts.figures())
          .contains("| 1 0 1 1 0 1 0 0.00 0.00 0.00 40.00 |");
    }
  }

  @Test
  void aPayoutAfterTheCorrectionWindowIsADeadLetterAndTheStateIsGone() throws Exception {
    try (KpiHarness h = new KpiHarness()) {
      h.afterSales(opened("as-3", secs(0)));
      long finalAt = settings.dayFinalAt("shop-1", day0);
      h.watermark(finalAt + 1);
      h.wallClock(ClosedRows.MIN_GRACE_MS + 1);
      assertThat(h.stateEntries()).isZero();

      AfterSalesEvent tooLate =
          afterSales(
                  Duration.ofMillis(finalAt - BEGINNING.toEpochMilli() + HOUR),
                  "as-3",
                  AfterSalesType.CASHBACK,
                  AfterSalesStatus.CLOSED,
                  "agent-2")
              .setCosts(noCosts().setCashback(new BigDecimal("5.00")).build())
              .build();
      h.afterSales(tooLate);
      h.watermark(tooLate.getTs().toEpochMilli() + settings.allowedLatenessMs);
      assertThat(h.deadLetters())
          .extracting(d -> d.reason + " " + d.eventId)
          .containsExactly(LedgerFunction.NO_LEDGER + " as-3:CLOSED");
      assertThat(h.emitted).extracting(KpiRow::rowKey).containsOnly(key("", day0));
    }
  }

  @Test
  void statusTimeIsSplitAtMidnightAndALateChangeSplitsItsInterval() throws Exception {
    // BEGINNING is 10:00 shop time.
    List<io.servicepulse.events.AgentEvent> shift =
        List.of(
            agentStatus(secs(0), "agent-1", AgentStatus.ONLINE), // 10:00
            agentStatus(hours(2), "agent-1", AgentStatus.AWAY), // 12:00
            agentStatus(hours(3), "agent-1", AgentStatus.ONLINE), // 13:00
            agentStatus(hours(13), "agent-1", AgentStatus.BUSY), // 23:00
            agentStatus(hours(15), "agent-1", AgentStatus.OFFLINE)); // 01:00 next day
    String inOrder;
    try (KpiHarness h = new KpiHarness()) {
      for (var e : shift) {
        h.agent(e);
      }
      Map<String, KpiRow> rows = h.latest();
      // Online 10-12 and 13-24 (13 h, 1 h of it busy), away 1 h; the next day 1 h online busy.
      assertThat(rows.get(key("agent-1", day0)).counts.figures())
          .endsWith("| 0 0 " + 13 * HOUR + " " + HOUR + " " + HOUR);
      assertThat(rows.get(key("agent-1", day0 + 1)).counts.figures())
          .endsWith("| 0 0 " + HOUR + " " + HOUR + " 0");
      inOrder = figures(rows);
    }
    try (KpiHarness h = new KpiHarness()) {
      // The AWAY arrives last (within the allowed lateness): it splits 10:00-13:00 in two.
      for (int i : new int[] {0, 2, 3, 4, 1}) {
        h.agent(shift.get(i));
      }
      assertThat(figures(h.latest())).isEqualTo(inOrder);
    }
  }

  @Test
  void aShopInAnotherZoneSplitsStatusTimeAtItsOwnMidnight() throws Exception {
    KpiSettings newYork =
        KpiSettings.from(JobConfig.of(Map.of("events.shop-time-zones", "shop-1=America/New_York")));
    // BEGINNING is 21:00 on 1 November in New York (EST, UTC-5), the day before Shanghai's day0.
    try (KpiHarness h = new KpiHarness(newYork)) {
      h.agent(agentStatus(secs(0), "agent-1", AgentStatus.ONLINE)); // 21:00
      h.agent(agentStatus(hours(2), "agent-1", AgentStatus.AWAY)); // 23:00
      h.agent(agentStatus(hours(3), "agent-1", AgentStatus.ONLINE)); // 00:00 on 2 November
      h.agent(agentStatus(hours(13), "agent-1", AgentStatus.BUSY)); // 10:00
      h.agent(agentStatus(hours(15), "agent-1", AgentStatus.OFFLINE)); // 12:00
      h.agent(transfer(hours(14), "agent-1", "agent-2")); // 11:00 on 2 November
      Map<String, KpiRow> rows = h.latest();
      assertThat(rows)
          .containsOnlyKeys(key("agent-1", day0 - 1), key("agent-1", day0), key("agent-2", day0));
      assertThat(rows.get(key("agent-1", day0 - 1)).counts.figures())
          .endsWith("| 0 0 " + 2 * HOUR + " 0 " + HOUR);
      assertThat(rows.get(key("agent-1", day0)).counts.figures())
          .endsWith("| 1 0 " + 12 * HOUR + " " + 2 * HOUR + " 0");
      assertThat(rows.get(key("agent-2", day0)).counts.figures()).endsWith("| 0 1 0 0 0");
    }
  }

  @Test
  void aTransferCountsOutForOneAgentAndInForTheOther() throws Exception {
    try (KpiHarness h = new KpiHarness()) {
      h.agent(transfer(secs(30), "agent-1", "agent-2"));
      h.agent(transfer(secs(90), "agent-1", "agent-3"));
      Map<String, KpiRow> rows = h.latest();
      assertThat(rows.get(key("agent-1", day0)).counts.figures()).endsWith("| 2 0 0 0 0");
      assertThat(rows.get(key("agent-2", day0)).counts.figures()).endsWith("| 0 1 0 0 0");
      assertThat(rows.get(key("agent-3", day0)).counts.figures()).endsWith("| 0 1 0 0 0");
      assertThat(h.stateEntries()).isEqualTo(3); // one row each, no agent ledger for transfers
    }
  }

  @Test
  void versionsRiseByOneWithEveryChangeOfARowAndNeverRepeat() throws Exception {
    try (KpiHarness h = new KpiHarness()) {
      for (int i = 0; i < 5; i++) {
        h.rating(rating(secs(i), "fb-" + i, 0, "agent-1", 1 + i).build());
      }
      h.rating(rating(secs(99), "fb-0", 1, "agent-1", 5).build());
      assertThat(h.emitted).extracting(r -> r.version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }
  }

  private static AfterSalesEvent opened(String caseId, Duration at) {
    return afterSales(at, caseId, AfterSalesType.CASHBACK, AfterSalesStatus.OPENED, null).build();
  }

  private static String figures(Map<String, KpiRow> rows) {
    StringBuilder s = new StringBuilder();
    rows.forEach((k, r) -> s.append(k).append(' ').append(r.counts.figures()).append('\n'));
    return s.toString();
  }
}
