// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import static io.servicepulse.common.testing.EventFixtures.BEGINNING;
import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.buyerSaysTo;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.events.ChatMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A live buyer's turns are decided at the wall clock (provisional rows within a 100 ms tick), and a
 * message the watermark had not passed yet corrects them; the watermark then confirms them without
 * sending them again. Replays and backlogs are decided at the watermark, as before; so is a turn
 * whose buyer has been silent for longer than the allowed lateness (no longer live), e.g. one that
 * reaches its reply timeout unanswered.
 */
class ProvisionalTurnsTest {

  private static void wallClock(TrackerHarness t, Duration at) throws Exception {
    t.harness.setProcessingTime(BEGINNING.plus(at).toEpochMilli());
  }

  @Test
  void aLiveAnswerIsWrittenAtOnceAndTheWatermarkConfirmsItWithoutAnotherRow() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      wallClock(t, secs(1));
      t.send(buyerSays(secs(0), "在吗"));
      assertThat(t.emitted()).isEmpty();

      wallClock(t, secs(40));
      t.send(agentReplies(secs(40), "agent-1"));
      assertThat(t.emitted())
          .as("no watermark yet")
          .singleElement()
          .satisfies(
              turn -> {
                assertThat(turn.answered).isTrue();
                assertThat(turn.responseMs).isEqualTo(40_000);
                assertThat(turn.retracted).isFalse();
              });

      t.watermark(secs(40)).watermark(mins(60));
      assertThat(t.emitted()).as("confirmed, not sent again").hasSize(1);
    }
  }

  @Test
  void aMessageTheWatermarkHadNotPassedCorrectsTheProvisionalTurnToTheInOrderResult()
      throws Exception {
    ChatMessage earlier = buyerSaysTo(secs(5), "agent-1", "这个有货吗");
    try (TrackerHarness t = new TrackerHarness()) {
      wallClock(t, secs(41));
      t.send(buyerSaysTo(secs(10), "agent-1", "在吗"), agentReplies(secs(40), "agent-1"));
      assertThat(t.currentTurns())
          .singleElement()
          .satisfies(turn -> assertThat(turn.responseMs).isEqualTo(30_000));

      // Sent before the other two, it arrives after them: still ahead of the watermark.
      wallClock(t, secs(43));
      t.send(earlier);
      t.watermark(mins(60));

      assertThat(t.currentTurns())
          .singleElement()
          .satisfies(
              turn -> {
                assertThat(turn.turnId).isEqualTo(earlier.getEventId());
                assertThat(turn.responseMs).isEqualTo(35_000);
              });
      try (TrackerHarness replay = new TrackerHarness()) {
        replay.send(
            earlier, buyerSaysTo(secs(10), "agent-1", "在吗"), agentReplies(secs(40), "agent-1"));
        replay.watermark(mins(60));
        assertThat(replay.currentTurns())
            .extracting(turn -> turn.startMs, turn -> turn.responseMs, turn -> turn.agentId)
            .containsExactlyElementsOf(
                t.currentTurns().stream()
                    .map(
                        turn ->
                            org.assertj.core.groups.Tuple.tuple(
                                turn.startMs, turn.responseMs, turn.agentId))
                    .toList());
      }
    }
  }

  @Test
  void aReplayIsDecidedAtTheWatermark() throws Exception {
    try (TrackerHarness t = new TrackerHarness()) {
      wallClock(t, Duration.ofDays(1));
      t.send(buyerSays(secs(0), "在吗"), agentReplies(secs(40), "agent-1"));
      assertThat(t.emitted()).isEmpty();
      t.watermark(secs(40));
      assertThat(t.emitted()).hasSize(1);
    }
  }
}
