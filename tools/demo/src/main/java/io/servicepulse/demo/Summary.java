// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.aftersales.AfterSalesEventsTable;
import io.servicepulse.aftersales.AgentKpiTable;
import io.servicepulse.aftersales.FeedbackRevisionsTable;
import io.servicepulse.aftersales.FeedbackTable;
import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.metrics.sink.MinuteTable;
import io.servicepulse.metrics.sink.TurnsTable;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the results back from ClickHouse, prints them, and checks them against the truth. */
final class Summary {

  private final ClickHouseReader reader;
  private final GroundTruth truth;
  private boolean ok = true;

  Summary(ClickHouseConnectionFactory clickHouse, GroundTruth truth) {
    this.reader = new ClickHouseReader(clickHouse);
    this.truth = truth;
  }

  /** Prints every section; true if every check held. */
  boolean print() throws SQLException {
    ingest();
    service();
    conversion();
    qa();
    afterSales();
    return ok;
  }

  private void afterSales() throws SQLException {
    GroundTruth.AfterSales expected = truth.afterSales();
    if (expected == null) {
      return;
    }
    System.out.println("\n  Feedback, after-sales and agent facts (AfterSalesJob)");
    check(
        "ratings and reviews (latest revision)",
        expected.feedbacks(),
        reader.count("SELECT count() FROM service_feedback FINAL"));
    check(
        "after-sales status changes",
        expected.afterSalesEvents(),
        reader.count("SELECT count() FROM after_sales_events FINAL"));
    check(
        "agent status changes and transfers",
        expected.agentEvents(),
        reader.count("SELECT count() FROM agent_events FINAL"));
    checkSame(
        "agents whose ratings equal the truth",
        expected.feedbackFiguresByAgent(),
        keyed(
            reader.rows(
                "SELECT concat(shop_id, '/', agent_id), "
                    + FeedbackTable.FIGURES_SQL
                    + " FROM service_feedback FINAL GROUP BY shop_id, agent_id")));
    checkSame(
        "agents whose 中差评修改 successes equal the truth",
        expected.modifiedToGoodByAgent(),
        keyed(reader.rows(FeedbackRevisionsTable.MODIFIED_TO_GOOD_SQL)));
    checkSame(
        "agents whose after-sales payouts equal the truth",
        expected.costFiguresByAgent(),
        keyed(
            reader.rows(
                "SELECT concat(shop_id, '/', agent_id), "
                    + AfterSalesEventsTable.COSTS_SQL
                    + " FROM after_sales_events FINAL GROUP BY shop_id, agent_id")));
    checkSame(
        "agents whose transfers equal the truth",
        expected.transfersByAgent(),
        keyed(
            reader.rows(
                "SELECT concat(shop_id, '/', agent_id), toString(count()) FROM agent_events FINAL"
                    + " WHERE kind = 'TRANSFER' GROUP BY shop_id, agent_id")));
    checkSame(
        "agent-days whose KPIs equal the truth (ratings, cases, costs, transfers, status time)",
        expected.kpiFiguresByAgentDay(),
        keyed(
            reader.rows(
                "SELECT concat(shop_id, '/', agent_id, '/', toString(day)), "
                    + AgentKpiTable.FIGURES_SQL
                    + " FROM agent_kpi_daily FINAL GROUP BY shop_id, agent_id, day")));
    checkSame(
        "team-days whose KPIs equal the truth (agents' rows by their team)",
        expected.kpiFiguresByTeamDay(),
        keyed(reader.rows(AgentKpiTable.TEAM_FIGURES_SQL)));
    table(
        "    售后 KPI 按店铺汇总 / after-sales KPIs per shop (all days; README metric catalogue)",
        reader.rows(AgentKpiTable.SHOP_SUMMARY_SQL),
        AgentKpiTable.SHOP_SUMMARY_HEADER);
  }

