// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.score;

import static io.servicepulse.review.queue.QueueFixtures.buyerItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.review.queue.Decision;
import io.servicepulse.review.queue.QueueItem;
import io.servicepulse.review.queue.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeductionsTest {

  private static final Deductions POINTS = Deductions.parse("INSULT=5, THREAT=10,IMPATIENCE=2");

  private static QueueItem confirmed(
      String id, String agent, List<String> categories, String correction) {
    Verdict verdict =
        new Verdict(
            "v" + id,
            id,
            "shop-a",
            agent,
            Verdict.KIND_VERDICT,
            Decision.CONFIRM,
            0,
            correction,
            "",
            "rev",
            "",
            "",
            1);
    return new QueueItem(
        id, "shop-a", "t1", agent, "b", "AGENT", 1, 2, categories, List.of("r"), "x", verdict, "");
  }

  @Test
  void aConfirmedMessageCostsItsHighestCategoryOrTheCorrectedOne() {
    assertThat(POINTS.of(confirmed("m1", "a1", List.of("INSULT", "THREAT"), ""))).isEqualTo(10);
    assertThat(POINTS.of(confirmed("m2", "a1", List.of("THREAT"), "IMPATIENCE"))).isEqualTo(2);
    assertThat(POINTS.of(confirmed("m3", "a1", List.of("SHIRKING"), ""))).as("not listed").isZero();
  }

  @Test
  void unconfirmedAndBuyerAbuseCostNothing() {
    assertThat(POINTS.of(io.servicepulse.review.queue.QueueFixtures.item("m", 3, 1, null)))
        .isZero();
    assertThat(POINTS.of(buyerItem("b", 3))).isZero();
  }

  @Test
  void theScorecardSumsPerAgentMostPointsFirst() {
    List<Deductions.AgentScore> scores =
        POINTS.scorecard(
            List.of(
                confirmed("m1", "a1", List.of("IMPATIENCE"), ""),
                confirmed("m2", "a2", List.of("THREAT"), ""),
                confirmed("m3", "a1", List.of("INSULT"), "")));
    assertThat(scores)
        .containsExactly(
            new Deductions.AgentScore("shop-a", "a2", 1, 10),
            new Deductions.AgentScore("shop-a", "a1", 2, 7));
  }

  @Test
  void aBadSpecIsRefused() {
    assertThatThrownBy(() -> Deductions.parse("INSULT"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Deductions.parse("INSULT=-1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Deductions.parse(Deductions.DEFAULTS).of(confirmed("m", "a", List.of("THREAT"), "")))
        .isEqualTo(10);
  }
}
