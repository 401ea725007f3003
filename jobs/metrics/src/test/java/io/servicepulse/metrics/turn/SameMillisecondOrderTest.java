// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.chat.NoReplyNeeded;
import io.servicepulse.events.ChatMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages of one millisecond: ChatMessage v3's seq orders them, else the event id. */
class SameMillisecondOrderTest {

  private static ChatMessage withId(ChatMessage m, String id, Long seq) {
    return ChatMessage.newBuilder(m).setEventId(id).setSeq(seq).build();
  }

  private static List<String> sorted(ChatMessage... messages) {
    List<ChatEvent> events = new ArrayList<>();
    for (ChatMessage m : messages) {
      events.add(ChatEvent.of(m, NoReplyNeeded.of("")));
    }
    List<List<String>> orders = new ArrayList<>();
    for (int rotation = 0; rotation < events.size(); rotation++) {
      List<ChatEvent> copy = new ArrayList<>(events);
      Collections.rotate(copy, rotation);
      copy.sort(ChatEvent::compareTo);
      orders.add(copy.stream().map(e -> e.eventId).toList());
    }
    assertThat(orders).as("every arrival order gives one sequence").containsOnly(orders.get(0));
    return orders.get(0);
  }

  @Test
  void seqOrdersMessagesOfOneMillisecondWhereTheEventIdCannot() {
    ChatMessage buyer = withId(buyerSays(secs(0), "在吗"), "tw-9", 1L);
    ChatMessage agent = withId(agentReplies(secs(0), "agent-1"), "tw-10", 2L);
    assertThat(sorted(agent, buyer)).containsExactly("tw-9", "tw-10");
  }

  @Test
  void withoutSeqTheEventIdDecidesAsText() {
    ChatMessage buyer = withId(buyerSays(secs(0), "在吗"), "tw-9", null);
    ChatMessage agent = withId(agentReplies(secs(0), "agent-1"), "tw-10", null);
    assertThat(sorted(buyer, agent)).containsExactly("tw-10", "tw-9");
  }

  @Test
  void messagesWithASeqComeFirstAndTimeAlwaysWins() {
    ChatMessage a = withId(buyerSays(secs(0), "a"), "m-a", null);
    ChatMessage b = withId(buyerSays(secs(0), "b"), "m-b", 5L);
    ChatMessage c = withId(buyerSays(secs(0), "c"), "m-c", 3L);
    ChatMessage earlier = withId(buyerSays(secs(-1), "d"), "m-z", 99L);
    assertThat(sorted(a, b, c, earlier)).containsExactly("m-z", "m-c", "m-b", "m-a");
  }

  @Test
  void theTrackerAnswersATurnBySeqWithinOneMillisecond() throws Exception {
    ChatMessage buyer = withId(buyerSays(secs(0), "在吗"), "tw-9", 1L);
    ChatMessage agent = withId(agentReplies(secs(0), "agent-1"), "tw-10", 2L);
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(agent, buyer).watermark(secs(0));
      assertThat(t.emitted()).hasSize(1);
      assertThat(t.emitted().get(0).answered).isTrue();
      assertThat(t.emitted().get(0).responseMs).isZero();
    }
  }
}
