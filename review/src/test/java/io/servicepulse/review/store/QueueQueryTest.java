// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.review.queue.QueueFilter;
import io.servicepulse.review.queue.Tab;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The queue's SQL: every value a bound parameter, in the order of its mark. */
class QueueQueryTest {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final QueueQuery.Scope SCOPE =
      new QueueQuery.Scope(List.of("shop-a", "shop-b"), null);

  private static final Map<String, String> EVERY_FILTER =
      Map.ofEntries(
          Map.entry("tab", "buyer"),
          Map.entry("shop", "shop-a"),
          Map.entry("team", "t'1"),
          Map.entry("agent", "agent-1"),
          Map.entry("category", "INSULT"),
          Map.entry("rule", "zh.insult.stupid"),
          Map.entry("severity", "2"),
          Map.entry("from", "2026-03-02"),
          Map.entry("to", "2026-03-03"),
          Map.entry("status", "unreviewed"),
          Map.entry("assignee", "rev"),
          Map.entry("buyer", "buyer-1"),
          Map.entry("q", "x' OR 1=1 --"),
          Map.entry("order", "order-7"));

  private static QueueFilter everyFilter() {
    return QueueFilter.fromParams(EVERY_FILTER).withOrderBuyers(Set.of("buyer-1"));
  }

  @Test
  void noValueIsInTheSqlTextAndEveryMarkHasItsParameter() {
    for (QueueQuery.Sql sql :
        List.of(
            QueueQuery.of(SCOPE, everyFilter(), ZONE).counts(Tab.BUYER_ABUSE),
            QueueQuery.of(SCOPE, everyFilter(), ZONE)
                .inTab(Tab.BUYER_ABUSE)
                .items(QueueQuery.QUEUE_ORDER, 400, 200))) {
      assertThat(sql.text()).doesNotContain("shop-a", "t'1", "agent-1", "buyer-1", "x' OR");
      assertThat(sql.text().chars().filter(c -> c == '?').count())
          .as(sql.text())
          .isEqualTo(sql.params().size());
    }
  }

  @Test
  void parametersFollowTheirMarksInTheText() {
    // counts: the filters inside countIf come before the source's shops.
    QueueQuery.Sql counts = QueueQuery.of(SCOPE, everyFilter(), ZONE).counts(Tab.AGENT_MISCONDUCT);
    assertThat(counts.params().subList(0, 4))
        .containsExactly("shop-a", "t'1", "agent-1", "buyer-1");
    assertThat(counts.params().subList(counts.params().size() - 6, counts.params().size()))
        .containsExactly("shop-a", "shop-b", "shop-a", "shop-b", "shop-a", "shop-b");
    // a page: the flags' shops and filters, the verdicts' and assignments' shops, the item
    // filters, then offset and limit.
    QueueQuery.Sql page =
        QueueQuery.of(SCOPE, everyFilter(), ZONE)
            .inTab(Tab.AGENT_MISCONDUCT)
            .items(QueueQuery.QUEUE_ORDER, 400, 200);
    List<Object> p = page.params();
    assertThat(p.subList(0, 6))
        .containsExactly("shop-a", "shop-b", "shop-a", "t'1", "agent-1", "buyer-1");
    long from = LocalDate.parse("2026-03-02").atStartOfDay(ZONE).toInstant().toEpochMilli();
    assertThat(p).containsSubsequence(from, from + 2 * 86_400_000L, "shop-a", "shop-b", "shop-a");
    assertThat(p.subList(p.size() - 2, p.size())).containsExactly(400L, 200L);
    assertThat(p)
        .containsSubsequence("INSULT", "INSULT", "zh.insult.stupid", 2L, "rev", "x' OR 1=1 --");
  }

  @Test
  void anAgentSeesOnlyItsOwnFlags() {
    QueueQuery.Sql sql =
        QueueQuery.of(new QueueQuery.Scope(List.of("shop-a"), "agent-7"))
            .items(QueueQuery.NEWEST_FIRST, 0, 10);
    assertThat(sql.text()).contains("retracted = 0 AND shop_id IN (?) AND agent_id = ?");
    assertThat(sql.params().subList(0, 2)).containsExactly("shop-a", "agent-7");
  }

  @Test
  void anOrderWithNoBuyerMatchesNothing() {
    QueueFilter f = QueueFilter.fromParams(Map.of("order", "nope"));
    assertThat(
            QueueQuery.of(SCOPE, f, ZONE).inTab(Tab.AGENT_MISCONDUCT).items("ts_ms", 0, 1).text())
        .contains(" AND 0 AND ");
  }
}
