// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import static io.servicepulse.common.testing.EventFixtures.BEGINNING;
import static io.servicepulse.common.testing.EventFixtures.afterSales;
import static io.servicepulse.common.testing.EventFixtures.agentStatus;
import static io.servicepulse.common.testing.EventFixtures.noCosts;
import static io.servicepulse.common.testing.EventFixtures.rating;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static io.servicepulse.common.testing.EventFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AfterSalesStatus;
import io.servicepulse.events.AfterSalesType;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.AgentStatus;
import io.servicepulse.events.ServiceFeedback;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EventRules for schema version 3's events, and their path through {@link EventDecoder}. */
class NewEventRulesTest {

  private static final long NOW = BEGINNING.toEpochMilli() + 3_600_000;
  private static final EventLimits LIMITS = EventLimits.defaults();
  private static final String LONG_ID = "x".repeat(EventLimits.MAX_ID_CHARS + 1);

  private static ServiceFeedback good() {
    return rating(secs(0), "fb-1", 0, "agent-1", 2).build();
  }

  private static AfterSalesEvent opened() {
    return afterSales(secs(0), "as-1", AfterSalesType.REFUND_ONLY, AfterSalesStatus.OPENED, null)
        .build();
  }

  private static String reason(ServiceFeedback f) {
    EventRules.Violation v = EventRules.violation(f, LIMITS, NOW);
    return v == null ? null : v.reason();
  }

  private static String reason(AfterSalesEvent a) {
    EventRules.Violation v = EventRules.violation(a, LIMITS, NOW);
    return v == null ? null : v.reason();
  }

  private static String reason(AgentEvent e) {
    EventRules.Violation v = EventRules.violation(e, LIMITS, NOW);
    return v == null ? null : v.reason();
  }

  @Test
  void validEventsOfEachKindPass() {
    assertThat(reason(good())).isNull();
    assertThat(
            reason(
                ServiceFeedback.newBuilder(good())
                    .setDimensions(Map.of("description", 1, "service", 5))
                    .setAgentId(null)
                    .setOrderId(null)
                    .build()))
        .isNull();
    assertThat(reason(opened())).isNull();
    assertThat(reason(agentStatus(secs(0), "agent-1", AgentStatus.ONLINE))).isNull();
    assertThat(reason(transfer(secs(0), "agent-1", "agent-2"))).isNull();
  }

  @Test
  void ratingsAndDsrScoresAreOneToFive() {
    for (int stars : new int[] {0, 6, -1}) {
      assertThat(reason(ServiceFeedback.newBuilder(good()).setRating(stars).build()))
          .isEqualTo(EventRules.RATING_OUT_OF_RANGE);
    }
    assertThat(reason(ServiceFeedback.newBuilder(good()).setRating(1).build())).isNull();
    assertThat(reason(ServiceFeedback.newBuilder(good()).setRating(5).build())).isNull();
    assertThat(
            reason(ServiceFeedback.newBuilder(good()).setDimensions(Map.of("service", 0)).build()))
        .isEqualTo(EventRules.RATING_OUT_OF_RANGE);
    assertThat(
            EventRules.violation(
                    ServiceFeedback.newBuilder(good())
                        .setDimensions(Map.of("logistics", 9))
                        .build(),
                    LIMITS,
                    NOW)
                .detail())
        .contains("logistics");
  }

  @Test
  void feedbackNeedsItsIdsARevisionAndFewDimensions() {
    assertThat(reason(ServiceFeedback.newBuilder(good()).setFeedbackId(" ").build()))
        .isEqualTo("missing feedback_id");
    assertThat(reason(ServiceFeedback.newBuilder(good()).setShopId("").build()))
        .isEqualTo("missing shop_id");
    assertThat(reason(ServiceFeedback.newBuilder(good()).setOrderId(LONG_ID).build()))
        .isEqualTo(EventRules.ID_TOO_LONG);
    assertThat(reason(ServiceFeedback.newBuilder(good()).setDimensions(Map.of(LONG_ID, 3)).build()))
        .isEqualTo(EventRules.ID_TOO_LONG);
    assertThat(reason(ServiceFeedback.newBuilder(good()).setRevision(-1).build()))
        .isEqualTo(EventRules.NEGATIVE_REVISION);
    Map<String, Integer> many = new HashMap<>();
    for (int i = 0; i <= EventLimits.MAX_DIMENSIONS; i++) {
      many.put("d" + i, 3);
    }
    assertThat(reason(ServiceFeedback.newBuilder(good()).setDimensions(many).build()))
        .isEqualTo(EventRules.TOO_MANY_DIMENSIONS);
  }

  @Test
  void feedbackTimeIsBoundedLikeEveryEvent() {
    assertThat(
            reason(
                ServiceFeedback.newBuilder(good())
                    .setTs(BEGINNING.plusSeconds(3600 + 3600 * 24))
                    .build()))
        .isEqualTo(EventRules.TS_AHEAD);
    assertThat(
            reason(
                ServiceFeedback.newBuilder(good())
                    .setTs(java.time.Instant.parse("1999-01-01T00:00:00Z"))
                    .build()))
        .isEqualTo(EventRules.TS_BEFORE_FLOOR);
  }

