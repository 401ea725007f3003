// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import io.servicepulse.events.AfterSalesCosts;
import io.servicepulse.events.AfterSalesEvent;
import io.servicepulse.events.AfterSalesStatus;
import io.servicepulse.events.AfterSalesType;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.events.AgentEventKind;
import io.servicepulse.events.AgentStatus;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.FeedbackKind;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.Responsibility;
import io.servicepulse.events.SenderRole;
import io.servicepulse.events.ServiceFeedback;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test events around a fixed {@link #BEGINNING} (10:00 in Asia/Shanghai, inside business hours).
 * Times are offsets from it, e.g. {@code buyerSays(secs(30), "在吗")}.
 */
public final class EventFixtures {

  public static final Instant BEGINNING = Instant.parse("2026-11-02T02:00:00Z");
  public static final String SHOP = "shop-1";
  public static final String BUYER = "buyer-1";
  public static final String TEAM = "team-a";

  private static final AtomicLong IDS = new AtomicLong();

  private EventFixtures() {}

  public static Duration secs(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  public static Duration mins(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  public static ChatMessage.Builder message(Duration at, SenderRole role, String text) {
    return ChatMessage.newBuilder()
        .setEventId("m-" + IDS.incrementAndGet())
        .setPlatform("taobao")
        .setShopId(SHOP)
        .setBuyerId(BUYER)
        .setAgentId(null)
        .setSenderRole(role)
        .setText(text)
        .setTs(BEGINNING.plus(at))
        .setTeamId(TEAM);
  }

  /** A buyer message not routed to an agent yet. */
  public static ChatMessage buyerSays(Duration at, String text) {
    return message(at, SenderRole.BUYER, text).build();
  }

  /** A buyer message routed to {@code agent}. */
  public static ChatMessage buyerSaysTo(Duration at, String agent, String text) {
    return message(at, SenderRole.BUYER, text).setAgentId(agent).build();
  }

  public static ChatMessage agentReplies(Duration at, String agent) {
    return agentSays(at, agent, "亲，在的，您说");
  }

  public static ChatMessage agentSays(Duration at, String agent, String text) {
    return message(at, SenderRole.AGENT, text).setAgentId(agent).build();
  }

  public static ChatMessage botReplies(Duration at) {
    return message(at, SenderRole.BOT, "您好，客服稍后回复您").build();
  }

  public static OrderEvent order(Duration at, String orderId, OrderStatus status, String amount) {
    return OrderEvent.newBuilder()
        .setEventId(orderId + "-" + status.name().toLowerCase())
        .setOrderId(orderId)
        .setShopId(SHOP)
        .setBuyerId(BUYER)
        .setStatus(status)
        .setAmount(new BigDecimal(amount))
        .setCurrency("CNY")
        .setTs(BEGINNING.plus(at))
        .build();
  }

  /** A service rating of {@code agent}: revision {@code revision} of {@code feedbackId}. */
  public static ServiceFeedback.Builder rating(
      Duration at, String feedbackId, int revision, String agent, int stars) {
    return ServiceFeedback.newBuilder()
        .setEventId(feedbackId + ":" + revision)
        .setFeedbackId(feedbackId)
        .setKind(FeedbackKind.SERVICE_RATING)
        .setPlatform("taobao")
        .setShopId(SHOP)
        .setBuyerId(BUYER)
        .setAgentId(agent)
        .setRating(stars)
        .setDimensions(Map.of())
        .setResponsibility(stars <= 3 ? Responsibility.AGENT : Responsibility.NONE)
        .setInvited(false)
        .setRevision(revision)
        .setTs(BEGINNING.plus(at));
  }

  /** No costs: every amount 0.00. */
  public static AfterSalesCosts.Builder noCosts() {
    BigDecimal zero = new BigDecimal("0.00");
    return AfterSalesCosts.newBuilder()
        .setCashback(zero)
        .setReship(zero)
        .setRefundOnly(zero)
        .setDeposit(zero);
  }

  /** A status change of after-sales case {@code caseId} (order "o-" + caseId) without costs. */
  public static AfterSalesEvent.Builder afterSales(
      Duration at, String caseId, AfterSalesType type, AfterSalesStatus status, String agent) {
    return AfterSalesEvent.newBuilder()
        .setEventId(caseId + ":" + status.name())
        .setCaseId(caseId)
        .setOrderId("o-" + caseId)
        .setShopId(SHOP)
        .setBuyerId(BUYER)
        .setAgentId(agent)
        .setType(type)
        .setReason("质量问题")
        .setStatus(status)
        .setCosts(noCosts().build())
        .setCurrency("CNY")
        .setTs(BEGINNING.plus(at));
  }

  public static AgentEvent agentStatus(Duration at, String agent, AgentStatus status) {
    return AgentEvent.newBuilder()
        .setEventId(agent + ":" + status.name() + ":" + at.toMillis())
        .setShopId(SHOP)
        .setTeamId(TEAM)
        .setAgentId(agent)
        .setKind(AgentEventKind.STATUS)
        .setStatus(status)
        .setTs(BEGINNING.plus(at))
        .build();
  }

  public static AgentEvent transfer(Duration at, String from, String to) {
    return AgentEvent.newBuilder()
        .setEventId(from + ">" + to + ":" + at.toMillis())
        .setShopId(SHOP)
        .setTeamId(TEAM)
        .setAgentId(from)
        .setKind(AgentEventKind.TRANSFER)
        .setBuyerId(BUYER)
        .setToAgentId(to)
        .setTs(BEGINNING.plus(at))
        .build();
  }
}
