// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.mins;
import static io.servicepulse.common.testing.EventFixtures.order;
import static io.servicepulse.events.OrderStatus.CANCELLED;
import static io.servicepulse.events.OrderStatus.CREATED;
import static io.servicepulse.events.OrderStatus.PAID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.events.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attribution decision alone, without Flink. */
class OrderAttributorTest {

  private final AttributionSettings settings = AttributionSettings.defaults();
  private final OrderAttributor attributor = new OrderAttributor(settings);

  @Test
  void lastAnswerBeforeCreationOwnsAndEachOtherAgentAssistsOnce() {
    List<Answer> answers =
        answers("agent-a", 1, "agent-b", 2, "agent-a", 3, "agent-c", 4, "agent-b", 5);
    Decision d = attributor.decide(track(order(mins(10), "o", CREATED, "1.00")), answers);

    assertThat(d.owner.agentId).isEqualTo("agent-b");
    assertThat(d.assists).extracting(c -> c.agentId).containsExactly("agent-a", "agent-c");
  }

  @Test
  void underThePaymentRuleTheLastAnswerBeforePaymentOwns() {
    OrderAttributor byPayment = new OrderAttributor(settings.withRule(AttributionRule.ORDER_PAID));
    OrderTrack track = track(order(mins(10), "o", CREATED, "1.00"));
    List<Answer> answers = answers("agent-a", 1, "agent-b", 20);

    assertThat(byPayment.decide(track, answers)).as("unpaid: not decided").isNull();
    track.apply(order(mins(30), "o", PAID, "1.00"));
    Decision d = byPayment.decide(track, answers);
    assertThat(d.owner.agentId).isEqualTo("agent-b");
    assertThat(d.assists).extracting(c -> c.agentId).containsExactly("agent-a");
  }

  @Test
  void followUpsAreAnswersAfterTheDecisionUntilTheTradeCloses() {
    OrderTrack track = track(order(mins(10), "o", CREATED, "1.00"));
    track.apply(order(mins(60), "o", CANCELLED, "1.00"));
    List<Answer> answers = answers("agent-a", 1, "agent-b", 30, "agent-b", 40, "agent-c", 61);
    Decision d = attributor.decide(track, answers);

    assertThat(attributor.followUps(track, d, answers))
        .extracting(c -> c.agentId)
        .containsExactly("agent-b");
  }

  @Test
  void inquiryValidityOutsideOneToFifteenDaysIsRejected() {
    assertThatThrownBy(
            () ->
                AttributionSettings.from(
                    JobConfig.of(Map.of("attribution.inquiry-validity", "16 d"))))
        .hasMessageContaining("1 to 15 days");
    assertThat(
            AttributionSettings.from(JobConfig.of(Map.of("attribution.inquiry-validity", "15 d")))
                .validityMs)
        .isEqualTo(Duration.ofDays(15).toMillis());
  }

  private static OrderTrack track(OrderEvent e) {
    OrderTrack track = OrderTrack.of(e);
    track.apply(e);
    return track;
  }

  /** Pairs of (agent, minute after BEGINNING). */
  private static List<Answer> answers(Object... agentAndMinute) {
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < agentAndMinute.length; i += 2) {
      answers.add(
          Answer.of(
              agentReplies(mins((Integer) agentAndMinute[i + 1]), (String) agentAndMinute[i])));
    }
    answers.sort(Answer.ORDER);
    return answers;
  }
}
