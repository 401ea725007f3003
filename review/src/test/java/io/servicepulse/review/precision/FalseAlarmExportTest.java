// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.precision;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.review.queue.Decision;
import io.servicepulse.review.queue.FlagRow;
import io.servicepulse.review.queue.QueueFixtures;
import io.servicepulse.review.queue.QueueItems;
import io.servicepulse.review.queue.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FalseAlarmExportTest {

  private static FlagRow flag(String id, String rule, String matched, String text, int s, int e) {
    return new FlagRow(
        id, rule, "shop-a", "t1", "agent-1", "buyer-1", "c1", "AGENT", 1, "INSULT", 2, s, e,
        matched, text, "v1", "zh");
  }

  private final List<FlagRow> flags =
      List.of(
          flag("m1", "zh.insult.feiwu", "废物", "废物\\t利用做得好", 0, 2),
          flag("m2", "zh.insult.feiwu", "", "这是废物箱", 2, 4),
          flag("m3", "zh.insult.sb", "sb", "sb", 0, 2));

  private final Map<String, Verdict> latest =
      QueueItems.latest(
          List.of(
              QueueFixtures.verdict("m1", Decision.FALSE_ALARM, 0, 1),
              QueueFixtures.verdict("m2", Decision.FALSE_ALARM, 0, 1),
              QueueFixtures.verdict("m3", Decision.CONFIRM, 0, 1)));

  @Test
  void allowListCandidatesAreTheMatchedSpansOfFalseAlarmsInTheLexiconsFormat() {
    List<String> lines =
        FalseAlarmExport.allowListCandidates(flags, latest).lines().skip(1).toList();
    assertThat(lines).containsExactly("废物\tzh\tfalse alarm of zh.insult.feiwu on m1 (rev)");
  }

  @Test
  void goldCandidatesAreWholeMessagesExpectedUnflagged() {
    List<String> lines = FalseAlarmExport.goldCandidates(flags, latest).lines().skip(1).toList();
    assertThat(lines)
        .containsExactly(
            "rv-m1\tzh\tAGENT\tlookalike\t-\t废物\\t利用做得好", "rv-m2\tzh\tAGENT\tlookalike\t-\t这是废物箱");
    assertThat(lines).allSatisfy(l -> assertThat(l.split("\t")).hasSize(6));
  }
}
