// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.review.queue.FlagRow;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static FlagRow flag(String id, long ts, String masked, int start, int end) {
    return new FlagRow(
        id, "r1", "s", "t", "agent-1", "b", "c", "AGENT", ts, "INSULT", 2, start, end, "", masked,
        "v1", "zh");
  }

  @Test
  void messagesAndOrdersInTimeOrderWithResponseTimesAndMarkedSpans() {
    List<TimelineEntry> entries =
        Timeline.build(
            List.of(
                new ChatLine("q1", "BUYER", "", "在吗", 1000),
                new ChatLine("a1", "AGENT", "agent-1", "电话 13812345678 你是笨蛋", 5000)),
            List.of(flag("a1", 5000, "电话 ***** 你是笨蛋", 11, 13)),
            List.of(new TurnTime("q1", "agent-1", 4000, true)),
            List.of(new OrderLine("o1", "PAID", new BigDecimal("9.90"), "CNY", "", 3000)),
            "a1");

    assertThat(entries).extracting(TimelineEntry::tsMs).containsExactly(1000L, 3000L, 5000L);
    assertThat(entries.get(0).responseMs()).isEqualTo(4000L);
    assertThat(entries.get(1).isOrder()).isTrue();
    TimelineEntry flagged = entries.get(2);
    assertThat(flagged.focus()).isTrue();
    assertThat(flagged.segments())
        .as("the masked text, not the raw one")
        .containsExactly(new Segment("电话 ***** 你是", false), new Segment("笨蛋", true));
    assertThat(flagged.flagCategories()).containsExactly("INSULT");
  }

  @Test
  void aFlaggedMessageMissingFromMessagesIsShownFromItsFlag() {
    List<TimelineEntry> entries =
        Timeline.build(
            List.of(), List.of(flag("a1", 5000, "你是笨蛋", 2, 4)), List.of(), List.of(), "a1");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).focus()).isTrue();
    assertThat(entries.get(0).message().text()).isEqualTo("你是笨蛋");
  }
}
