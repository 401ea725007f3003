// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.botReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.buyerSaysTo;
import static io.servicepulse.common.testing.EventFixtures.message;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.common.chat.NoReplyNeeded;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.SenderRole;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.aggregate.MinuteContribution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conversation rules real chats asked for: the source's conversation id, the first response of
 * a conversation whose first turn went unanswered, and messages that need no reply.
 */
class ConversationRulesTest {

  private static ChatMessage buyerIn(String conversation, Duration at, String text) {
    return message(at, SenderRole.BUYER, text).setConversationId(conversation).build();
  }

  private static ChatMessage agentIn(String conversation, Duration at) {
    return message(at, SenderRole.AGENT, "亲，在的")
        .setAgentId("agent-1")
        .setConversationId(conversation)
        .build();
  }

  private static List<MinuteContribution> current(TrackerHarness t, String prefix) {
    // The latest version of each item: a retraction cancels the version before it.
    java.util.Map<String, MinuteContribution> latest = new java.util.TreeMap<>();
    for (MinuteContribution c : t.contributions()) {
      if (c.id.startsWith(prefix)) {
        if (c.retracted) {
          latest.remove(c.id);
        } else {
          latest.put(c.id, c);
        }
      }
    }
    return List.copyOf(latest.values());
  }

  /** The source closes c-1 with a question unanswered and opens c-2 ten minutes later. */
  private static void sendTwoSourceConversations(TrackerHarness t) throws Exception {
    t.send(
            buyerIn("c-1", secs(0), "这个有货吗"),
            agentIn("c-1", secs(30)),
            buyerIn("c-1", mins(2), "发什么快递？"),
            buyerIn("c-2", mins(12), "我的订单什么时候发货？"),
            agentIn("c-2", mins(13)))
        .watermark(mins(13));
  }

  private static List<TurnFact> turnsByStart(TrackerHarness t) {
    return t.currentTurns().stream()
        .sorted(java.util.Comparator.comparingLong(turn -> turn.startMs))
        .toList();
  }

  @Test
  void aNewConversationIdStartsANewConversationInsideTheSessionGap() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      sendTwoSourceConversations(t);

