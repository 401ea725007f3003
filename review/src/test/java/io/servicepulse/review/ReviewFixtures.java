// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.review.store.ReviewStore;
import io.servicepulse.stack.LocalStackExtension;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test data of the console's ITCases: two shops, flags on four messages, the conversation of
 * buyer-1 with shop-a (messages, a turn, an order), and one account of each kind, created through
 * the create-user command (the generated passwords are kept here).
 */
final class ReviewFixtures {

  /** 2026-03-02 10:00:00 Asia/Shanghai. */
  static final long T0 = Instant.parse("2026-03-02T02:00:00Z").toEpochMilli();

  /** shop-a, agent-1 to buyer-1: two rules (insult 2, profanity 3), one queue row. */
  static final String M1 = "m-agent1-insult";

  /** shop-a, agent-2: impatience 1. */
  static final String M2 = "m-agent2-impatience";

  /** shop-a, buyer-1 abusing agent-1: profanity 2 (the buyer-abuse tab). */
  static final String M3 = "m-buyer1-abuse";

  /** shop-b, agent-9: insult 3. */
  static final String M9 = "m-shopb-agent9";

  /** username → generated password. */
  final Map<String, String> passwords = new LinkedHashMap<>();

  final ReviewStore store;

  private ReviewFixtures(ReviewStore store) {
    this.store = store;
  }

  static ReviewFixtures seed(LocalStackExtension stack) throws Exception {
    var config = StackConfigs.forClickHouse(stack, Map.of());
    ReviewFixtures fixtures = new ReviewFixtures(ReviewMain.migratedStore(config));
    fixtures.insertData(stack);
    String[] ch = {"--clickhouse.url", stack.clickHouseUrl()};
    fixtures.user(ch, "rev", "reviewer", "shop-a", "");
    fixtures.user(ch, "lead", "qa_lead", "shop-a", "");
    fixtures.user(ch, "mgr", "manager", "shop-a", "");
    fixtures.user(ch, "agent1", "agent", "shop-a", "agent-1");
    fixtures.user(ch, "agent2", "agent", "shop-a", "agent-2");
    fixtures.user(ch, "agent9", "agent", "shop-b", "agent-9");
    fixtures.user(ch, "victim", "reviewer", "shop-a", "");
    return fixtures;
  }

  /** A console on a free port against the test's database. */
  ReviewServer startServer() {
    ReviewSettings settings =
        ReviewSettings.parse(new String[] {"--review.port", "0"}, Map.of()).settings();
    ReviewServer server = new ReviewServer(store, settings, Clock.systemUTC());
    server.start();
    return server;
  }