  @Test
  void afterSalesCostsAreNonNegativeAndFitDecimal18x2() {
    assertThat(
            reason(
                AfterSalesEvent.newBuilder(opened())
                    .setCosts(noCosts().setReship(new BigDecimal("-1.00")).build())
                    .build()))
        .isEqualTo(EventRules.NEGATIVE_COST);
    BigDecimal huge = new BigDecimal(BigInteger.TEN.pow(18), 2); // 10^16
    EventRules.Violation tooBig =
        EventRules.violation(
            AfterSalesEvent.newBuilder(opened())
                .setCosts(noCosts().setDeposit(huge).build())
                .build(),
            LIMITS,
            NOW);
    assertThat(tooBig.reason()).isEqualTo(EventRules.AMOUNT_OUT_OF_RANGE);
    assertThat(tooBig.detail()).contains("costs.deposit");
    assertThat(
            reason(
                AfterSalesEvent.newBuilder(opened())
                    .setCosts(noCosts().setCashback(new BigDecimal("9999999999999999.99")).build())
                    .build()))
        .isNull();
  }

  @Test
  void afterSalesNeedsItsIdsAndAShortReason() {
    assertThat(reason(AfterSalesEvent.newBuilder(opened()).setCaseId("").build()))
        .isEqualTo("missing case_id");
    assertThat(reason(AfterSalesEvent.newBuilder(opened()).setOrderId(" ").build()))
        .isEqualTo("missing order_id");
    assertThat(reason(AfterSalesEvent.newBuilder(opened()).setAgentId(LONG_ID).build()))
        .isEqualTo(EventRules.ID_TOO_LONG);
    assertThat(reason(AfterSalesEvent.newBuilder(opened()).setReason(LONG_ID).build()))
        .isEqualTo(EventRules.REASON_TOO_LONG);
    assertThat(reason(AfterSalesEvent.newBuilder(opened()).setReason("").build())).isNull();
  }

  @Test
  void agentEventsNeedWhatTheirKindMeans() {
    AgentEvent move = transfer(secs(0), "agent-1", "agent-2");
    assertThat(reason(AgentEvent.newBuilder(move).setBuyerId(null).build()))
        .isEqualTo(EventRules.TRANSFER_WITHOUT_BUYER);
    assertThat(reason(AgentEvent.newBuilder(move).setToAgentId(" ").build()))
        .isEqualTo(EventRules.TRANSFER_WITHOUT_TARGET);
    assertThat(reason(AgentEvent.newBuilder(move).setToAgentId("agent-1").build()))
        .isEqualTo(EventRules.TRANSFER_TO_SELF);
    AgentEvent online = agentStatus(secs(0), "agent-1", AgentStatus.ONLINE);
    assertThat(reason(AgentEvent.newBuilder(online).setStatus(null).build()))
        .isEqualTo(EventRules.STATUS_WITHOUT_STATUS);
    assertThat(reason(AgentEvent.newBuilder(online).setAgentId("").build()))
        .isEqualTo("missing agent_id");
    assertThat(reason(AgentEvent.newBuilder(online).setTeamId(LONG_ID).build()))
        .isEqualTo(EventRules.ID_TOO_LONG);
  }

  @Test
  void theSharedDecoderDeadLettersBrokenEventsWithTheirAddress() {
    EventDecoder<ServiceFeedback> decoder =
        EventDecoder.of(EventKind.FEEDBACK, "aftersales", null, LIMITS);
    EventCodec<ServiceFeedback> codec = EventCodec.serviceFeedback(ReleasedSchemas.bundled());

    Decoded<ServiceFeedback> ok =
        decoder.decode(new RawRecord("feedback-events", 1, 5, 0L, null, codec.encode(good())), NOW);
    Decoded<ServiceFeedback> bad =
        decoder.decode(
            new RawRecord(
                "feedback-events",
                1,
                6,
                0L,
                null,
                codec.encode(ServiceFeedback.newBuilder(good()).setRating(7).build())),
            NOW);
    Decoded<ServiceFeedback> empty =
        decoder.decode(new RawRecord("feedback-events", 1, 7, 0L, null, new byte[0]), NOW);

    assertThat(ok.isEvent()).isTrue();
    assertThat(ok.event).isEqualTo(good());
    DeadLetter letter = bad.deadLetter;
    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_INVALID);
    assertThat(letter.reason).isEqualTo(EventRules.RATING_OUT_OF_RANGE);
    assertThat(letter.eventId).isEqualTo("fb-1:0");
    assertThat(letter.sourceTopic + "/" + letter.sourcePartition + "@" + letter.sourceOffset)
        .isEqualTo("feedback-events/1@6");
    assertThat(empty.deadLetter.stage).isEqualTo(DeadLetter.STAGE_DECODE);
  }

  @Test
  void wireBytesOfNewEventsAreTheirCodecs() {
    AfterSalesEvent event = opened();
    assertThat(EventBytes.of(event))
        .isEqualTo(EventCodec.afterSalesEvents(ReleasedSchemas.bundled()).encode(event));
    assertThat(EventIdentity.fingerprint(event))
        .isEqualTo(EventIdentity.fingerprint(AfterSalesEvent.newBuilder(event).build()))
        .isNotEqualTo(
            EventIdentity.fingerprint(AfterSalesEvent.newBuilder(event).setReason("x").build()));
  }
}
