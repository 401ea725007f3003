// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import static io.servicepulse.review.queue.QueueFixtures.buyerItem;
import static io.servicepulse.review.queue.QueueFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueuePageTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void filtersHideItemsOfTheTabAndSayHowMany() {
    QueueItem severe = item("severe", 3, 1, null);
    QueueItem mild = item("mild", 1, 1, null);
    QueueItem buyer = buyerItem("buyer", 2);

    QueuePage page =
        QueuePage.of(
            List.of(severe, mild, buyer),
            QueueFilter.fromParams(Map.of("severity", "3")),
            SHANGHAI,
            50);

    assertThat(page.shown()).containsExactly(severe);
    assertThat(page.hiddenByFilters()).isEqualTo(1);
    assertThat(page.tabTotal()).isEqualTo(2);
    assertThat(page.otherTabTotal()).isEqualTo(1);
  }

  @Test
  void theBuyerTabShowsBuyerAbuseOnly() {
    QueueItem agent = item("agent", 3, 1, null);
    QueueItem buyer = buyerItem("buyer", 2);
    QueuePage page =
        QueuePage.of(
            List.of(agent, buyer), QueueFilter.fromParams(Map.of("tab", "buyer")), SHANGHAI, 50);
    assertThat(page.shown()).containsExactly(buyer);
  }

  @Test
  void datesAreShopLocalDaysAndBadParametersAreIgnored() {
    long lateEveningUtc = Instant.parse("2026-03-01T17:00:00Z").toEpochMilli(); // 03-02 01:00 CST
    QueueItem item = item("m", 2, lateEveningUtc, null);
    assertThat(
            QueueFilter.fromParams(Map.of("from", "2026-03-02", "to", "2026-03-02"))
                .matches(item, SHANGHAI))
        .isTrue();
    assertThat(QueueFilter.fromParams(Map.of("to", "2026-03-01")).matches(item, SHANGHAI))
        .isFalse();
    QueueFilter garbage =
        QueueFilter.fromParams(Map.of("from", "yesterday", "severity", "9'; DROP"));
    assertThat(garbage.matches(item, SHANGHAI)).isTrue();
  }

  @Test
  void aLimitCutsTheListAndCountsTheRest() {
    QueuePage page =
        QueuePage.of(
            List.of(item("a", 1, 1, null), item("b", 1, 2, null), item("c", 1, 3, null)),
            QueueFilter.fromParams(Map.of()),
            SHANGHAI,
            2);
    assertThat(page.shown()).extracting(QueueItem::messageId).containsExactly("a", "b");
    assertThat(page.beyondLimit()).isEqualTo(1);
  }

  @Test
  void buyerOrderAndKeywordFilters() {
    QueueItem item = item("m", 2, 1, null); // buyer-1, text "text"
    assertThat(QueueFilter.fromParams(Map.of("buyer", "buyer-1")).matches(item, SHANGHAI)).isTrue();
    assertThat(QueueFilter.fromParams(Map.of("buyer", "buyer-2")).matches(item, SHANGHAI))
        .isFalse();
    assertThat(QueueFilter.fromParams(Map.of("q", "TEX")).matches(item, SHANGHAI)).isTrue();
    assertThat(QueueFilter.fromParams(Map.of("q", "nope")).matches(item, SHANGHAI)).isFalse();
    QueueFilter order = QueueFilter.fromParams(Map.of("order", "o-1"));
    assertThat(order.matches(item, SHANGHAI)).as("no buyer looked up").isFalse();
    assertThat(order.withOrderBuyers(java.util.Set.of("buyer-1")).matches(item, SHANGHAI)).isTrue();
  }
}