  private void service() throws SQLException {
    System.out.println("\n  Service metrics (ServiceMetricsJob)");
    Map<String, String> expected = truth.serviceFiguresByAgent();
    Map<String, String> actual =
        keyed(
            reader.rows(
                "SELECT concat(shop_id, '/', agent_id), "
                    + MinuteTable.FIGURES_SQL
                    + " FROM service_minute FINAL GROUP BY shop_id, agent_id"));
    checkSame("agents whose turn figures equal the truth", expected, actual);
    checkSame(
        "agent-days whose buyers served at once (接待压力) equal the truth",
        truth.concurrencyByAgentDay(),
        keyed(reader.rows(TurnsTable.CONCURRENCY_FIGURES_SQL)));
    checkSame(
        "shop- and agent-days whose 回复率 per buyer (answered / asked) equal the truth",
        truth.buyerReplyByDay(),
        keyed(reader.rows(TurnsTable.BUYER_REPLY_FIGURES_SQL)));
    checkSame(
        "shop-days whose turns a bot replied to (机器人接待) and handed to a human (转人工) equal the"
            + " truth",
        truth.botTurnsByDay(),
        keyed(reader.rows(TurnsTable.BOT_FIGURES_SQL)));
    check(
        "late messages dead-lettered",
        truth.ingest().lateEvents(),
        reader.count(
            "SELECT count() FROM dead_letters FINAL WHERE job = 'service-metrics'"
                + " AND stage = 'late'"));
    check(
        "late records dead-lettered by AttributionJob",
        truth.ingest().lateEvents(),
        reader.count(
            "SELECT count() FROM dead_letters FINAL WHERE job = 'attribution'"
                + " AND stage = 'late'"));
    Map<String, String> expectedRates = new TreeMap<>();
    truth
        .service()
        .forEach(
            (shop, s) ->
                s.agentNMinuteByDay()
                    .forEach(
                        (agent, days) ->
                            days.forEach(
                                (day, n) ->
                                    expectedRates.put(
                                        shop + "/" + agent + " " + day,
                                        n.reachedBuyers() + "/" + n.missedBuyers()))));
    Map<String, String> actualRates =
        keyed(
            reader.rows(
                "SELECT concat(shop_id, '/', agent_id, ' ', toString(day)),"
                    + " concat(toString(reached_buyers), '/', toString(missed_buyers))"
                    + " FROM n_minute_reply_daily FINAL WHERE scope = 'agent' AND reached_buyers > 0"));
    checkSame("agent-days whose N-minute reply rate is right", expectedRates, actualRates);
    Map<String, String> expectedAlerts = new TreeMap<>();
    truth
        .service()
        .forEach(
            (shop, s) ->
                s.waitAlerts().forEach((t, n) -> expectedAlerts.put(shop + " " + t, n.toString())));
    expectedAlerts.values().removeIf("0"::equals);
    Map<String, String> actualAlerts =
        keyed(
            reader.rows(
                "SELECT concat(shop_id, ' ', toString(intDiv(threshold_ms, 1000)), 's'),"
                    + " toString(count()) FROM wait_alerts FINAL WHERE deleted = 0"
                    + " GROUP BY shop_id, threshold_ms"));
    checkSame("waiting-buyer alerts per shop and threshold", expectedAlerts, actualAlerts);
    table(
        "    waiting-buyer alerts (buyer waited longer than the threshold): how they ended",
        reader.rows(
            "SELECT shop_id, concat(toString(intDiv(threshold_ms, 1000)), ' s'),"
                + " toString(countIf(status = 'ANSWERED')), toString(countIf(status = 'UNANSWERED')),"
                + " toString(countIf(status = 'WAITING')),"
                + " toString(round(avgIf(waited_ms, status = 'ANSWERED') / 1000, 1))"
                + " FROM wait_alerts FINAL WHERE deleted = 0 GROUP BY shop_id, threshold_ms"
                + " ORDER BY shop_id, threshold_ms"),
        List.of("shop", "threshold", "answered", "unanswered", "still waiting", "avg wait s"));
    table(
        "    per agent: turns, reply rates and response times (agent '' = never routed)",
        reader.rows(
            "SELECT m.shop_id, m.agent_id, toString(m.t), m.reply_rate, m.within_3min, m.avg_s,"
                + " m.max_s, m.first_avg_s, if(r.n_minute = '', '-', r.n_minute) FROM ("
                + " SELECT shop_id, agent_id, sum(turns) AS t,"
                + " concat(toString(round(100 * sum(answered) / t, 1)), '%') AS reply_rate,"
                + " concat(toString(round(100 * sum(answered_within_180s) / t, 1)), '%')"
                + " AS within_3min,"
                + " toString(round(sum(response_ms_sum) / greatest(sum(response_ms_count), 1) / 1000,"
                + " 1)) AS avg_s, toString(round(max(response_ms_max) / 1000, 1)) AS max_s,"
                + " toString(round(sum(first_response_ms_sum) / greatest(sum(first_response_count),"
                + " 1) / 1000, 1)) AS first_avg_s"
                + " FROM service_minute FINAL GROUP BY shop_id, agent_id) AS m"
                + " LEFT JOIN ("
                + " SELECT shop_id, agent_id, concat(toString(round(100 * (sum(reached_buyers) -"
                + " sum(missed_buyers)) / sum(reached_buyers), 1)), '%') AS n_minute"
                + " FROM n_minute_reply_daily FINAL WHERE scope = 'agent' AND reached_buyers > 0"
                + " GROUP BY shop_id, agent_id) AS r USING (shop_id, agent_id)"
                + " ORDER BY m.shop_id, m.agent_id"),
        List.of(
            "shop",
            "agent",
            "turns",
            "replied",
            "≤3 min",
            "avg s",
            "max s",
            "1st avg s",
            "N-min rate"));
  }