      assertThat(turnsByStart(t))
          .extracting(turn -> turn.answered, turn -> turn.firstOfConversation)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(true, true),
              org.assertj.core.groups.Tuple.tuple(false, false),
              org.assertj.core.groups.Tuple.tuple(true, true));
      assertThat(current(t, "c:")).hasSize(2);
    }
  }

  @Test
  void withConversationsFromTheGapTheSameMessagesAreOneConversation() throws Exception {
    try (TrackerHarness t = new TrackerHarness(Map.of("metrics.conversations-from", "gap"))) {
      sendTwoSourceConversations(t);

      assertThat(turnsByStart(t))
          .extracting(turn -> turn.answered, turn -> turn.responseMs)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(true, 30_000L),
              org.assertj.core.groups.Tuple.tuple(true, 11 * 60_000L));
      assertThat(current(t, "c:")).hasSize(1);
    }
  }

  @Test
  void messagesWithoutAConversationIdAreSplitByTheGapOnly() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(
              buyerIn("c-1", secs(0), "这个有货吗"),
              agentReplies(secs(30), "agent-1"),
              buyerSays(mins(5), "发什么快递？"),
              agentIn("c-2", mins(6)))
          .watermark(mins(6));

      assertThat(current(t, "c:")).hasSize(1);
      assertThat(t.currentTurns()).hasSize(2);
    }
  }

  @Test
  void aConversationWhoseFirstTurnWentUnansweredHasTheFirstAnswerAsItsFirstResponse()
      throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(
              buyerSaysTo(secs(0), "agent-2", "在吗"),
              buyerSaysTo(mins(10), "agent-2", "有人吗"),
              // The reply timeout (30 min) has passed: this answers no turn.
              agentReplies(mins(40), "agent-2"))
          .watermark(mins(30));

      List<MinuteContribution> conversations = current(t, "c:");
      assertThat(conversations).hasSize(1);
      assertThat(conversations.get(0).values.firstResponseCount).as("nobody answered yet").isZero();

      t.watermark(mins(40));
      conversations = current(t, "c:");
      assertThat(conversations).hasSize(1);
      assertThat(conversations.get(0).agentId).isEqualTo("agent-2");
      assertThat(conversations.get(0).values.firstResponseCount).isEqualTo(1);
      assertThat(conversations.get(0).values.firstResponseMsSum).isEqualTo(40 * 60_000L);
      assertThat(t.currentTurns())
          .singleElement()
          .satisfies(
              turn -> {
                assertThat(turn.answered).isFalse();
                assertThat(MinuteContribution.ofTurn(turn).values.firstResponseCount).isZero();
              });
    }
  }

  @Test
  void anAnsweredFirstTurnCarriesTheFirstResponseOnce() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(buyerSays(secs(0), "在吗"), agentReplies(secs(40), "agent-1")).watermark(mins(40));

      assertThat(current(t, "c:"))
          .singleElement()
          .satisfies(c -> assertThat(c.values.firstResponseCount).isZero());
      MinuteContribution turn = MinuteContribution.ofTurn(t.currentTurns().get(0));
      assertThat(turn.values.firstResponseCount).isEqualTo(1);
      assertThat(turn.values.firstResponseMsSum).isEqualTo(40_000);
    }
  }

  @Test
  void thanksAfterAnAnswerOpensNoTurnSoTheBuyerIsNotMissed() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(
              buyerSays(secs(0), "这个有货吗"),
              agentReplies(secs(30), "agent-1"),
              buyerSays(secs(50), "好的，谢谢！"),
              buyerSays(secs(55), "👍"),
              buyerSays(mins(1), "ＯＫ thanks"))
          .watermark(mins(60));

      assertThat(t.currentTurns())
          .singleElement()
          .satisfies(turn -> assertThat(turn.answered).isTrue());
      assertThat(current(t, "c:"))
          .singleElement()
          .satisfies(c -> assertThat(c.values.conversationsWithHumanAnswer).isEqualTo(1));
    }
  }

  @Test
  void aMessageThatNeedsNoReplyJoinsAnOpenTurnAndALoneQuestionMarkOpensOne() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      ChatMessage nudge = buyerSays(mins(2), "？");
      t.send(
              buyerSays(secs(0), "这个有货吗"),
              buyerSays(secs(10), "好的"),
              agentReplies(secs(30), "agent-1"),
              nudge,
              agentReplies(mins(3), "agent-1"))
          .watermark(mins(3));

      assertThat(t.currentTurns())
          .extracting(turn -> turn.turnId, turn -> turn.responseMs)
          .hasSize(2)
          .contains(org.assertj.core.groups.Tuple.tuple(nudge.getEventId(), 60_000L));
    }
  }

  @Test
  void anEmptyRuleLetsThanksOpenATurn() throws Exception {
    try (TrackerHarness t = new TrackerHarness(Map.of("events.no-reply-needed", ""))) {
      t.send(buyerSays(secs(0), "这个有货吗"), agentReplies(secs(30), "agent-1"))
          .send(buyerSays(secs(50), "好的，谢谢"))
          .watermark(mins(60));

      assertThat(t.currentTurns()).extracting(turn -> turn.answered).containsExactly(true, false);
    }
  }

  @Test
  void aBotReplyWhileTheTurnWaitsIsMarkedAndAHumanAnswerAfterItIsAHandOff() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(
              buyerSays(secs(0), "在吗"),
              botReplies(secs(1)),
              agentReplies(secs(40), "agent-1"),
              // After the answer no turn waits: this bot message marks nothing.
              botReplies(secs(45)),
              buyerSays(mins(2), "发什么快递？"),
              agentReplies(mins(3), "agent-1"),
              buyerSaysTo(mins(5), "agent-1", "还有别的颜色吗"),
              botReplies(mins(5).plusSeconds(1)))
          .watermark(mins(40));

      assertThat(turnsByStart(t))
          .extracting(turn -> turn.botReplied, TurnFact::humanAnswered)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(true, true),
              org.assertj.core.groups.Tuple.tuple(false, true),
              org.assertj.core.groups.Tuple.tuple(true, false));
    }
  }

  @Test
  void theDefaultRuleKnowsAcknowledgementsFromQuestions() {
    NoReplyNeeded rule = MetricsSettings.defaults().noReplyNeeded();
    assertThat(
            List.of(
                "好的，谢谢",
                "好的",
                "嗯嗯",
                "谢谢亲～",
                "收到",
                "ok",
                "Great, thanks!",
                "Thank you.",
                "👍👍",
                "ｏｋ"))
        .allMatch(rule::test);
    assertThat(
            List.of("？", "?", "在吗", "好的，什么时候发货？", "可以便宜吗", "OK, I will think about it.", "", "   "))
        .noneMatch(rule::test);
  }

  @Test
  void aBadRuleOrBoundaryIsAClearConfigurationError() {
    assertThatThrownBy(
            () -> MetricsSettings.from(JobConfig.of(Map.of("events.no-reply-needed", "(好的"))))
        .hasMessageContaining("events.no-reply-needed");
    assertThatThrownBy(
            () -> MetricsSettings.from(JobConfig.of(Map.of("metrics.conversations-from", "id"))))
        .hasMessageContaining("metrics.conversations-from must be conversation-id or gap");
  }
}
