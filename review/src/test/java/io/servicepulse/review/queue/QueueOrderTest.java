// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import static io.servicepulse.review.queue.QueueFixtures.flag;
import static io.servicepulse.review.queue.QueueFixtures.item;
import static io.servicepulse.review.queue.QueueFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QueueOrderTest {

  @Test
  void unreviewedFirstThenSeverityThenOldestFirst() {
    QueueItem reviewedSevere =
        item("reviewed-3", 3, 1, verdict("reviewed-3", Decision.CONFIRM, 0, 5));
    QueueItem new1 = item("new-1", 1, 1, null);
    QueueItem new3Late = item("new-3-late", 3, 200, null);
    QueueItem new3Early = item("new-3-early", 3, 100, null);
    QueueItem new2 = item("new-2", 2, 50, null);

    List<String> order =
        Stream.of(reviewedSevere, new1, new3Late, new3Early, new2)
            .sorted(QueueOrder.ORDER)
            .map(QueueItem::messageId)
            .toList();

    assertThat(order).containsExactly("new-3-early", "new-3-late", "new-2", "new-1", "reviewed-3");
  }

  @Test
  void aSeverityOverrideMovesAnItem() {
    QueueItem lowered = item("lowered", 3, 1, verdict("lowered", Decision.CONFIRM, 1, 5));
    QueueItem two = item("two", 2, 9, verdict("two", Decision.CONFIRM, 0, 5));
    assertThat(Stream.of(lowered, two).sorted(QueueOrder.ORDER).map(QueueItem::messageId))
        .containsExactly("two", "lowered");
  }

  @Test
  void flagsGroupByMessageAndTheLatestVerdictWins() {
    FlagRow insult = flag("m1", "r.insult", "INSULT", 2);
    FlagRow profanity = flag("m1", "r.profanity", "PROFANITY", 3);
    FlagRow other = flag("m2", "r.insult", "INSULT", 1);
    Verdict early = verdict("m1", Decision.CONFIRM, 0, 10);
    Verdict late = verdict("m1", Decision.FALSE_ALARM, 0, 20);

    List<QueueItem> items =
        QueueItems.group(
            List.of(insult, profanity, other),
            QueueItems.latest(List.of(late, early)),
            java.util.Map.of("m2", "rev"));

    assertThat(items).hasSize(2);
    QueueItem m1 = items.get(0);
    assertThat(m1.rules()).containsExactly("r.insult", "r.profanity");
    assertThat(m1.categories()).containsExactly("INSULT", "PROFANITY");
    assertThat(m1.severity()).isEqualTo(3);
    assertThat(m1.latest().decision()).isEqualTo(Decision.FALSE_ALARM);
    assertThat(items.get(1).assignee()).isEqualTo("rev");
    assertThat(items.get(1).reviewed()).isFalse();
  }

  @Test
  void equalDecisionTimesAreBrokenByIdNotByReadOrder() {
    Verdict a =
        new Verdict("a", "m1", "s", "x", "verdict", Decision.CONFIRM, 0, "", "", "r", "", "", 5);
    Verdict b =
        new Verdict("b", "m1", "s", "x", "verdict", Decision.UNSURE, 0, "", "", "r", "", "", 5);
    assertThat(QueueItems.latest(List.of(a, b)).get("m1")).isEqualTo(b);
    assertThat(QueueItems.latest(List.of(b, a)).get("m1")).isEqualTo(b);
  }
}