  private void conversion() throws SQLException {
    System.out.println("\n  Conversion and attribution (AttributionJob)");
    Map<String, String> expected = new TreeMap<>();
    truth
        .attribution()
        .forEach(
            (shop, a) -> {
              a.agents()
                  .forEach(
                      (agent, c) ->
                          expected.put(
                              shop + "/" + agent,
                              String.join(
                                  " ",
                                  String.valueOf(c.inquiries()),
                                  String.valueOf(c.inquiriesOrdered()),
                                  String.valueOf(c.inquiriesPaidByNextDay()),
                                  String.valueOf(c.inquiriesPaidWithinValidity()),
                                  String.valueOf(c.ordersOwned()),
                                  c.ownerSales().setScale(2).toPlainString(),
                                  String.valueOf(c.assistedOrders()),
                                  String.valueOf(c.assistedFollowUps()),
                                  String.valueOf(c.followedUpBuyers()),
                                  String.valueOf(c.refunds()),
                                  c.refundedSales().setScale(2).toPlainString())));
            });
    String none = "0 0 0 0 0 0.00 0 0 0 0 0.00";
    expected.values().removeIf(none::equals);
    Map<String, String> actual =
        keyed(
            reader.rows(
                "SELECT concat(shop_id, '/', agent_id), concat(toString(sum(inquiring_buyers)), ' ',"
                    + " toString(sum(ordered_buyers)), ' ', toString(sum(paid_next_day_buyers)), ' ',"
                    + " toString(sum(paid_in_validity_buyers)), ' ', toString(sum(owned_orders)), ' ',"
                    + " toString(sum(owner_sales) - sum(refund_amount)), ' ',"
                    + " toString(sum(assisted_orders)), ' ', toString(sum(assisted_follow_ups)), ' ',"
                    + " toString(sum(followed_up_buyers)), ' ', toString(sum(refunded_orders)), ' ',"
                    + " toString(sum(refund_amount)))"
                    + " FROM agent_conversion_daily FINAL GROUP BY shop_id, agent_id"));
    actual.values().removeIf(none::equals);
    checkSame("agents whose conversion and sales equal the truth", expected, actual);
    for (var shop : truth.attribution().entrySet()) {
      check(
          "silent orders of " + shop.getKey(),
          shop.getValue().silentOrders(),
          reader.count(
              "SELECT sum(silent_orders) FROM shop_silent_daily FINAL WHERE shop_id = ?",
              shop.getKey()));
    }
    table(
        "    per agent: inquiries → orders and payments, owner sales (net of refunds), assists",
        reader.rows(
            "SELECT shop_id, agent_id, toString(sum(inquiring_buyers)),"
                + " toString(sum(ordered_buyers)), toString(sum(paid_in_validity_buyers)),"
                + " concat(toString(round(100 * sum(paid_in_validity_buyers) /"
                + " greatest(sum(inquiring_buyers), 1), 1)), '%'), toString(sum(owned_orders)),"
                + " toString(sum(owner_sales) - sum(refund_amount)), toString(sum(assisted_orders)),"
                + " toString(sum(assisted_follow_ups)), toString(sum(followed_up_buyers))"
                + " FROM agent_conversion_daily FINAL"
                + " GROUP BY shop_id, agent_id ORDER BY shop_id, agent_id"),
        List.of(
            "shop",
            "agent",
            "inquiries",
            "ordered",
            "paid",
            "conversion",
            "owned",
            "sales",
            "assisted",
            "follow-ups",
            "followed-up buyers"));
    table(
        "    silent orders (no agent answered before the order) per shop",
        reader.rows(
            "SELECT shop_id, toString(sum(silent_orders)), toString(sum(silent_paid_orders)),"
                + " toString(sum(silent_sales) - sum(silent_refund_amount))"
                + " FROM shop_silent_daily FINAL GROUP BY shop_id ORDER BY shop_id"),
        List.of("shop", "orders", "paid", "net sales"));
  }

