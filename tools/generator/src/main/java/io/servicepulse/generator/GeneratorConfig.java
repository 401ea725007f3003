// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to generate. Every rate is a probability per event (per record for malformed and poison
 * ones), 0 switches the fault off. Build with {@link #builder()}; {@link #defaults()} is a small
 * scenario (3 shops, ~2k events) suitable for tests.
 *
 * @param eventsPerSecond emission speed for writers, 0 = as fast as possible
 * @param lateDelay how long after its event time a late buyer's message is emitted
 * @param rules the job knobs the truth is computed for, e.g. shops in other time zones
 */
public record GeneratorConfig(
    long seed,
    int shops,
    int teamsPerShop,
    int agentsPerTeam,
    int buyersPerShop,
    int days,
    Instant start,
    double outOfOrderRate,
    double lateRate,
    double duplicateRate,
    double malformedRate,
    double poisonRate,
    double uncivilRate,
    double eventsPerSecond,
    Duration lateDelay,
    String chatTopic,
    String orderTopic,
    double feedbackRate,
    double afterSalesRate,
    boolean agentEvents,
    String feedbackTopic,
    String afterSalesTopic,
    String agentTopic,
    MetricRules rules) {

  /**
   * Mean valid events one buyer produces with the built-in behaviour (measured: 7.6 over one day,
   * 8.7 over two, 11.7 over seven: more days leave room for more conversations); scales {@code
   * --events}.
   */
  static double eventsPerBuyer(int days) {
    return Math.min(6.5 + 1.1 * days, 12.0);
  }

  public GeneratorConfig {
    require(shops >= 1 && teamsPerShop >= 1 && agentsPerTeam >= 1, "need ≥1 shop, team, agent");
    require(buyersPerShop >= 1, "need ≥1 buyer per shop");
    require(days >= 1, "need ≥1 day");
    for (double rate :
        new double[] {
          outOfOrderRate, lateRate, duplicateRate, malformedRate, poisonRate, uncivilRate
        }) {
      require(rate >= 0 && rate <= 0.5, "rates must be within [0, 0.5]");
    }
    require(feedbackRate >= 0 && feedbackRate <= 1, "feedback rate must be within [0, 1]");
    require(afterSalesRate >= 0 && afterSalesRate <= 1, "after-sales rate must be within [0, 1]");
    require(eventsPerSecond >= 0, "events per second must be ≥ 0");
    require(
        lateDelay.toMinutes() >= 30 && lateDelay.toHours() <= days * 24L - 4,
        "late delay must be ≥ 30 min and leave 4 h of the scenario for late buyers");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public static GeneratorConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public Instant end() {
    return start.plus(Duration.ofDays(days));
  }

  /** The settings as strings, for truth.json and the CLI summary. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("seed", Long.toString(seed));
    m.put("shops", Integer.toString(shops));
    m.put("teamsPerShop", Integer.toString(teamsPerShop));
    m.put("agentsPerTeam", Integer.toString(agentsPerTeam));
    m.put("buyersPerShop", Integer.toString(buyersPerShop));
    m.put("days", Integer.toString(days));
    m.put("start", start.toString());
    m.put("outOfOrderRate", Double.toString(outOfOrderRate));
    m.put("lateRate", Double.toString(lateRate));
    m.put("duplicateRate", Double.toString(duplicateRate));
    m.put("malformedRate", Double.toString(malformedRate));
    m.put("poisonRate", Double.toString(poisonRate));
    m.put("uncivilRate", Double.toString(uncivilRate));
    m.put("lateDelay", lateDelay.toString());
    m.put("chatTopic", chatTopic);
    m.put("orderTopic", orderTopic);
    // Schema version 3's events: listed only when on, so existing scenarios keep their truth.
    if (hasAfterSales()) {
      m.put("feedbackRate", Double.toString(feedbackRate));
      m.put("afterSalesRate", Double.toString(afterSalesRate));
      m.put("agentEvents", Boolean.toString(agentEvents));
      m.put("feedbackTopic", feedbackTopic);
      m.put("afterSalesTopic", afterSalesTopic);
      m.put("agentTopic", agentTopic);
    }
    return m;
  }

  /** True if the scenario has feedback, after-sales or agent events (all off by default). */
  public boolean hasAfterSales() {
    return feedbackRate > 0 || afterSalesRate > 0 || agentEvents;
  }

  /** Mutable builder; unset values keep their defaults. */
  public static final class Builder {
    private long seed = 42;
    private int shops = 3;
    private int teamsPerShop = 2;
    private int agentsPerTeam = 3;
    private int buyersPerShop = 50;
    private int days = 2;
    // Monday 2025-06-02 00:00 Asia/Shanghai.
    private Instant start = Instant.parse("2025-06-01T16:00:00Z");
    private double outOfOrderRate = 0.02;
    private double lateRate = 0.005;
    private double duplicateRate = 0.005;
    private double malformedRate = 0.002;
    // Off by default: existing scenarios keep their bytes and figures.
    private double poisonRate = 0;
    private double uncivilRate = 0.03;
    private double eventsPerSecond = 0;
    private Duration lateDelay = Duration.ofHours(2);
    private String chatTopic = "chat-messages";
    private String orderTopic = "order-events";
    private long approximateEvents = 0;
    // Off by default: existing scenarios keep their bytes and figures.
    private double feedbackRate = 0;
    private double afterSalesRate = 0;
    private boolean agentEvents = false;
    private String feedbackTopic = "feedback-events";
    private String afterSalesTopic = "after-sales-events";
    private String agentTopic = "agent-events";
    private MetricRules rules = MetricRules.DEFAULTS;

    private Builder() {}

    private Builder(GeneratorConfig c) {
      seed = c.seed;
      shops = c.shops;
      teamsPerShop = c.teamsPerShop;
      agentsPerTeam = c.agentsPerTeam;
      buyersPerShop = c.buyersPerShop;
      days = c.days;
      start = c.start;
      outOfOrderRate = c.outOfOrderRate;
      lateRate = c.lateRate;
      duplicateRate = c.duplicateRate;
      malformedRate = c.malformedRate;
      poisonRate = c.poisonRate;
      uncivilRate = c.uncivilRate;
      eventsPerSecond = c.eventsPerSecond;
      lateDelay = c.lateDelay;
      chatTopic = c.chatTopic;
      orderTopic = c.orderTopic;
      feedbackRate = c.feedbackRate;
      afterSalesRate = c.afterSalesRate;
      agentEvents = c.agentEvents;
      feedbackTopic = c.feedbackTopic;
      afterSalesTopic = c.afterSalesTopic;
      agentTopic = c.agentTopic;
      rules = c.rules;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder shops(int v) {
      shops = v;
      return this;
    }

    public Builder teamsPerShop(int v) {
      teamsPerShop = v;
      return this;
    }

    public Builder agentsPerTeam(int v) {
      agentsPerTeam = v;
      return this;
    }

    public Builder buyersPerShop(int v) {
      buyersPerShop = v;
      return this;
    }

    public Builder days(int v) {
      days = v;
      return this;
    }

    public Builder start(Instant v) {
      start = v;
      return this;
    }

    public Builder outOfOrderRate(double v) {
      outOfOrderRate = v;
      return this;
    }

    public Builder lateRate(double v) {
      lateRate = v;
      return this;
    }

    public Builder duplicateRate(double v) {
      duplicateRate = v;
      return this;
    }

    public Builder malformedRate(double v) {
      malformedRate = v;
      return this;
    }

    /** Poison records (decode, but invalid) per valid record, per topic. */
    public Builder poisonRate(double v) {
      poisonRate = v;
      return this;
    }

    public Builder uncivilRate(double v) {
      uncivilRate = v;
      return this;
    }

    public Builder eventsPerSecond(double v) {
      eventsPerSecond = v;
      return this;
    }

    public Builder lateDelay(Duration v) {
      lateDelay = v;
      return this;
    }

    public Builder chatTopic(String v) {
      chatTopic = v;
      return this;
    }

    public Builder orderTopic(String v) {
      orderTopic = v;
      return this;
    }

    /** Share of buyers served by an agent who rate the service (and review a paid order). */
    public Builder feedbackRate(double v) {
      feedbackRate = v;
      return this;
    }

    /** Share of paid orders that get an after-sales case. */
    public Builder afterSalesRate(double v) {
      afterSalesRate = v;
      return this;
    }

    /** Agent status changes (shifts, lunch) and transfers at every hand-off between agents. */
    public Builder agentEvents(boolean v) {
      agentEvents = v;
      return this;
    }

    public Builder feedbackTopic(String v) {
      feedbackTopic = v;
      return this;
    }

    public Builder afterSalesTopic(String v) {
      afterSalesTopic = v;
      return this;
    }

    public Builder agentTopic(String v) {
      agentTopic = v;
      return this;
    }

    /**
     * The job knobs the truth is computed for (default: DESIGN.md's, {@link MetricRules#DEFAULTS}).
     */
    public Builder rules(MetricRules v) {
      rules = v;
      return this;
    }

    /**
     * Puts shops (id → time zone id, e.g. shop-02 → America/New_York) in another zone than the
     * default Asia/Shanghai: their days and business hours are their own local ones.
     */
    public Builder shopTimeZones(Map<String, String> v) {
      rules = rules.withShopTimeZones(v);
      return this;
    }

    /** Sets buyers per shop so that roughly {@code events} valid events come out (0 = unset). */
    public Builder approximateEvents(long events) {
      approximateEvents = events;
      return this;
    }

    /** All faults off: a clean stream. */
    public Builder noFaults() {
      return outOfOrderRate(0).lateRate(0).duplicateRate(0).malformedRate(0).poisonRate(0);
    }

    public GeneratorConfig build() {
      int buyers = buyersPerShop;
      if (approximateEvents > 0) {
        double perShop = approximateEvents / (shops * eventsPerBuyer(days));
        buyers = (int) Math.max(1, Math.round(perShop));
      }
      return new GeneratorConfig(
          seed,
          shops,
          teamsPerShop,
          agentsPerTeam,
          buyers,
          days,
          start,
          outOfOrderRate,
          lateRate,
          duplicateRate,
          malformedRate,
          poisonRate,
          uncivilRate,
          eventsPerSecond,
          lateDelay,
          chatTopic,
          orderTopic,
          feedbackRate,
          afterSalesRate,
          agentEvents,
          feedbackTopic,
          afterSalesTopic,
          agentTopic,
          rules);
    }
  }
}
