// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import static io.servicepulse.common.testing.EventFixtures.BEGINNING;
import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.botReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.buyerSaysTo;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.metrics.MetricsSettings;
import io.servicepulse.metrics.aggregate.MinuteContribution;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class TurnTrackerTest {

  private static final long START = BEGINNING.toEpochMilli();

  @Test
  void consecutiveBuyerMessagesAreOneTurnAnsweredByTheNextAgentMessage() throws Exception {
    ChatMessage first = buyerSays(secs(0), "在吗");
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(first, buyerSays(secs(10), "这个有货吗"), agentReplies(secs(40), "agent-1"))
          .watermark(secs(40));

      assertThat(t.emitted()).hasSize(1);
      TurnFact turn = t.emitted().get(0);
      assertThat(turn.turnId).isEqualTo(first.getEventId());
      assertThat(turn.agentId).isEqualTo("agent-1");
      assertThat(turn.teamId).isEqualTo("team-a");
      assertThat(turn.startMs).isEqualTo(START);
      assertThat(turn.responseMs).isEqualTo(40_000);
      assertThat(turn.answered).isTrue();
      assertThat(turn.firstOfConversation).isTrue();
      assertThat(turn.businessHours).isTrue();
      assertThat(turn.slow).isFalse();
      assertThat(turn.withinN).isTrue();
      assertThat(turn.retracted).isFalse();
    }
  }

  @Test
  void aTurnIsNotReportedBeforeTheWatermarkPassesItsAnswer() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(buyerSays(secs(0), "在吗"), agentReplies(secs(40), "agent-1")).watermark(secs(39));
      assertThat(t.emitted()).isEmpty();
      t.watermark(secs(40));
      assertThat(t.emitted()).hasSize(1);
    }
  }

  @Test
  void botRepliesNeverAnswerATurnWhichTimesOutCreditedToTheRoutedAgent() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(buyerSaysTo(secs(0), "agent-2", "在吗"), botReplies(secs(1)), botReplies(secs(60)))
          .watermark(mins(29));
      assertThat(t.emitted()).as("still waiting for a human").isEmpty();

      t.watermark(mins(30));
      assertThat(t.emitted()).hasSize(1);
      TurnFact turn = t.emitted().get(0);
      assertThat(turn.answered).isFalse();
      assertThat(turn.agentId).isEqualTo("agent-2");
      assertThat(turn.responseMs).isEqualTo(-1);
      assertThat(turn.withinN).isFalse();
      assertThat(turn.slow).isFalse();
    }
  }

  @Test
  void botsAnswerWhenConfiguredButNeverAsAHuman() throws Exception {
    try (TrackerHarness t = new TrackerHarness(Map.of("metrics.bots-answer", "true"))) {
      ChatMessage bot = ChatMessage.newBuilder(botReplies(secs(5))).setAgentId("agent-1").build();
      t.send(buyerSays(secs(0), "在吗"), bot).watermark(mins(70));

      TurnFact turn = t.currentTurns().get(0);
      assertThat(turn.answered).isTrue();
      assertThat(turn.answeredByBot).isTrue();
      assertThat(turn.withinN).as("the N-minute rule counts human answers only").isFalse();
      assertThat(turn.agentId).isEqualTo("agent-1");
      assertThat(conversations(t))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.values.conversations).isEqualTo(1);
                assertThat(c.values.conversationsWithHumanAnswer).isZero();
              });
    }
  }

  @Test
  void anUnroutedUnansweredTurnIsCreditedToTheShop() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(buyerSays(secs(0), "在吗"), buyerSays(mins(2), "人呢")).watermark(mins(31));

      assertThat(t.currentTurns())
          .singleElement()
          .satisfies(
              turn -> {
                assertThat(turn.answered).isFalse();
                assertThat(turn.agentId).isEmpty();
                assertThat(turn.teamId).isEmpty();
              });
    }
  }

  @Test
  void handOffMidTurnCreditsTheAnsweringAgent() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(
              buyerSaysTo(secs(0), "agent-1", "在吗"),
              buyerSaysTo(secs(20), "agent-2", "转人工"),
              agentReplies(secs(50), "agent-2"))
          .watermark(mins(70));

      TurnFact turn = t.currentTurns().get(0);
      assertThat(turn.agentId).isEqualTo("agent-2");
      assertThat(turn.responseMs).isEqualTo(50_000);
      assertThat(conversations(t)).allSatisfy(c -> assertThat(c.agentId).isEqualTo("agent-2"));
    }
  }

  @Test
  void aResponseAfterTheSlowThresholdIsSlow() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(
              buyerSays(secs(0), "在吗"),
              agentReplies(secs(100), "agent-1"),
              buyerSays(secs(200), "还有吗"),
              agentReplies(secs(301), "agent-1"))
          .watermark(mins(10));

      assertThat(t.currentTurns())
          .extracting(turn -> turn.responseMs, turn -> turn.slow, turn -> turn.firstOfConversation)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(100_000L, false, true),
              org.assertj.core.groups.Tuple.tuple(101_000L, true, false));
    }
  }

  @Test
  void outOfOrderMessagesAheadOfTheWatermarkGiveTheInOrderResultWithoutCorrections()
      throws Exception {
    ChatMessage buyer = buyerSays(secs(0), "在吗");
    ChatMessage more = buyerSays(secs(20), "有货吗");
    ChatMessage agent = agentReplies(secs(40), "agent-1");
    try (TrackerHarness inOrder = new TrackerHarness();
        TrackerHarness shuffled = new TrackerHarness()) {
      inOrder.send(buyer, more, agent).watermark(mins(70));
      shuffled.send(agent, more, buyer).watermark(mins(70));

      assertThat(shuffled.emitted()).hasSize(1);
      assertSameTurns(shuffled.currentTurns(), inOrder.currentTurns());
      assertThat(shuffled.contributions())
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyInAnyOrderElementsOf(inOrder.contributions());
    }
  }

  @Test
  void outOfOrderMessageInsideAllowedLatenessCorrectsTheTurn() throws Exception {
    ChatMessage buyer = buyerSaysTo(secs(0), "agent-1", "在吗");
    ChatMessage slowAnswer = agentReplies(mins(5), "agent-1");
    ChatMessage earlyAnswer = agentReplies(mins(2), "agent-2");
    try (TrackerHarness inOrder = new TrackerHarness();
        TrackerHarness late = new TrackerHarness()) {
      inOrder.send(buyer, earlyAnswer, slowAnswer).watermark(mins(6)).watermark(mins(70));
      late.send(buyer, slowAnswer).watermark(mins(6));
      assertThat(late.currentTurns())
          .singleElement()
          .satisfies(
              turn -> {
                assertThat(turn.agentId).isEqualTo("agent-1");
                assertThat(turn.responseMs).isEqualTo(300_000);
              });

      // 4 min behind the watermark, inside the 5 min allowed lateness.
      late.send(earlyAnswer).watermark(mins(70));

      List<TurnFact> emitted = late.emitted();
      assertThat(emitted).extracting(turn -> turn.retracted).containsExactly(false, true, false);
      assertThat(emitted.get(1).agentId)
          .as("the retraction names the old row")
          .isEqualTo("agent-1");
      assertThat(emitted.get(2).version).isGreaterThan(emitted.get(1).version);
      assertThat(emitted.get(1).version).isGreaterThan(emitted.get(0).version);
      assertSameTurns(late.currentTurns(), inOrder.currentTurns());
      assertThat(late.currentTurns().get(0).agentId).isEqualTo("agent-2");
      assertThat(late.currentTurns().get(0).responseMs).isEqualTo(120_000);
      assertThat(late.deadLetters()).isEmpty();
    }
  }

  @Test
  void aMessageOlderThanTheAllowedLatenessBecomesALateDeadLetter() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(buyerSays(mins(9), "在吗")).watermark(mins(10));
      ChatMessage tooLate = agentReplies(mins(4), "agent-1");
      t.send(tooLate);

      List<DeadLetter> letters = t.deadLetters();
      assertThat(letters)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.stage).isEqualTo(DeadLetter.STAGE_LATE);
                assertThat(d.eventId).isEqualTo(tooLate.getEventId());
                assertThat(d.job).isEqualTo("test");
              });
      assertThat(t.contributions()).as("the late agent message is not counted").isEmpty();
    }
  }

  @Test
  void aTurnDissolvedAndReCreatedInTheSameMillisecondGetsAVersionAboveItsRetraction()
      throws Exception {
    ChatMessage earlier = buyerSaysTo(secs(30), "agent-1", "在吗");
    ChatMessage earlyAnswer = agentReplies(secs(45), "agent-1");
    ChatMessage buyer = buyerSaysTo(secs(60), "agent-1", "有货吗");
    ChatMessage answer = agentReplies(secs(90), "agent-1");
    try (TrackerHarness inOrder = new TrackerHarness();
        TrackerHarness late = new TrackerHarness()) {
      inOrder.send(earlier, earlyAnswer, buyer, answer).watermark(mins(70));
      late.send(buyer, answer).watermark(secs(100));
      // The first late message dissolves buyer's turn into earlier's, the second splits it out
      // again: both derivations run back to back, well inside one millisecond of wall clock.
      late.send(earlier, earlyAnswer);

      List<TurnFact> rows =
          late.emitted().stream().filter(t -> t.turnId.equals(buyer.getEventId())).toList();
      assertThat(rows).extracting(t -> t.retracted).containsExactly(false, true, false);
      assertThat(rows.get(2).version).isGreaterThan(rows.get(1).version);
      assertSameTurns(late.watermark(mins(70)).currentTurns(), inOrder.currentTurns());
      assertStrictlyIncreasingVersions(late.emitted());
    }
  }

  @Test
  void versionsOfABuyerStrictlyIncreaseAcrossSuccessiveCorrections() throws Exception {
    ChatMessage buyer = buyerSaysTo(secs(0), "agent-1", "在吗");
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(buyer, agentReplies(mins(5), "agent-1")).watermark(mins(6));
      for (Duration answer : List.of(mins(4), mins(3), mins(2), secs(90))) {
        t.send(agentReplies(answer, "agent-2"));
      }

      List<TurnFact> emitted = t.emitted();
      assertThat(emitted).hasSize(9);
      assertStrictlyIncreasingVersions(emitted);
      assertThat(t.currentTurns()).singleElement().extracting(x -> x.responseMs).isEqualTo(90_000L);
    }
  }

  @Test
  void afterARestoreReplayedRowsKeepTheirVersionsAndLaterCorrectionsGoAboveEverything()
      throws Exception {
    ChatMessage replayed = agentReplies(mins(3), "agent-2");
    ChatMessage correction = agentReplies(mins(2), "agent-3");
    OperatorSubtaskState checkpoint;
    List<TurnFact> lost;
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(buyerSaysTo(secs(0), "agent-1", "在吗"), agentReplies(mins(5), "agent-1"))
          .watermark(mins(6))
          .send(agentReplies(mins(4), "agent-2"));
      checkpoint = t.snapshot();
      int before = t.emitted().size();
      // Emitted after the checkpoint, then the task fails: the restored job replays this message.
      t.send(replayed);
      lost = t.emitted().subList(before, t.emitted().size());
      assertStrictlyIncreasingVersions(t.emitted());
    }
    long highest = lost.get(lost.size() - 1).version;
    try (TrackerHarness restored = new TrackerHarness(Map.of(), checkpoint)) {
      restored.watermark(mins(6)).send(replayed);
      List<TurnFact> replay = restored.emitted();
      assertThat(replay).hasSameSizeAs(lost);
      for (int i = 0; i < replay.size(); i++) {
        assertThat(replay.get(i).version).isGreaterThanOrEqualTo(lost.get(i).version);
        assertThat(replay.get(i).sameContent(lost.get(i))).isTrue();
      }

      restored.send(correction);
      List<TurnFact> corrected =
          restored.emitted().subList(replay.size(), restored.emitted().size());
      assertThat(corrected)
          .isNotEmpty()
          .allSatisfy(x -> assertThat(x.version).isGreaterThan(highest));
      assertStrictlyIncreasingVersions(restored.emitted());
      assertThat(restored.currentTurns())
          .singleElement()
          .extracting(x -> x.agentId)
          .isEqualTo("agent-3");
    }
  }

  @Test
  void aDuplicateEventIdIsCountedOnce() throws Exception {
    ChatMessage buyer = buyerSays(secs(0), "在吗");
    ChatMessage agent = agentReplies(secs(30), "agent-1");
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(buyer, agent, buyer).watermark(secs(45)).send(agent).watermark(mins(70));

      assertThat(t.emitted()).hasSize(1);
      assertThat(t.contributions().stream().filter(c -> c.values.agentMessages > 0)).hasSize(1);
      assertThat(t.deadLetters()).isEmpty();
    }
  }

  @Test
  void theDayIsTheShopTimeZoneDayOfTheTurnStart() throws Exception {
    // BEGINNING is 10:00 in Shanghai: +13h59m is 23:59 there, +14h30m is 00:30 of the next day
    // (16:30 UTC, still the first day in UTC).
    assertThat(twoTurnsAroundShanghaiMidnight(Map.of()))
        .containsExactly(
            tuple(LocalDate.parse("2026-11-02"), false),
            tuple(LocalDate.parse("2026-11-03"), false));
  }

  @Test
  void aShopInAnotherZoneHasItsOwnDayAndBusinessHours() throws Exception {
    // The same turns in New York (EST, UTC-5): 10:59 and 11:30 on 2 November, both inside the
    // default 08:00-23:00. The platform taobao's 09:00-11:00 cuts the second; the shop's own
    // 11:00-12:00 wins over its platform's and cuts the first.
    Map<String, String> ny = Map.of("events.shop-time-zones", "shop-1=America/New_York");
    Map<String, String> taobaoHours = new java.util.HashMap<>(ny);
    taobaoHours.put("metrics.business-hours-by-platform", "TAOBAO=09:00-11:00");
    Map<String, String> shopHours = new java.util.HashMap<>(taobaoHours);
    // A shop named like the platform does not take the platform's hours away.
    shopHours.put("metrics.business-hours-by-shop", "shop-1=11:00-12:00,taobao=00:00-24:00");
    LocalDate day = LocalDate.parse("2026-11-02");

    assertThat(twoTurnsAroundShanghaiMidnight(ny))
        .containsExactly(tuple(day, true), tuple(day, true));
    assertThat(twoTurnsAroundShanghaiMidnight(taobaoHours))
        .containsExactly(tuple(day, true), tuple(day, false));
    assertThat(twoTurnsAroundShanghaiMidnight(shopHours))
        .containsExactly(tuple(day, false), tuple(day, true));
  }

  /** (day, in business hours) of two turns starting 23:59 and 00:30 Shanghai time. */
  private static List<Tuple> twoTurnsAroundShanghaiMidnight(Map<String, String> config)
      throws Exception {
    try (TrackerHarness t = new TrackerHarness(config)) {
      t.send(
              buyerSays(mins(13 * 60 + 59), "还在吗"),
              agentReplies(mins(14 * 60 + 1), "agent-1"),
              buyerSays(mins(14 * 60 + 30), "发货了吗"),
              agentReplies(mins(14 * 60 + 31), "agent-1"))
          .watermark(mins(16 * 60));
      return t.currentTurns().stream()
          .map(turn -> tuple(LocalDate.ofEpochDay(turn.day), turn.businessHours))
          .toList();
    }
  }

  @Test
  void theSessionGapSplitsConversationsAndCreditsEachToItsFirstTurn() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(
              buyerSaysTo(secs(0), "agent-1", "在吗"),
              agentReplies(secs(30), "agent-1"),
              buyerSaysTo(mins(40), "agent-2", "又来了"),
              agentReplies(mins(41), "agent-2"))
          .watermark(mins(200));

      assertThat(t.currentTurns())
          .allSatisfy(turn -> assertThat(turn.firstOfConversation).isTrue());
      assertThat(conversations(t))
          .extracting(c -> c.agentId, c -> c.values.conversationsWithHumanAnswer)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("agent-1", 1L),
              org.assertj.core.groups.Tuple.tuple("agent-2", 1L));
    }
  }

  @Test
  void stateAndTimersAreClearedOnceTheConversationEndsAndLatenessPasses() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      t.send(buyerSays(secs(0), "在吗"), agentReplies(secs(30), "agent-1")).watermark(secs(30));
      assertThat(t.harness.numKeyedStateEntries()).isEqualTo(1);
      assertThat(t.harness.numEventTimeTimers()).isPositive();

      // Conversation ends at 30 s + 30 min session gap; settled 5 min of lateness later.
      t.watermark(secs(30).plus(mins(35)).minusMillis(1));
      assertThat(t.harness.numKeyedStateEntries()).isEqualTo(1);

      t.watermark(secs(30).plus(mins(35)));
      assertThat(t.harness.numKeyedStateEntries()).isZero();
      assertThat(t.harness.numEventTimeTimers()).isZero();
      assertThat(conversations(t).get(conversations(t).size() - 1).finalAtMs)
          .isEqualTo(START + 30_000 + 35 * 60_000);
    }
  }

  @Test
  void aBufferedConversationCostsLittleState() throws Exception {
    TrackerState s = new TrackerState("shop-1", "buyer-00001", "taobao");
    try (TrackerHarness t = new TrackerHarness()) {
      List<ChatMessage> conversation =
          List.of(
              buyerSaysTo(secs(0), "agent-1", "在吗"),
              botReplies(secs(1)),
              buyerSaysTo(secs(20), "agent-1", "这个有货吗"),
              agentReplies(secs(50), "agent-1"),
              buyerSaysTo(secs(120), "agent-1", "几天到"),
              agentReplies(secs(150), "agent-1"));
      conversation.forEach(
          m -> s.insert(ChatEvent.of(m, MetricsSettings.defaults().noReplyNeeded())));
      t.send(conversation.toArray(ChatMessage[]::new)).watermark(secs(150));
      t.emitted().forEach(turn -> s.emittedTurns.add(TrackerState.withoutKey(turn)));
    }
    TypeSerializer<TrackerState> serializer =
        TurnTracker.stateType().createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(1024);
    serializer.serialize(s, out);
    assertThat(out.length()).as("bytes for a 6-message conversation with 2 turns").isLessThan(700);
  }

  private static List<MinuteContribution> conversations(TrackerHarness t) {
    return t.contributions().stream().filter(c -> c.id.startsWith("c:") && !c.retracted).toList();
  }

  /**
   * ReplacingMergeTree keeps the highest version, so every later row of the buyer must be above.
   */
  private static void assertStrictlyIncreasingVersions(List<TurnFact> rows) {
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i).version)
          .as("version of %s after %s", rows.get(i), rows.get(i - 1))
          .isGreaterThan(rows.get(i - 1).version);
    }
  }

  private static void assertSameTurns(List<TurnFact> actual, List<TurnFact> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).sameContent(expected.get(i)))
          .as("%s equals %s", actual.get(i), expected.get(i))
          .isTrue();
    }
  }
}