  private static Map<String, String> keyed(List<List<String>> rows) {
    Map<String, String> byKey = new TreeMap<>();
    rows.forEach(r -> byKey.put(r.get(0), r.get(1)));
    return byKey;
  }

  /** Checks that the keys agree, counted over both sides; prints each disagreement. */
  private void checkSame(String what, Map<String, String> expected, Map<String, String> actual) {
    java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    long same = 0;
    for (String key : keys) {
      if (java.util.Objects.equals(expected.get(key), actual.get(key))) {
        same++;
      } else {
        System.out.printf(
            "      ✘ %s: ClickHouse %s, truth %s%n", key, actual.get(key), expected.get(key));
      }
    }
    check(what, keys.size(), same);
  }

  private void qa() throws SQLException {
    System.out.println("\n  Quality inspection (QaJob)");
    java.util.Set<String> uncivil =
        truth.qa().uncivil().stream()
            .map(u -> u.eventId())
            .collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> flagged = new java.util.HashSet<>();
    for (List<String> row : reader.rows("SELECT DISTINCT message_id FROM qa_flags FINAL")) {
      flagged.add(row.get(0));
    }
    long caught = uncivil.stream().filter(flagged::contains).count();
    long falseFlags = flagged.stream().filter(id -> !uncivil.contains(id)).count();
    check("uncivil messages flagged", uncivil.size(), caught);
    check("civil messages flagged", 0, falseFlags);
    table(
        "    flags by role and category",
        reader.rows(
            "SELECT sender_role, category, sum(flags), sum(messages) FROM qa_daily"
                + " GROUP BY sender_role, category ORDER BY sender_role, category"),
        List.of("role", "category", "flags", "messages"));
    table(
        "    newest high-severity flags (masked text)",
        reader.rows(
            "SELECT agent_id, category, severity, matched_text, masked_text FROM qa_flags FINAL"
                + " WHERE severity >= 3 ORDER BY ts_ms DESC LIMIT 5"),
        List.of("agent", "category", "sev", "match", "text"));
  }