  private void user(String[] ch, String name, String role, String shops, String agentId)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("--username", name, "--role", role, "--shops", shops, ch[0], ch[1]));
    if (!agentId.isEmpty()) {
      args.addAll(List.of("--agent-id", agentId));
    }
    String line = ReviewMain.createUser(args.toArray(String[]::new), Map.of());
    passwords.put(name, line.substring(line.lastIndexOf("password: ") + "password: ".length()));
  }

  private static void insertData(LocalStackExtension stack) {
    stack.executeClickHouse(
        "INSERT INTO qa_flags (message_id, rule_id, platform, shop_id, team_id, agent_id, buyer_id,"
            + " conversation_id, sender_role, ts_ms, day, category, severity, mitigation, language,"
            + " span_start, span_end, matched_text, masked_text, inspector_version, inspected_ms)"
            + " VALUES "
            + flag(
                M1,
                "zh.insult.stupid",
                "shop-a",
                "agent-1",
                "buyer-1",
                "AGENT",
                T0 + 40_000,
                "INSULT",
                2,
                3,
                5,
                "你是笨蛋吗 <i>x</i>")
            + ", "
            + flag(
                M1,
                "zh.profanity.sb",
                "shop-a",
                "agent-1",
                "buyer-1",
                "AGENT",
                T0 + 40_000,
                "PROFANITY",
                3,
                0,
                2,
                "你是笨蛋吗 <i>x</i>")
            + ", "
            + flag(
                M2,
                "zh.impatience.ask",
                "shop-a",
                "agent-2",
                "buyer-2",
                "AGENT",
                T0,
                "IMPATIENCE",
                1,
                0,
                4,
                "自己不会看吗")
            + ", "
            + flag(
                M3,
                "zh.profanity.sb",
                "shop-a",
                "agent-1",
                "buyer-1",
                "BUYER",
                T0 + 90_000,
                "PROFANITY",
                2,
                0,
                2,
                "sb客服")
            + ", "
            + flag(
                M9,
                "zh.insult.stupid",
                "shop-b",
                "agent-9",
                "buyer-9",
                "AGENT",
                T0,
                "INSULT",
                3,
                0,
                2,
                "笨蛋"));
    stack.executeClickHouse(
        "INSERT INTO messages (event_id, platform, shop_id, team_id, agent_id, buyer_id,"
            + " sender_role, text, conversation_id, ts_ms, kafka_ts_ms, ingested_ms) VALUES "
            + "('q-1', 'taobao', 'shop-a', 't1', '', 'buyer-1', 'BUYER',"
            + " '<b>在吗</b> 发货了吗', 'c1', "
            + T0
            + ", 0, 1), "
            + "('"
            + M1
            + "', 'taobao', 'shop-a', 't1', 'agent-1', 'buyer-1', 'AGENT',"
            + " '你是笨蛋吗 <i>x</i>', 'c1', "
            + (T0 + 40_000)
            + ", 0, 1), "
            + "('"
            + M3
            + "', 'taobao', 'shop-a', 't1', 'agent-1', 'buyer-1', 'BUYER',"
            + " 'sb客服', 'c1', "
            + (T0 + 90_000)
            + ", 0, 1), ('q-2', 'taobao', 'shop-a', 't1', '', 'buyer-1', 'BUYER',"
            + " '两小时后的另一次咨询', 'c2', "
            + (T0 + 7_200_000)
            + ", 0, 1)");
    stack.executeClickHouse(
        "INSERT INTO turns (turn_id, conversation_id, platform, shop_id, team_id, agent_id,"
            + " buyer_id, day, turn_start_ms, answer_ms, response_ms, answered, answered_by_bot,"
            + " first_of_conversation, business_hours, slow, within_n, deleted, version,"
            + " emitted_ms) VALUES ('q-1', 'c1', 'taobao', 'shop-a', 't1', 'agent-1', 'buyer-1',"
            + " '2026-03-02', "
            + T0
            + ", "
            + (T0 + 40_000)
            + ", 40000, 1, 0, 1, 1, 0, 1, 0, 1, 1)");
    stack.executeClickHouse(
        "INSERT INTO agent_conversion_daily (shop_id, team_id, agent_id, day, inquiring_buyers,"
            + " ordered_buyers, paid_next_day_buyers, paid_in_validity_buyers, owned_orders,"
            + " assisted_orders, assisted_follow_ups, owner_paid_orders, owner_sales,"
            + " owner_paying_buyers, refunded_orders, refund_amount, version, inserted_ms) VALUES"
            + " ('shop-a', 't1', 'agent-1', '2026-03-02', 10, 1, 1, 1, 1, 0, 0, 1, 10, 1, 0, 0, 1,"
            + " 1), ('shop-a', 't1', 'agent-2', '2026-03-02', 10, 9, 9, 9, 9, 0, 0, 9, 90, 9, 0, 0,"
            + " 1, 1)");
    stack.executeClickHouse(
        "INSERT INTO orders (event_id, order_id, shop_id, buyer_id, status, amount, currency,"
            + " refund_reason, ts_ms, kafka_ts_ms, ingested_ms) VALUES ('o-1-c', 'order-77',"
            + " 'shop-a', 'buyer-1', 'CREATED', 99.50, 'CNY', '', "
            + (T0 + 60_000)
            + ", 0, 1)");
  }

  private static String flag(
      String messageId,
      String rule,
      String shop,
      String agent,
      String buyer,
      String role,
      long tsMs,
      String category,
      int severity,
      int spanStart,
      int spanEnd,
      String text) {
    return "('"
        + messageId
        + "', '"
        + rule
        + "', 'taobao', '"
        + shop
        + "', 't1', '"
        + agent
        + "', '"
        + buyer
        + "', 'c1', '"
        + role
        + "', "
        + tsMs
        + ", '2026-03-02', '"
        + category
        + "', "
        + severity
        + ", '', 'zh', "
        + spanStart
        + ", "
        + spanEnd
        + ", '', '"
        + text
        + "', 'v1', 1)";
  }
}
