// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.review.auth.Account;
import io.servicepulse.review.auth.Role;
import io.servicepulse.review.queue.QueueFilter;
import io.servicepulse.review.queue.QueueItem;
import io.servicepulse.review.queue.QueuePage;
import io.servicepulse.review.store.ReviewStore;
import io.servicepulse.review.web.Forms;
import io.servicepulse.review.web.HttpError;
import io.servicepulse.stack.LocalStackExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue read from ClickHouse 18.16 (store/QueueQuery): on a small set it shows, for every
 * filter and kind of account, exactly the page the in-memory reference ({@link QueuePage#of} over
 * every flag) shows; on a shop with a million flags it pages, orders and counts in the server;
 * flags retracted by re-inspection are not in the queue, while their message page and verdicts
 * stay.
 */
class ReviewQueueSqlITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** 2026-03-02 10:00 Asia/Shanghai. */
  private static final long T0 = Instant.parse("2026-03-02T02:00:00Z").toEpochMilli();

  private static final int BIG_FLAGS = 1_000_000;
  private static final int BIG_MESSAGES = 400_000;

  private static ReviewStore store;
  private static ReviewConsole console;

  private static final Account REVIEWER =
      new Account("rev", Role.REVIEWER, Set.of("shop-a", "shop-b"), "", false);
  private static final Account AGENT_1 =
      new Account("agent1", Role.AGENT, Set.of("shop-a"), "agent-1", false);
  private static final Account MANAGER_B =
      new Account("mgr", Role.MANAGER, Set.of("shop-b"), "", false);
  private static final Account BIG =
      new Account("big", Role.QA_LEAD, Set.of("shop-big"), "", false);

  @BeforeAll
  static void seed() throws Exception {
    store = ReviewMain.migratedStore(StackConfigs.forClickHouse(STACK, Map.of()));
    ReviewSettings settings =
        ReviewSettings.parse(new String[] {"--review.port", "0"}, Map.of()).settings();
    console = new ReviewConsole(store, settings, Clock.systemUTC());
    seedSmall();
    seedBig();
  }

  // ---- the same page as the in-memory reference ----------------------------------------------

  @Test
  void everyFilterShowsThePageTheReferenceShows() throws Exception {
    List<Map<String, String>> filters =
        List.of(
            Map.of(),
            Map.of("tab", "buyer"),
            Map.of("shop", "shop-b"),
            Map.of("team", "t2"),
            Map.of("agent", "agent-2"),
            Map.of("category", "INSULT"),
            Map.of("category", "THREAT"), // only as a reviewer's correction
            Map.of("rule", "zh.profanity.sb"),
            Map.of("severity", "3"),
            Map.of("severity", "1"), // an override lowered one to 1
            Map.of("from", "2026-03-03"),
            Map.of("to", "2026-03-02"),
            Map.of("from", "2026-03-02", "to", "2026-03-02"),
            Map.of("status", "unreviewed"),
            Map.of("status", "reviewed"),
            Map.of("assignee", "rev"),
            Map.of("buyer", "buyer-2"),
            Map.of("q", "笨蛋"),
            Map.of("q", "HELLO"), // case-insensitive
            Map.of("q", "x' OR 1=1 --"),
            Map.of("shop", "shop-a", "status", "unreviewed", "severity", "2"),
            Map.of("tab", "buyer", "shop", "shop-a", "category", "PROFANITY"));
    int compared = 0;
    for (Account account : List.of(REVIEWER, AGENT_1, MANAGER_B)) {
      for (Map<String, String> params : filters) {
        QueueFilter filter = QueueFilter.fromParams(params);
        QueuePage expected = QueuePage.of(console.visibleItems(account), filter, ZONE, 200);
        QueuePage actual = store.queuePage(ReviewConsole.scope(account), filter, ZONE, 0, 200);
        String where = account.username() + " " + params;
        assertThat(ids(actual.shown())).as(where).isEqualTo(ids(expected.shown()));
        assertThat(actual.shown()).as(where).isEqualTo(expected.shown());
        assertThat(actual.hiddenByFilters()).as(where).isEqualTo(expected.hiddenByFilters());
        assertThat(actual.tabTotal()).as(where).isEqualTo(expected.tabTotal());
        assertThat(actual.otherTabTotal()).as(where).isEqualTo(expected.otherTabTotal());
        assertThat(actual.beyondLimit()).as(where).isEqualTo(expected.beyondLimit());
        compared += actual.shown().size();
      }
    }
    assertThat(compared).as("the filters show something to compare").isGreaterThan(40);
  }

  @Test
  void aSmallPageSizeGivesTheReferenceOrderPageByPage() throws Exception {
    QueueFilter all = QueueFilter.fromParams(Map.of());
    List<QueueItem> expected =
        QueuePage.of(console.visibleItems(REVIEWER), all, ZONE, 1_000).shown();
    List<QueueItem> paged = new ArrayList<>();
    QueuePage page;
    int n = 0;
    do {
      page = store.queuePage(ReviewConsole.scope(REVIEWER), all, ZONE, n++, 2);
      paged.addAll(page.shown());
    } while (page.beyondLimit() > 0);
    assertThat(ids(paged)).isEqualTo(ids(expected));
    assertThat(page.pages()).isEqualTo(n);
  }

  // ---- tombstones ------------------------------------------------------------------------

  @Test
  void aRetractedMessageLeavesTheQueueButItsPageAndVerdictStay() throws Exception {
    QueuePage page =
        store.queuePage(
            ReviewConsole.scope(REVIEWER), QueueFilter.fromParams(Map.of()), ZONE, 0, 200);
    assertThat(ids(page.shown())).doesNotContain("m-retracted").contains("m-partly");
    QueueItem partly =
        page.shown().stream()
            .filter(i -> i.messageId().equals("m-partly"))
            .findFirst()
            .orElseThrow();
    assertThat(partly.rules()).containsExactly("zh.insult.stupid");
    assertThat(console.visibleItems(REVIEWER)).noneMatch(i -> i.messageId().equals("m-retracted"));

    String html = console.message(REVIEWER, "csrf", "m-retracted", null, false);
    assertThat(html).contains("已撤回").contains("旧词表误报").doesNotContain("verdict-form");
    // Confirmed before it was retracted: no deduction now, as on the scorecard.
    assertThat(html).contains("<dd id=\"deduction\">0</dd>");
    // The scorecard: agent-2's confirmed m-06 (THREAT after correction, 10 points); agent-1's only
    // confirmed message is the retracted one, so agent-1 has no row.
    assertThat(console.scores(REVIEWER, "csrf", Map.of()))
        .contains("<td>agent-2</td><td>1</td><td>10</td>")
        .doesNotContain("<td>agent-1</td>");
    assertThatThrownBy(
            () ->
                console.recordVerdict(
                    REVIEWER, "m-retracted", Forms.verdict("confirm", "", "", "again"), "test"))
        .isInstanceOf(HttpError.class)
        .satisfies(e -> assertThat(((HttpError) e).status()).isEqualTo(409));
    assertThat(console.precision(REVIEWER, "csrf")).doesNotContain("zh.insult.old");
  }

  // ---- a million flags ---------------------------------------------------------------------

  @Test
  void aShopWithAMillionFlagsIsPagedOrderedAndCountedInClickHouse() throws Exception {
    QueueFilter all = QueueFilter.fromParams(Map.of());
    long started = System.nanoTime();
    QueuePage first = store.queuePage(ReviewConsole.scope(BIG), all, ZONE, 0, 200);
    long firstMs = (System.nanoTime() - started) / 1_000_000;
    long agentMessages = BIG_MESSAGES - BIG_MESSAGES / 5;
    assertThat(first.tabTotal()).isEqualTo(agentMessages);
    assertThat(first.otherTabTotal()).isEqualTo(BIG_MESSAGES / 5);
    assertThat(first.hiddenByFilters()).isZero();
    assertThat(first.shown()).hasSize(200).allMatch(i -> !i.reviewed() && i.severity() == 3);
    assertOrdered(first.shown());

    QueuePage second = store.queuePage(ReviewConsole.scope(BIG), all, ZONE, 1, 200);
    assertThat(ids(second.shown())).doesNotContainAnyElementsOf(ids(first.shown()));
    assertOrdered(concat(first.shown(), second.shown()));
    assertThat(second.beyondLimit()).isEqualTo(agentMessages - 400);

    // The last page: reviewed messages, after every unreviewed one.
    int last = first.pages() - 1;
    QueuePage end = store.queuePage(ReviewConsole.scope(BIG), all, ZONE, last, 200);
    assertThat(end.shown()).isNotEmpty().allMatch(QueueItem::reviewed);
    assertThat(end.beyondLimit()).isZero();

    QueueFilter narrow =
        QueueFilter.fromParams(Map.of("agent", "a3", "severity", "2", "status", "unreviewed"));
    QueuePage filtered = store.queuePage(ReviewConsole.scope(BIG), narrow, ZONE, 0, 200);
    long expected =
        count(
            "SELECT count() FROM (SELECT message_id, max(severity) AS s FROM qa_flags FINAL"
                + " WHERE shop_id = 'shop-big' AND agent_id = 'a3' AND sender_role != 'BUYER'"
                + " AND retracted = 0 GROUP BY message_id) WHERE s = 2 AND message_id NOT IN"
                + " (SELECT message_id FROM qa_verdicts WHERE shop_id = 'shop-big')");
    assertThat(expected).isPositive();
    assertThat(filtered.matching()).isEqualTo(expected);
    assertThat(filtered.hiddenByFilters()).isEqualTo(agentMessages - expected);
    assertThat(filtered.shown())
        .hasSize((int) Math.min(200, expected))
        .allMatch(i -> i.agentId().equals("a3") && i.severity() == 2 && !i.reviewed());

    started = System.nanoTime();
    String html = console.queue(BIG, "csrf", Map.of("page", "3", "severity", "3"));
    long htmlMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(html).contains("第 3 / ").contains("下一页 Next").contains("上一页 Previous");
    System.out.printf(
        "queue of %d flags (%d messages): first page %d ms, a filtered HTML page %d ms%n",
        BIG_FLAGS, BIG_MESSAGES, firstMs, htmlMs);
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static void assertOrdered(List<QueueItem> items) {
    for (int i = 1; i < items.size(); i++) {
      QueueItem a = items.get(i - 1);
      QueueItem b = items.get(i);
      int cmp = io.servicepulse.review.queue.QueueOrder.ORDER.compare(a, b);
      assertThat(cmp).as("%s before %s", a.messageId(), b.messageId()).isNegative();
    }
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> ids(List<QueueItem> items) {
    return items.stream().map(QueueItem::messageId).toList();
  }

  private static long count(String sql) {
    return Long.parseLong(STACK.queryClickHouse(sql).get(0).get(0));
  }

  private static void seedSmall() {
    List<String> flags = new ArrayList<>();
    // shop-a: agents 1 and 2 (teams t1, t2), buyers 1-3; both tabs; several rules on some.
    // message|rule|shop|team|agent|buyer|role|minutes after T0|category|severity|masked text
    List<String> rows =
        List.of(
            "m-01|zh.insult.stupid|shop-a|t1|agent-1|buyer-1|AGENT|0|INSULT|2|你是笨蛋吗",
            "m-01|zh.profanity.sb|shop-a|t1|agent-1|buyer-1|AGENT|0|PROFANITY|3|你是笨蛋吗",
            "m-02|zh.impatience.ask|shop-a|t2|agent-2|buyer-2|AGENT|5|IMPATIENCE|1|自己不会看吗",
            "m-03|zh.profanity.sb|shop-a|t1|agent-1|buyer-1|BUYER|7|PROFANITY|2|sb客服",
            "m-04|en.insult.idiot|shop-a|t1|agent-1|buyer-3|AGENT|1500|INSULT|2|Hello idiot",
            "m-05|zh.offplatform.id|shop-a|t2|agent-2|buyer-2|BOT|1600|OFF_PLATFORM|3|加我微信 <b>x</b>",
            "m-06|zh.insult.stupid|shop-a|t2|agent-2|buyer-3|AGENT|20|INSULT|2|笨蛋",
            "m-07|zh.insult.stupid|shop-a|t1|agent-1|buyer-2|AGENT|30|INSULT|2|真笨蛋",
            "m-08|zh.profanity.sb|shop-a|t1||buyer-4|BUYER|40|PROFANITY|3|sb",
            "m-09|zh.insult.stupid|shop-b|t9|agent-9|buyer-9|AGENT|10|INSULT|3|笨蛋",
            "m-10|zh.threat.kill|shop-b|t9|agent-9|buyer-9|AGENT|2000|THREAT|3|弄死你",
            "m-11|zh.insult.stupid|shop-c|t1|agent-1|buyer-1|AGENT|0|INSULT|3|另一个店",
            "m-partly|zh.insult.stupid|shop-a|t1|agent-1|buyer-1|AGENT|60|INSULT|2|笨 旧词");
    for (String r : rows) {
      flags.add(flag(r, 0, 1));
    }
    // m-retracted: its one flag, then a tombstone; m-partly: one of its two rules retracted.
    for (String stale :
        List.of(
            "m-retracted|zh.insult.old|shop-a|t1|agent-1|buyer-1|AGENT|50|INSULT|3|旧词",
            "m-partly|zh.insult.old|shop-a|t1|agent-1|buyer-1|AGENT|60|INSULT|3|笨 旧词")) {
      flags.add(flag(stale, 0, 1));
      flags.add(flag(stale, 1, 2));
    }
    STACK.executeClickHouse(
        "INSERT INTO qa_flags (message_id, rule_id, platform, shop_id, team_id, agent_id, buyer_id,"
            + " conversation_id, sender_role, ts_ms, day, category, severity, mitigation, language,"
            + " span_start, span_end, matched_text, masked_text, inspector_version, inspected_ms,"
            + " retracted) VALUES "
            + String.join(", ", flags));
    STACK.executeClickHouse(
        "INSERT INTO messages (event_id, platform, shop_id, team_id, agent_id, buyer_id,"
            + " sender_role, text, conversation_id, ts_ms, kafka_ts_ms, ingested_ms) VALUES"
            + " ('m-retracted', 'taobao', 'shop-a', 't1', 'agent-1', 'buyer-1', 'AGENT', '旧词',"
            + " 'c1', "
            + (T0 + 50 * 60_000L)
            + ", 0, 1)");
    // Verdicts: two on m-01 (the later, an unsure with severity override 1, wins), a confirm
    // with a category correction to THREAT on m-06, a false alarm on m-04 (shop-b's m-09 too), a
    // verdict on the retracted message.
    STACK.executeClickHouse(
        "INSERT INTO qa_verdicts (verdict_id, message_id, shop_id, agent_id, kind, decision,"
            + " severity_override, category_correction, comment, reviewer, appeal_id, audit,"
            + " decided_ms) VALUES "
            + "('v-1', 'm-01', 'shop-a', 'agent-1', 'verdict', 'confirm', 0, '', 'a', 'rev', '',"
            + " 'x', 1000), "
            + "('v-2', 'm-01', 'shop-a', 'agent-1', 'verdict', 'unsure', 1, '', 'b', 'lead', '',"
            + " 'x', 2000), "
            + "('v-3', 'm-06', 'shop-a', 'agent-2', 'verdict', 'confirm', 0, 'THREAT', 'c',"
            + " 'rev', '', 'x', 3000), "
            + "('v-4', 'm-04', 'shop-a', 'agent-1', 'verdict', 'false_alarm', 0, '', 'd', 'rev',"
            + " '', 'x', 4000), "
            + "('v-5', 'm-09', 'shop-b', 'agent-9', 'verdict', 'false_alarm', 0, '', 'e', 'rev',"
            + " '', 'x', 5000), "
            + "('v-6', 'm-retracted', 'shop-a', 'agent-1', 'verdict', 'false_alarm', 0, '',"
            + " '旧词表误报', 'rev', '', 'x', 6000), "
            + "('v-7', 'm-retracted', 'shop-a', 'agent-1', 'verdict', 'confirm', 0, '',"
            + " '确认', 'lead', '', 'x', 7000)");
    STACK.executeClickHouse(
        "INSERT INTO qa_assignments (message_id, shop_id, assignee, assigned_by, assigned_ms)"
            + " VALUES ('m-07', 'shop-a', 'lead', 'lead', 1), ('m-07', 'shop-a', 'rev', 'lead', 2),"
            + " ('m-02', 'shop-a', 'rev', 'rev', 1), ('m-05', 'shop-a', '', 'lead', 1)");
  }

  private static String flag(String row, int retracted, long inspectedMs) {
    String[] r = row.split("\\|", -1);
    long ts = T0 + Long.parseLong(r[7]) * 60_000L;
    String day = Instant.ofEpochMilli(ts).atZone(ZONE).toLocalDate().toString();
    return "('"
        + r[0]
        + "', '"
        + r[1]
        + "', 'taobao', '"
        + r[2]
        + "', '"
        + r[3]
        + "', '"
        + r[4]
        + "', '"
        + r[5]
        + "', 'c1', '"
        + r[6]
        + "', "
        + ts
        + ", '"
        + day
        + "', '"
        + r[8]
        + "', "
        + r[9]
        + ", 'NONE', 'zh', 0, 1, 'x', '"
        + r[10]
        + "', 'v1', "
        + inspectedMs
        + ", "
        + retracted
        + ")";
  }

  /**
   * shop-big: {@value #BIG_FLAGS} flags on {@value #BIG_MESSAGES} messages (one to three rules
   * each; every fifth a buyer's), seven agents, severities 1-3, and a verdict on every tenth
   * message, generated by the server.
   */
  private static void seedBig() {
    STACK.executeClickHouse(
        "INSERT INTO qa_flags (message_id, rule_id, platform, shop_id, team_id, agent_id, buyer_id,"
            + " conversation_id, sender_role, ts_ms, day, category, severity, mitigation, language,"
            + " span_start, span_end, matched_text, masked_text, inspector_version, inspected_ms)"
            + " SELECT concat('big-', toString(m)), concat('rule.', toString(r)), 'taobao',"
            + " 'shop-big', 't1', concat('a', toString(m % 7)), concat('b', toString(m % 9973)),"
            + " 'c', if(m % 5 = 0, 'BUYER', 'AGENT'), "
            + T0
            + " + m * 1000, toDate('2026-03-02'), ['INSULT', 'PROFANITY', 'THREAT'][r + 1],"
            + " 1 + (m + r) % 3, 'NONE', 'zh', 0, 1, 'x', concat('text ', toString(m)), 'v1', 1"
            + " FROM (SELECT number % "
            + BIG_MESSAGES
            + " AS m, intDiv(number, "
            + BIG_MESSAGES
            + ") AS r FROM numbers("
            + BIG_FLAGS
            + "))");
    STACK.executeClickHouse(
        "INSERT INTO qa_verdicts (verdict_id, message_id, shop_id, agent_id, kind, decision,"
            + " severity_override, category_correction, comment, reviewer, appeal_id, audit,"
            + " decided_ms) SELECT concat('bv-', toString(number)), concat('big-', toString(number"
            + " * 10 + 1)), 'shop-big', '', 'verdict', 'confirm', 0, '', '', 'big', '', '', number + 1"
            + " FROM numbers("
            + BIG_MESSAGES / 10
            + ")");
  }
}