  private void ingest() throws SQLException {
    System.out.println("\n  Facts (IngestJob)");
    check(
        "distinct chat messages",
        truth.ingest().chatMessages(),
        reader.count("SELECT count() FROM messages FINAL"));
    check(
        "distinct order events",
        truth.ingest().orderEvents(),
        reader.count("SELECT count() FROM orders FINAL"));
    check(
        "malformed records in dead_letters",
        truth.ingest().malformedTotal(),
        reader.count(
            "SELECT count() FROM dead_letters FINAL WHERE job = 'ingest' AND stage = 'decode'"));
    poison();
    for (var shop : truth.ingest().perShop().entrySet()) {
      check(
          "messages of " + shop.getKey(),
          shop.getValue().chatMessages(),
          reader.count("SELECT count() FROM messages FINAL WHERE shop_id = ?", shop.getKey()));
    }
    System.out.printf(
        "    rows written incl. duplicates and replays after the crash: %,d messages, %,d"
            + " orders (ReplacingMergeTree keeps one per event_id)%n",
        reader.count("SELECT count() FROM messages"), reader.count("SELECT count() FROM orders"));
    table(
        "    dead letters by reason",
        reader.rows(
            "SELECT job, stage, reason, count() FROM dead_letters FINAL"
                + " GROUP BY job, stage, reason ORDER BY job, stage, reason"),
        List.of("job", "stage", "reason", "count"));
    // Every letter made from a record names where it is, so infra/replay.sh can send it again.
    check(
        "dead letters without their Kafka address (sink rows aside)",
        0,
        reader.count(
            "SELECT count() FROM dead_letters FINAL WHERE stage != 'sink'"
                + " AND (source_topic = '' OR source_partition < 0 OR source_offset < 0)"));
    List<List<String>> delay =
        reader.rows(
            "SELECT quantileExact(0.5)(ingested_ms - kafka_ts_ms),"
                + " quantileExact(0.99)(ingested_ms - kafka_ts_ms) FROM messages");
    if (!delay.isEmpty()) {
      System.out.printf(
          "    delay Kafka -> ClickHouse: p50 %s ms, p99 %s ms (a row replayed after the crash"
              + " counts its replay; steady-state figures: infra/bench.sh ingest)%n",
          delay.get(0).get(0), delay.get(0).get(1));
    }
  }

  /**
   * Poison records (they decode but break EventLimits) are dead letters with stage 'invalid' and
   * the truth's reason in every job that reads their topic, never a fact or a figure.
   */
  private void poison() throws SQLException {
    Map<String, List<String>> topicsByJob =
        Map.of(
            "ingest", List.of("chat-messages", "order-events"),
            "service-metrics", List.of("chat-messages"),
            "attribution", List.of("chat-messages", "order-events"),
            "qa", List.of("chat-messages"));
    for (var job : new TreeMap<>(topicsByJob).entrySet()) {
      Map<String, String> expected = new TreeMap<>();
      for (var p : truth.ingest().poisonEvents()) {
        if (job.getValue().contains(p.topic())) {
          expected.merge(p.reason(), "1", (a, b) -> String.valueOf(Long.parseLong(a) + 1));
        }
      }
      Map<String, String> actual =
          keyed(
              reader.rows(
                  "SELECT reason, toString(count()) FROM dead_letters FINAL WHERE job = ?"
                      + " AND stage = 'invalid' GROUP BY reason",
                  job.getKey()));
      checkSame(job.getKey() + ": poison records dead-lettered by reason", expected, actual);
    }
  }

  private void check(String what, long expected, long actual) {
    boolean pass = expected == actual;
    ok &= pass;
    System.out.printf(
        "    %s %-48s %,12d  (expected %,d)%n", pass ? "✔" : "✘", what, actual, expected);
  }

  static void table(String title, List<List<String>> rows, List<String> header) {
    System.out.println(title);
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], String.valueOf(row.get(i)).length());
      }
    }
    printRow(header, widths);
    for (List<String> row : rows) {
      printRow(row, widths);
    }
  }

  private static void printRow(List<String> row, int[] widths) {
    StringBuilder line = new StringBuilder("      ");
    for (int i = 0; i < widths.length; i++) {
      line.append(String.format("%-" + widths[i] + "s  ", row.get(i)));
    }
    System.out.println(line.toString().stripTrailing());
  }
}
