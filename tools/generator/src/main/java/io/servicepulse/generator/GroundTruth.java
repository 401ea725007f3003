// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.servicepulse.events.AfterSalesCosts;
import io.servicepulse.events.FeedbackKind;
import io.servicepulse.events.Responsibility;
import io.servicepulse.events.ServiceFeedback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the jobs must find in a generated stream, computed from the scenario as it was constructed
 * (an oracle, not a replay of the jobs' logic). Written as truth.json.
 *
 * <p>Crediting rules (the metrics and attribution jobs implement the same; see the module README
 * for the full text and the DESIGN.md passages they come from). Days are each shop's local days
 * (its zone in the scenario, as the jobs' events.shop-time-zones).
 *
 * <ul>
 *   <li>A turn starts at the first BUYER message after the last human AGENT message; the next AGENT
 *       message answers it and the turn is credited to that answering agent (a hand-off mid-turn
 *       credits the answerer). BOT and SYSTEM messages never answer.
 *   <li>An unanswered turn (no human answer before the conversation ends; the scenario never
 *       answers later than 20 min) is credited to the agent named on the turn's latest routed buyer
 *       message, else to the shop (agent {@code ""}).
 *   <li>A conversation is credited to the agent credited with its first turn; the day of a turn is
 *       the day of its start.
 *   <li>N-minute rule per (shop, day) and (shop, agent, day), only turns starting in business hours
 *       [08:00, 23:00): reached = buyers with ≥1 such turn answered by a human (per agent: by that
 *       agent); missed = reached buyers with ≥1 such turn (per agent: credited to that agent) not
 *       answered within N = 3 min, unanswered included. Rate = (reached − missed) / reached.
 *   <li>Attribution, 下单判定, last touch: candidates of an order created at t are the agents with an
 *       AGENT message to the buyer in [t − 2 days, t); the owner is the last of them; the others
 *       get an assisted order; agents with an AGENT message in (t, follow-up end] get an assisted
 *       follow-up (owner included), follow-up end = min(t + 3 days, COMPLETED, CANCELLED,
 *       REFUNDED), on the day of the agent's first such message. No candidate = silent order. Sales
 *       = paid amount unless REFUNDED (full refunds).
 *   <li>Followed-up buyers (协助跟进人数) per (shop, agent, day D): distinct buyers with an assisted
 *       follow-up by the agent on D, whichever and however many of their orders.
 *   <li>Inquiry (shop, agent, buyer, day D): the agent's first AGENT message to the buyer on D at
 *       time q, and no order of the buyer in that shop created in [q − 2 days, q). It converts
 *       (ordered / paid by end of D+1 / paid before q + 2 days) through orders owned by that agent
 *       created in [q, q + 2 days). The shop row uses the first answer by any agent and any owner.
 * </ul>
 *
 * Late buyers (events emitted beyond allowed lateness) and poison buyers (records that decode but
 * are invalid) count only in {@link Ingest}; they are in none of the service, attribution or QA
 * figures.
 */
public final class GroundTruth {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
          .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  Map<String, String> scenario = new TreeMap<>();
  MetricRules rules;

  /** agent id → team id. */
  Map<String, String> agentTeams = new TreeMap<>();

  /** shop id → platform. */
  Map<String, String> shopPlatforms = new TreeMap<>();

  Ingest ingest = new Ingest();

  /** shop id → service metrics. */
  Map<String, ShopService> service = new TreeMap<>();

  /** shop id → conversion and attribution. */
  Map<String, ShopAttribution> attribution = new TreeMap<>();

  Qa qa = new Qa();

  /** Schema version 3's events; null (and absent from truth.json) when the scenario has none. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  AfterSales afterSales;

  public Map<String, String> scenario() {
    return scenario;
  }

  public MetricRules rules() {
    return rules;
  }

  public Map<String, String> agentTeams() {
    return agentTeams;
  }

  public Map<String, String> shopPlatforms() {
    return shopPlatforms;
  }

  public Ingest ingest() {
    return ingest;
  }

  public Map<String, ShopService> service() {
    return service;
  }

  /** "shop/agent" ("shop/" for the shop itself) → that agent's service figures, sorted. */
  public Map<String, String> serviceFiguresByAgent() {
    Map<String, String> figures = new TreeMap<>();
    service.forEach(
        (shop, s) ->
            s.agents().forEach((agent, c) -> figures.put(shop + "/" + agent, c.figures())));
    return figures;
  }

  /**
   * "shop/agent/day" → "peak served_ms conversations": buyers served at once (接待压力), what the
   * ClickHouse view {@code agent_concurrency_daily} must read.
   */
  public Map<String, String> concurrencyByAgentDay() {
    Map<String, String> figures = new TreeMap<>();
    service.forEach(
        (shop, s) -> s.concurrencyByAgentDay.forEach((k, f) -> figures.put(shop + "/" + k, f)));
    return figures;
  }

  /**
   * "shop/agent/day" ("shop//day" for the whole shop) → "asked answered": 回复率 per buyer, what the
   * ClickHouse view {@code buyer_reply_daily} must read.
   */
  public Map<String, String> buyerReplyByDay() {
    return pairsByShop(s -> s.buyerReplyByDay);
  }

  /**
   * "shop/day" → "bot human": turns a bot replied to while they waited (机器人接待) and of them the ones
   * a human answered (机器人转人工), on days with any; what {@code turns} must hold.
   */
  public Map<String, String> botTurnsByDay() {
    return pairsByShop(s -> s.botTurnsByDay);
  }

  /** "shop/key" → "a b" over every shop's pairs of counts. */
  private Map<String, String> pairsByShop(
      java.util.function.Function<ShopService, Map<String, long[]>> pairs) {
    Map<String, String> figures = new TreeMap<>();
    service.forEach(
        (shop, s) ->
            pairs.apply(s).forEach((k, f) -> figures.put(shop + "/" + k, f[0] + " " + f[1])));
    return figures;
  }

  public Map<String, ShopAttribution> attribution() {
    return attribution;
  }

  public Qa qa() {
    return qa;
  }

  /** Feedback, after-sales and agent events, or null if the scenario has none. */
  public AfterSales afterSales() {
    return afterSales;
  }

  /** Schema version 3's events: shop id → what AfterSalesJob and the KPIs must find. */
  public static final class AfterSales {
    Map<String, ShopAfterSales> shops = new TreeMap<>();

    public Map<String, ShopAfterSales> shops() {
      return shops;
    }

    /** Distinct valid events on the feedback, after-sales and agent topics, all shops. */
    public long feedbackEvents() {
      return shops.values().stream().mapToLong(s -> s.feedbackEvents).sum();
    }

    public long afterSalesEvents() {
      return shops.values().stream().mapToLong(s -> s.afterSalesEvents).sum();
    }

    public long agentEvents() {
      return shops.values().stream().mapToLong(s -> s.agentEvents).sum();
    }

    /** Distinct ratings and reviews (feedback ids), all shops. */
    public long feedbacks() {
      return shops.values().stream()
          .flatMap(s -> s.feedbackByAgent.values().stream())
          .mapToLong(c -> c.serviceRatings + c.productReviews)
          .sum();
    }

    /** "shop/agent" → {@link FeedbackCounts#figures()}, sorted. */
    public Map<String, String> feedbackFiguresByAgent() {
      Map<String, String> figures = new TreeMap<>();
      shops.forEach(
          (shop, s) ->
              s.feedbackByAgent.forEach((a, c) -> figures.put(shop + "/" + a, c.figures())));
      return figures;
    }

    /** "shop/agent" → {@link FeedbackCounts#modifiedToGood()}, sorted (中差评修改成功). */
    public Map<String, String> modifiedToGoodByAgent() {
      Map<String, String> figures = new TreeMap<>();
      shops.forEach(
          (shop, s) ->
              s.feedbackByAgent.forEach(
                  (a, c) -> figures.put(shop + "/" + a, Long.toString(c.modifiedToGood))));
      return figures;
    }

    /** "shop/agent" → {@link CaseCosts#figures()}, sorted. */
    public Map<String, String> costFiguresByAgent() {
      Map<String, String> figures = new TreeMap<>();
      shops.forEach(
          (shop, s) -> s.costsByAgent.forEach((a, c) -> figures.put(shop + "/" + a, c.figures())));
      return figures;
    }

    /**
     * "shop/agent/day" → {@link AgentDayKpis#figures()} for every agent and shop-local day with a
     * figure, sorted: what AfterSalesJob's {@code agent_kpi_daily} must hold.
     */
    public Map<String, String> kpiFiguresByAgentDay() {
      Map<String, String> figures = new TreeMap<>();
      shops.forEach(
          (shop, s) ->
              s.kpiByAgentDay.forEach((key, k) -> figures.put(shop + "/" + key, k.figures())));
      return figures;
    }

    /**
     * "shop/team/day" → the sums of {@link #kpiFiguresByAgentDay} over the team's agents, an
     * agent's team being the one its agent events name ('' for an agent without any): what {@code
     * AgentKpiTable.TEAM_FIGURES_SQL} must read.
     */
    public Map<String, String> kpiFiguresByTeamDay() {
      Map<String, String> figures = new TreeMap<>();
      shops.forEach(
          (shop, s) ->
              s.kpiByAgentDay.forEach(
                  (key, k) -> {
                    int slash = key.lastIndexOf('/');
                    String team = s.teamByAgent.getOrDefault(key.substring(0, slash), "");
                    figures.merge(
                        shop + "/" + team + key.substring(slash),
                        k.figures(),
                        AgentDayKpis::sumFigures);
                  }));
      return figures;
    }

    /** "shop/agent" → transfers from that agent, sorted. */
    public Map<String, String> transfersByAgent() {
      Map<String, String> figures = new TreeMap<>();
      shops.forEach(
          (shop, s) ->
              s.transfersByAgent.forEach((a, n) -> figures.put(shop + "/" + a, n.toString())));
      return figures;
    }
  }

  /** One shop's feedback, after-sales cases and agent events (see AfterSalesScenario). */
  public static final class ShopAfterSales {
    long feedbackEvents;
    long afterSalesEvents;
    long agentEvents;

    /** Rated or responsible agent ("" none) → ratings and reviews in their latest revision. */
    Map<String, FeedbackCounts> feedbackByAgent = new TreeMap<>();

    /** After-sales type → cases. */
    Map<String, Long> casesByType = new TreeMap<>();

    /** Reason → cases. */
    Map<String, Long> casesByReason = new TreeMap<>();

    /** Status → status changes (ESCALATED = 纠纷/投诉). */
    Map<String, Long> statusChanges = new TreeMap<>();

    /** Agent named on the events carrying them → payouts by kind. */
    Map<String, CaseCosts> costsByAgent = new TreeMap<>();

    /** Cases whose cashback arrived in a second CLOSED event days later. */
    long lateCosts;

    /** Agent → transfers of a buyer to another agent (转接). */
    Map<String, Long> transfersByAgent = new TreeMap<>();

    /** Agent → status changes. */
    Map<String, Long> statusChangesByAgent = new TreeMap<>();

    /** Agent → the team its agent events name. */
    Map<String, String> teamByAgent = new TreeMap<>();

    /** "agent/day" (agent '' when none, day yyyy-MM-dd shop-local) → the day's KPI figures. */
    Map<String, AgentDayKpis> kpiByAgentDay = new TreeMap<>();

    AgentDayKpis kpis(String agent, java.time.LocalDate day) {
      return kpiByAgentDay.computeIfAbsent(
          (agent == null ? "" : agent) + "/" + day, k -> new AgentDayKpis());
    }

    public long feedbackEvents() {
      return feedbackEvents;
    }

    public long afterSalesEvents() {
      return afterSalesEvents;
    }

    public long agentEvents() {
      return agentEvents;
    }

    public Map<String, FeedbackCounts> feedbackByAgent() {
      return feedbackByAgent;
    }

    public Map<String, Long> casesByType() {
      return casesByType;
    }

    public Map<String, Long> casesByReason() {
      return casesByReason;
    }

    public Map<String, Long> statusChanges() {
      return statusChanges;
    }

    public Map<String, CaseCosts> costsByAgent() {
      return costsByAgent;
    }

    public long lateCosts() {
      return lateCosts;
    }

    public Map<String, Long> transfersByAgent() {
      return transfersByAgent;
    }

    public Map<String, Long> statusChangesByAgent() {
      return statusChangesByAgent;
    }

    public Map<String, AgentDayKpis> kpiByAgentDay() {
      return kpiByAgentDay;
    }
  }

  /**
   * One agent's KPIs on one shop-local day, sums only (AfterSalesScenario says what counts where):
   * ratings and reviews in their latest revision on the day of their first, for the latest
   * revision's agent; after-sales cases on their opening day for their handling agent, with every
   * payout (also one made days later) and the time from OPENED to the first CLOSED; transfers on
   * their day for both agents; online (ONLINE or BUSY), busy and away time split at midnight.
   */
  public static final class AgentDayKpis {
    FeedbackCounts feedback = new FeedbackCounts();
    long cases;
    long agreed;
    long rejected;
    long escalated;
    long closed;
    long paidCases;
    long handlingMs;
    CaseCosts costs = new CaseCosts();
    long transfersOut;
    long transfersIn;
    long onlineMs;
    long busyMs;
    long awayMs;

    /**
     * "ratings reviews bad middling good agentResponsible invited modified badOrMiddlingFirst
     * modifiedToGood | cases agreed rejected escalated closed paidCases handlingMs cashback reship
     * refundOnly deposit | transfersOut transfersIn onlineMs busyMs awayMs", as AfterSalesJob's
     * {@code AgentKpiTable.FIGURES_SQL} reads a group of rows.
     */
    /** Two {@link #figures()} texts added figure by figure (counts and decimal amounts). */
    static String sumFigures(String a, String b) {
      String[] x = a.split(" ");
      String[] y = b.split(" ");
      StringBuilder sum = new StringBuilder();
      for (int i = 0; i < x.length; i++) {
        if (i > 0) {
          sum.append(' ');
        }
        sum.append(
            x[i].equals("|")
                ? "|"
                : new BigDecimal(x[i]).add(new BigDecimal(y[i])).toPlainString());
      }
      return sum.toString();
    }

    public String figures() {
      FeedbackCounts f = feedback;
      return join(
              f.serviceRatings,
              f.productReviews,
              f.bad,
              f.middling,
              f.good,
              f.agentResponsible,
              f.invited,
              f.modified,
              f.badOrMiddlingFirst,
              f.modifiedToGood)
          + " | "
          + join(cases, agreed, rejected, escalated, closed, paidCases, handlingMs)
          + " "
          + costs.figures()
          + " | "
          + join(transfersOut, transfersIn, onlineMs, busyMs, awayMs);
    }

    public FeedbackCounts feedback() {
      return feedback;
    }

    public long cases() {
      return cases;
    }

    public long escalated() {
      return escalated;
    }

    public long closed() {
      return closed;
    }

    public long paidCases() {
      return paidCases;
    }

    public long handlingMs() {
      return handlingMs;
    }

    public CaseCosts costs() {
      return costs;
    }

    public long transfersOut() {
      return transfersOut;
    }

    public long onlineMs() {
      return onlineMs;
    }

    public long awayMs() {
      return awayMs;
    }
  }

  /**
   * Ratings and reviews of one agent, each counted once in its latest revision: bad = 1-2 stars,
   * middling = 3, good = 4-5; responsibility = bad or middling with responsibility AGENT (客服责任);
   * modified = revised at least once (中差评修改), modifiedToGood = bad or middling first, good now;
   * badOrMiddlingFirst = bad or middling at the first revision.
   */
  public static final class FeedbackCounts {
    long serviceRatings;
    long productReviews;
    long bad;
    long middling;
    long good;
    long agentResponsible;
    long invited;
    long modified;
    long modifiedToGood;
    long badOrMiddlingFirst;

    void count(ServiceFeedback first, ServiceFeedback latest) {
      if (first.getRating() <= 3) {
        badOrMiddlingFirst++;
      }
      if (latest.getKind() == FeedbackKind.SERVICE_RATING) {
        serviceRatings++;
      } else {
        productReviews++;
      }
      int stars = latest.getRating();
      if (stars <= 2) {
        bad++;
      } else if (stars == 3) {
        middling++;
      } else {
        good++;
      }
      if (stars <= 3 && latest.getResponsibility() == Responsibility.AGENT) {
        agentResponsible++;
      }
      if (latest.getInvited()) {
        invited++;
      }
      if (latest.getRevision() > first.getRevision()) {
        modified++;
        if (first.getRating() <= 3 && stars >= 4) {
          modifiedToGood++;
        }
      }
    }

    /**
     * "ratings bad middling good agentResponsible invited modified" over the latest revisions, as
     * AfterSalesJob's {@code FeedbackTable.FIGURES_SQL} reads them from {@code service_feedback}.
     */
    public String figures() {
      return join(
          serviceRatings + productReviews,
          bad,
          middling,
          good,
          agentResponsible,
          invited,
          modified);
    }

    public long serviceRatings() {
      return serviceRatings;
    }

    public long productReviews() {
      return productReviews;
    }

    public long bad() {
      return bad;
    }

    public long middling() {
      return middling;
    }

    public long good() {
      return good;
    }

    public long agentResponsible() {
      return agentResponsible;
    }

    public long invited() {
      return invited;
    }

    public long modified() {
      return modified;
    }

    public long modifiedToGood() {
      return modifiedToGood;
    }

    /** Bad or middling at the first revision: 需处理中差评, 修改成功率's denominator. */
    public long badOrMiddlingFirst() {
      return badOrMiddlingFirst;
    }
  }

  /** Payouts by kind (Decimal(18, 2) sums). */
  public static final class CaseCosts {
    BigDecimal cashback = new BigDecimal("0.00");
    BigDecimal reship = new BigDecimal("0.00");
    BigDecimal refundOnly = new BigDecimal("0.00");
    BigDecimal deposit = new BigDecimal("0.00");

    void add(AfterSalesCosts c) {
      cashback = cashback.add(c.getCashback());
      reship = reship.add(c.getReship());
      refundOnly = refundOnly.add(c.getRefundOnly());
      deposit = deposit.add(c.getDeposit());
    }

    public BigDecimal cashback() {
      return cashback;
    }

    public BigDecimal reship() {
      return reship;
    }

    public BigDecimal refundOnly() {
      return refundOnly;
    }

    public BigDecimal deposit() {
      return deposit;
    }

    /** "cashback reship refundOnly deposit", as {@code AfterSalesEventsTable.COSTS_SQL} reads. */
    public String figures() {
      return cashback.toPlainString()
          + " "
          + reship.toPlainString()
          + " "
          + refundOnly.toPlainString()
          + " "
          + deposit.toPlainString();
    }

    public BigDecimal total() {
      return cashback.add(reship).add(refundOnly).add(deposit);
    }
  }

  /** Figures separated by one space. */
  static String join(long... figures) {
    return java.util.stream.LongStream.of(figures)
        .mapToObj(Long::toString)
        .collect(java.util.stream.Collectors.joining(" "));
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GroundTruth fromJson(String json) {
    try {
      return JSON.readValue(json, GroundTruth.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a ground truth document", e);
    }
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, toJson());
  }

  public static GroundTruth read(Path file) throws IOException {
    return fromJson(Files.readString(file));
  }

  /** What the ingest job must store: distinct valid events, and what goes to dead letters. */
  public static final class Ingest {
    long chatMessages;
    long orderEvents;

    /** shop id → distinct valid events of that shop. */
    Map<String, ShopIngest> perShop = new TreeMap<>();

    /** topic → malformed records written raw to it. */
    Map<String, Long> malformed = new TreeMap<>();

    /**
     * topic → poison records: they decode but are invalid, so every job reading the topic
     * dead-letters them with stage {@code invalid}; not in chatMessages/orderEvents.
     */
    Map<String, Long> poison = new TreeMap<>();

    /** dead letter reason (exact text) → poison records with it, both topics. */
    Map<String, Long> poisonByReason = new TreeMap<>();

    /** Every poison record in emission order, with its topic and expected reason. */
    List<PoisonEvent> poisonEvents = new ArrayList<>();

    /** topic → second copies emitted (same event_id and bytes as an earlier record). */
    Map<String, Long> duplicates = new TreeMap<>();

    long outOfOrderEvents;

    /** Events of late buyers (counted in chatMessages too): late dead letters for the jobs. */
    long lateEvents;

    List<String> lateEventIds = new ArrayList<>();
    long totalRecords;

    public long chatMessages() {
      return chatMessages;
    }

    public long orderEvents() {
      return orderEvents;
    }

    public Map<String, ShopIngest> perShop() {
      return perShop;
    }

    public Map<String, Long> malformed() {
      return malformed;
    }

    public long malformedTotal() {
      return malformed.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> poison() {
      return poison;
    }

    public long poisonTotal() {
      return poison.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> poisonByReason() {
      return poisonByReason;
    }

    public List<PoisonEvent> poisonEvents() {
      return poisonEvents;
    }

    public Map<String, Long> duplicates() {
      return duplicates;
    }

    public long duplicatesTotal() {
      return duplicates.values().stream().mapToLong(Long::longValue).sum();
    }

    public long outOfOrderEvents() {
      return outOfOrderEvents;
    }

    public long lateEvents() {
      return lateEvents;
    }

    public List<String> lateEventIds() {
      return lateEventIds;
    }

    /** Every record written: valid, duplicate, malformed and poison. */
    public long totalRecords() {
      return totalRecords;
    }
  }

  /** A poison record: the dead letter every job reading {@code topic} must write for it. */
  public static final class PoisonEvent {
    String eventId;
    String topic;
    String reason;

    PoisonEvent() {}

    PoisonEvent(String eventId, String topic, String reason) {
      this.eventId = eventId;
      this.topic = topic;
      this.reason = reason;
    }

    public String eventId() {
      return eventId;
    }

    public String topic() {
      return topic;
    }

    /** The dead letter's reason, exactly; its stage is {@code invalid}. */
    public String reason() {
      return reason;
    }
  }

  /** Distinct valid events of one shop. */
  public static final class ShopIngest {
    long chatMessages;
    long orderEvents;

    public long chatMessages() {
      return chatMessages;
    }

    public long orderEvents() {
      return orderEvents;
    }
  }

  /** Service metrics of one shop: the shop total and one row per credited agent. */
  public static final class ShopService {
    ServiceCounts total = new ServiceCounts();

    /** agent id ("" = the shop: unanswered turns of buyers never routed) → counts. */
    Map<String, ServiceCounts> agents = new TreeMap<>();

    /** shop-local day (yyyy-MM-dd) → per-buyer N-minute rule. */
    Map<String, NMinute> nMinuteByDay = new TreeMap<>();

    /** "agent/day" → the conversations the agent served that day (接待压力). */
    transient Map<String, AgentConcurrency> concurrency = new TreeMap<>();

    /** "agent/day" → "peak served_ms conversations" of buyers served at once. */
    Map<String, String> concurrencyByAgentDay = new TreeMap<>();

    /** "agent/day" ("/day" for the shop) → {buyers who asked, buyers answered by a human}. */
    Map<String, long[]> buyerReplyByDay = new TreeMap<>();

    /** shop-local day → {turns a bot replied to, of them answered by a human}. */
    Map<String, long[]> botTurnsByDay = new TreeMap<>();

    /** agent id → day → per-buyer N-minute rule for that agent. */
    Map<String, Map<String, NMinute>> agentNMinuteByDay = new TreeMap<>();

    /**
     * Waiting-buyer alerts, "30s" → turns that waited longer than that for an answer (answered
     * later, or never): one alert per turn and threshold ({@link MetricRules#WAIT_ALERT_MS}).
     */
    Map<String, Long> waitAlerts = new TreeMap<>();

    public Map<String, Long> waitAlerts() {
      return waitAlerts;
    }

    public ServiceCounts total() {
      return total;
    }

    public Map<String, ServiceCounts> agents() {
      return agents;
    }

    public Map<String, NMinute> nMinuteByDay() {
      return nMinuteByDay;
    }

    public Map<String, Map<String, NMinute>> agentNMinuteByDay() {
      return agentNMinuteByDay;
    }
  }

  /** Sums and counts, so any roll-up is exact. Response times in milliseconds. */
  public static final class ServiceCounts {
    long turns;
    long answered;
    long unanswered;
    long slow;
    long responseMsSum;
    long responseMsCount;
    long responseMsMax;
    long answeredWithin30s;
    long answeredWithin60s;
    long answeredWithin180s;
    long firstResponseMsSum;
    long firstResponseCount;
    long conversations;
    long conversationsWithHumanAnswer;
    long agentMessages;

    /**
     * Every figure, space-separated, in the order of the metrics job's {@code
     * MinuteTable.FIGURES_SQL}, so a test or the demo compares ClickHouse with the truth as text.
     */
    public String figures() {
      return java.util.stream.LongStream.of(
              turns,
              answered,
              unanswered,
              slow,
              responseMsSum,
              responseMsCount,
              responseMsMax,
              answeredWithin30s,
              answeredWithin60s,
              answeredWithin180s,
              firstResponseMsSum,
              firstResponseCount,
              conversations,
              conversationsWithHumanAnswer,
              agentMessages)
          .mapToObj(Long::toString)
          .collect(java.util.stream.Collectors.joining(" "));
    }

    public long turns() {
      return turns;
    }

    public long answered() {
      return answered;
    }

    public long unanswered() {
      return unanswered;
    }

    public long slow() {
      return slow;
    }

    public long responseMsSum() {
      return responseMsSum;
    }

    public long responseMsCount() {
      return responseMsCount;
    }

    public long responseMsMax() {
      return responseMsMax;
    }

    public long answeredWithin30s() {
      return answeredWithin30s;
    }

    public long answeredWithin60s() {
      return answeredWithin60s;
    }

    public long answeredWithin180s() {
      return answeredWithin180s;
    }

    public long firstResponseMsSum() {
      return firstResponseMsSum;
    }

    public long firstResponseCount() {
      return firstResponseCount;
    }

    public long conversations() {
      return conversations;
    }

    public long conversationsWithHumanAnswer() {
      return conversationsWithHumanAnswer;
    }

    public long agentMessages() {
      return agentMessages;
    }
  }

  /** The platforms' per-buyer N-minute rule for one day. */
  public static final class NMinute {
    long reachedBuyers;
    long missedBuyers;

    public long reachedBuyers() {
      return reachedBuyers;
    }

    public long missedBuyers() {
      return missedBuyers;
    }

    /** (reached − missed) / reached; 1 when nobody reached a human. */
    public double rate() {
      return reachedBuyers == 0 ? 1.0 : (double) (reachedBuyers - missedBuyers) / reachedBuyers;
    }
  }

  /** Conversion and attribution of one shop. */
  public static final class ShopAttribution {
    /** Shop row: inquiries are distinct (buyer, day) over all agents, any owner converts. */
    AttributionCounts total = new AttributionCounts();

    /** agent id → that agent's row. */
    Map<String, AttributionCounts> agents = new TreeMap<>();

    long orders;
    long paidOrders;
    long silentOrders;
    BigDecimal totalSales = BigDecimal.ZERO.setScale(2);
    BigDecimal creditedSales = BigDecimal.ZERO.setScale(2);
    BigDecimal silentSales = BigDecimal.ZERO.setScale(2);

    public AttributionCounts total() {
      return total;
    }

    public Map<String, AttributionCounts> agents() {
      return agents;
    }

    public long orders() {
      return orders;
    }

    public long paidOrders() {
      return paidOrders;
    }

    public long silentOrders() {
      return silentOrders;
    }

    /** Paid amounts net of refunds. */
    public BigDecimal totalSales() {
      return totalSales;
    }

    /** Net sales of orders with an owner. */
    public BigDecimal creditedSales() {
      return creditedSales;
    }

    /** totalSales − creditedSales: net sales of silent orders. */
    public BigDecimal silentSales() {
      return silentSales;
    }
  }

  /** One attribution row (agent or shop total). */
  public static final class AttributionCounts {
    long inquiries;
    long inquiriesOrdered;
    long inquiriesPaidByNextDay;
    long inquiriesPaidWithinValidity;
    long ordersOwned;
    BigDecimal ownerSales = BigDecimal.ZERO.setScale(2);
    long assistedOrders;
    long assistedFollowUps;
    long followedUpBuyers;
    long refunds;
    BigDecimal refundedSales = BigDecimal.ZERO.setScale(2);

    /** Inquiring buyer-days. */
    public long inquiries() {
      return inquiries;
    }

    public long inquiriesOrdered() {
      return inquiriesOrdered;
    }

    /** 询单→次日付款. */
    public long inquiriesPaidByNextDay() {
      return inquiriesPaidByNextDay;
    }

    /** 询单→最终付款. */
    public long inquiriesPaidWithinValidity() {
      return inquiriesPaidWithinValidity;
    }

    /** 落实: orders this agent owns. */
    public long ordersOwned() {
      return ordersOwned;
    }

    /** Paid amount of owned orders minus refunded amounts. */
    public BigDecimal ownerSales() {
      return ownerSales;
    }

    /** 协助下单. */
    public long assistedOrders() {
      return assistedOrders;
    }

    /** 协助跟进: orders followed up. */
    public long assistedFollowUps() {
      return assistedFollowUps;
    }

    /** 协助跟进人数: distinct buyers followed up per shop-local day, summed over the days. */
    public long followedUpBuyers() {
      return followedUpBuyers;
    }

    /** Owned orders that were REFUNDED. */
    public long refunds() {
      return refunds;
    }

    public BigDecimal refundedSales() {
      return refundedSales;
    }
  }

  /** Quality-inspection truth: every uncivil message; all other agent messages are civil. */
  public static final class Qa {
    List<UncivilMessage> uncivil = new ArrayList<>();
    long civilAgentMessages;

    public List<UncivilMessage> uncivil() {
      return uncivil;
    }

    /** AGENT messages of on-time buyers with a civil text: none of them may be flagged. */
    public long civilAgentMessages() {
      return civilAgentMessages;
    }
  }

  /** An uncivil message and the categories it must be flagged with. */
  public static final class UncivilMessage {
    String eventId;
    String shopId;
    String buyerId;
    String agentId;
    String role;
    String language;
    String text;
    List<QaCategory> categories = new ArrayList<>();

    UncivilMessage() {}

    UncivilMessage(
        String eventId,
        String shopId,
        String buyerId,
        String agentId,
        String role,
        String language,
        String text,
        List<QaCategory> categories) {
      this.eventId = eventId;
      this.shopId = shopId;
      this.buyerId = buyerId;
      this.agentId = agentId;
      this.role = role;
      this.language = language;
      this.text = text;
      this.categories = categories;
    }

    public String eventId() {
      return eventId;
    }

    public String shopId() {
      return shopId;
    }

    public String buyerId() {
      return buyerId;
    }

    /** Sender (AGENT) or routed agent (BUYER); null for an unrouted buyer. */
    public String agentId() {
      return agentId;
    }

    /** AGENT or BUYER. */
    public String role() {
      return role;
    }

    /** zh or en. */
    public String language() {
      return language;
    }

    public String text() {
      return text;
    }

    public List<QaCategory> categories() {
      return categories;
    }
  }
}
