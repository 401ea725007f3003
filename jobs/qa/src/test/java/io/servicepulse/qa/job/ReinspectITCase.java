// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.qa.inspect.TextInspector;
import io.servicepulse.stack.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Re-inspection on the real ClickHouse 18.16 with the shipped inspector: messages stored in {@code
 * messages}, flags of an older inspector in {@code qa_flags} and a verdict on one of them. After
 * {@code reinspect.sh} the flags that no longer fire are retracted by tombstones (hidden from
 * current-flag readers and from {@code qa_daily}), the flags that fire now carry the current
 * version, the verdict stays, and nothing outside the chosen shop and days changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReinspectITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final long T0 = DAY.atTime(10, 0).atZone(ZONE).toInstant().toEpochMilli();
  private static final String OLD = "qa-inspector/1.0.0+lexicon/2025.11.23-1";
  private static final long OLD_MS = T0 + 60_000;
  private static final long FUTURE_MS = System.currentTimeMillis() + 86_400_000L;

  @BeforeAll
  static void seed() throws Exception {
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config())).migrate();
    STACK.executeClickHouse(
        "INSERT INTO messages (event_id, platform, shop_id, team_id, agent_id, buyer_id,"
            + " sender_role, text, conversation_id, ts_ms, kafka_ts_ms, ingested_ms) VALUES "
            + message("m-stale", "shop-r", "AGENT", "亲，您的订单已经发货了，请注意查收", T0)
            + ", "
            + message("m-still", "shop-r", "AGENT", "你是傻逼吧", T0 + 1_000)
            + ", "
            + message("m-new", "shop-r", "BUYER", "你们客服是不是智商欠费", T0 + 2_000)
            + ", "
            + message("m-future", "shop-r", "AGENT", "好的亲，这边马上为您登记补发，明天就能发出", T0 + 3_000)
            + ", "
            + message("m-civil", "shop-r", "AGENT", "亲，感谢您的耐心等待，您的退款已经处理好了，请注意查收", T0 + 4_000)
            + ", "
            + message("m-otherday", "shop-r", "AGENT", "谢谢亲", T0 + 86_400_000L)
            + ", "
            + message("m-othershop", "shop-x", "AGENT", "谢谢亲", T0)
            // 21:00 on 19 November in New York, the shop's own zone.
            + ", "
            + message("m-ny", "shop-ny", "AGENT", "你是傻逼吧", T0));
    STACK.executeClickHouse(
        "INSERT INTO qa_flags (message_id, rule_id, platform, shop_id, team_id, agent_id, buyer_id,"
            + " conversation_id, sender_role, ts_ms, day, category, severity, mitigation, language,"
            + " span_start, span_end, matched_text, masked_text, inspector_version, inspected_ms)"
            + " VALUES "
            + flag("m-stale", "zh.insult.old", "shop-r", T0, DAY, OLD_MS)
            + ", "
            + flag("m-still", "zh.insult.old", "shop-r", T0 + 1_000, DAY, OLD_MS)
            + ", "
            + flag("m-future", "zh.insult.old", "shop-r", T0 + 3_000, DAY, FUTURE_MS)
            + ", "
            + flag("m-notext", "zh.insult.old", "shop-r", T0 + 5_000, DAY, OLD_MS)
            + ", "
            + flag(
                "m-otherday", "zh.insult.old", "shop-r", T0 + 86_400_000L, DAY.plusDays(1), OLD_MS)
            + ", "
            + flag("m-othershop", "zh.insult.old", "shop-x", T0, DAY, OLD_MS));
    STACK.executeClickHouse(
        "INSERT INTO qa_verdicts (verdict_id, message_id, shop_id, agent_id, kind, decision,"
            + " severity_override, category_correction, comment, reviewer, appeal_id, audit,"
            + " decided_ms) VALUES ('v-1', 'm-stale', 'shop-r', 'agent-1', 'verdict',"
            + " 'false_alarm', 0, '', '发货通知不是辱骂', 'rev', '', 'reviewer', "
            + (OLD_MS + 1_000)
            + ")");
  }

  @Test
  @Order(1)
  void aDryRunCountsTheChangesAndWritesNothing() {
    long rowsBefore = rawRows();
    Run run =
        reinspect(
            "--shop", "shop-r", "--from", DAY.toString(), "--to", DAY.toString(), "--dry-run");
    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out).contains("试运行 dry run").contains("撤回 retract m-stale zh.insult.old");
    assertThat(rawRows()).isEqualTo(rowsBefore);
    assertThat(current()).contains("m-stale/zh.insult.old");
  }

  @Test
  @Order(2)
  void flagsThatNoLongerFireAreRetractedAndTheCurrentOnesCarryTheNewVersion() {
    String version = inspectorVersion();
    Run run = reinspect("--shop", "shop-r", "--from", DAY.toString(), "--to", DAY.toString());
    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out)
        .contains("重新质检 re-inspecting with " + version)
        .contains("5 条消息 messages re-inspected")
        .contains("1 条无原文未检查 flags kept, message text not stored");

    Set<String> current = current();
    // The stale flags of civil messages are gone from every current-flag reader...
    assertThat(current)
        .doesNotContain("m-stale/zh.insult.old", "m-future/zh.insult.old", "m-still/zh.insult.old");
    // ...the abusive messages carry what the current inspector raises, with its version...
    assertThat(current.stream().filter(k -> k.startsWith("m-still/"))).isNotEmpty();
    assertThat(current.stream().filter(k -> k.startsWith("m-new/"))).isNotEmpty();
    assertThat(current).noneMatch(k -> k.startsWith("m-civil/"));
    assertThat(
            STACK.queryClickHouse(
                "SELECT DISTINCT inspector_version FROM qa_flags FINAL WHERE shop_id = 'shop-r'"
                    + " AND day = '2026-11-20' AND message_id != 'm-notext'"))
        .containsExactly(List.of(version));
    // ...and what could not be re-inspected, or was not chosen, is untouched.
    assertThat(current)
        .contains(
            "m-notext/zh.insult.old", "m-otherday/zh.insult.old", "m-othershop/zh.insult.old");
    assertThat(
            STACK.queryClickHouse(
                "SELECT count() FROM qa_flags WHERE message_id IN ('m-otherday', 'm-othershop')"))
        .containsExactly(List.of("2"));

    // The tombstone keeps the flag's content, names the inspector that dropped it, and its
    // version is above the row it replaces, even when that row's clock ran ahead.
    List<String> tombstone =
        STACK
            .queryClickHouse(
                "SELECT retracted, category, severity, matched_text, inspector_version,"
                    + " inspected_ms FROM qa_flags FINAL WHERE message_id = 'm-stale'")
            .get(0);
    assertThat(tombstone.subList(0, 5)).containsExactly("1", "INSULT", "2", "旧词", version);
    assertThat(Long.parseLong(tombstone.get(5))).isGreaterThan(OLD_MS);
    assertThat(
            STACK.queryClickHouse(
                "SELECT retracted, inspected_ms FROM qa_flags FINAL WHERE message_id = 'm-future'"))
        .containsExactly(List.of("1", String.valueOf(FUTURE_MS + 1)));

    // The verdict on the retracted flag is still in the audit trail; qa_daily no longer counts it.
    assertThat(
            STACK.queryClickHouse(
                "SELECT decision, comment FROM qa_verdicts FINAL WHERE message_id = 'm-stale'"))
        .containsExactly(List.of("false_alarm", "发货通知不是辱骂"));
    String ofDay = " WHERE shop_id = 'shop-r' AND day = '2026-11-20'";
    assertThat(STACK.queryClickHouse("SELECT sum(flags) FROM qa_daily" + ofDay))
        .isEqualTo(
            STACK.queryClickHouse(
                "SELECT count() FROM qa_flags FINAL" + ofDay + " AND retracted = 0"));
    assertThat(
            STACK.queryClickHouse(
                "SELECT count() FROM qa_daily"
                    + ofDay
                    + " AND category = 'INSULT'"
                    + " AND severity = 2 AND flags >= 3"))
        .containsExactly(List.of("0"));
  }

  @Test
  @Order(3)
  void aSecondRunWritesNothing() {
    long rowsBefore = rawRows();
    Set<String> before = current();
    Run run = reinspect("--shop", "shop-r", "--from", DAY.toString(), "--to", DAY.toString());
    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out)
        .contains("完成 done: 5 条消息 messages re-inspected; 0 条标记写入")
        .contains("; 0 条撤回 flags retracted");
    assertThat(rawRows()).isEqualTo(rowsBefore);
    assertThat(current()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void aFlagThatFiresAgainAfterItsTombstoneIsRestored() {
    // Someone (an older QaJob replaying) writes the stale flag again with a later version: the
    // next re-inspection retracts it again, with a version above that one.
    long later = System.currentTimeMillis() + 3 * 86_400_000L;
    STACK.executeClickHouse(
        "INSERT INTO qa_flags (message_id, rule_id, platform, shop_id, team_id, agent_id, buyer_id,"
            + " conversation_id, sender_role, ts_ms, day, category, severity, mitigation, language,"
            + " span_start, span_end, matched_text, masked_text, inspector_version, inspected_ms)"
            + " VALUES "
            + flag("m-stale", "zh.insult.old", "shop-r", T0, DAY, later));
    assertThat(current()).contains("m-stale/zh.insult.old");
    Run run = reinspect("--shop=shop-r", "--from=" + DAY, "--to=" + DAY);
    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out).contains("; 1 条撤回 flags retracted");
    assertThat(
            STACK.queryClickHouse(
                "SELECT retracted, inspected_ms FROM qa_flags FINAL WHERE message_id = 'm-stale'"))
        .containsExactly(List.of("1", String.valueOf(later + 1)));
  }

  @Test
  @Order(5)
  void badCommandLinesAreUsageErrors() {
    assertThat(reinspect("--from", "2026-11-20", "--to", "2026-11-20").code).isEqualTo(2);
    assertThat(reinspect("--shop", "s", "--from", "2026-11-21", "--to", "2026-11-20").code)
        .isEqualTo(2);
    assertThat(reinspect("--shop", "s", "--from", "20.11.2026", "--to", "2026-11-20").err)
        .contains("--from must be a date");
    assertThat(
            reinspect(
                    "--shop",
                    "s",
                    "--from",
                    "2026-11-20",
                    "--to",
                    "2026-11-20",
                    "--no.such-key",
                    "1")
                .code)
        .isEqualTo(2);
  }

  @Test
  @Order(6)
  void aShopInAnotherZoneIsReinspectedByItsOwnLocalDays() {
    Run shanghaiDay =
        reinspect("--shop", "shop-ny", "--from", DAY.toString(), "--to", DAY.toString());
    assertThat(shanghaiDay.code).as(shanghaiDay.err).isZero();
    assertThat(shanghaiDay.out).doesNotContain("shop-ny " + DAY);

    LocalDate newYorkDay = DAY.minusDays(1);
    Run run =
        reinspect(
            "--shop", "shop-ny", "--from", newYorkDay.toString(), "--to", newYorkDay.toString());
    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out).contains("shop-ny " + newYorkDay + ": 1 条消息 messages re-inspected");
    assertThat(
            STACK.queryClickHouse(
                "SELECT DISTINCT toString(day) FROM qa_flags FINAL WHERE message_id = 'm-ny'"))
        .containsExactly(List.of(newYorkDay.toString()));
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static TextInspector inspector;

  private static synchronized TextInspector inspector() {
    if (inspector == null) {
      inspector = TextInspector.create(null, 1_000, List.of());
    }
    return inspector;
  }

  private static String inspectorVersion() {
    return inspector().version();
  }

  private record Run(int code, String out, String err) {}

  private static Run reinspect(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--clickhouse.url";
    all[args.length + 1] = STACK.clickHouseUrl();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = new HashMap<>();
    env.put("SERVICEPULSE_EVENTS_TIME_ZONE", ZONE.getId());
    env.put("SERVICEPULSE_EVENTS_SHOP_TIME_ZONES", "shop-ny=America/New_York");
    int code =
        Reinspect.run(
            all,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            config -> inspector());
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static io.servicepulse.common.config.JobConfig config() {
    return StackConfigs.forClickHouse(STACK, Map.of());
  }

  /** message/rule of every current (not retracted) flag. */
  private static Set<String> current() {
    return STACK
        .queryClickHouse("SELECT message_id, rule_id FROM qa_flags FINAL WHERE retracted = 0")
        .stream()
        .map(r -> r.get(0) + "/" + r.get(1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static long rawRows() {
    return Long.parseLong(STACK.queryClickHouse("SELECT count() FROM qa_flags").get(0).get(0));
  }

  private static String message(String id, String shop, String role, String text, long tsMs) {
    return "('"
        + id
        + "', 'taobao', '"
        + shop
        + "', 't1', 'agent-1', 'buyer-1', '"
        + role
        + "', '"
        + text
        + "', 'c1', "
        + tsMs
        + ", "
        + tsMs
        + ", "
        + tsMs
        + ")";
  }

  private static String flag(
      String messageId, String rule, String shop, long tsMs, LocalDate day, long inspectedMs) {
    return "('"
        + messageId
        + "', '"
        + rule
        + "', 'taobao', '"
        + shop
        + "', 't1', 'agent-1', 'buyer-1', 'c1', 'AGENT', "
        + tsMs
        + ", '"
        + day
        + "', 'INSULT', 2, 'NONE', 'zh', 0, 2, '旧词', '旧词旧词', '"
        + OLD
        + "', "
        + inspectedMs
        + ")";
  }
}
