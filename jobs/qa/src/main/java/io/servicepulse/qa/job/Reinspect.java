// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.time.ShopCalendar;
import io.servicepulse.qa.inspect.SenderRole;
import io.servicepulse.qa.inspect.TextInspector;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Re-inspection (重新质检, {@code jobs/qa/reinspect.sh}): after the inspector changed (code, lexicon or
 * model: a new {@link TextInspector#version()}), runs the current inspector over the stored
 * messages ({@code messages FINAL}) of the chosen shops and shop-local days and brings their {@code
 * qa_flags} up to date, one shop-day at a time: the flags that fire now are written with the
 * current version, a stored flag that no longer fires gets a tombstone ({@code retracted = 1}), see
 * {@link Reinspection}. Verdicts, appeals and assignments are keyed by message and never touched: a
 * verdict on a retracted flag stays in its audit trail, and the review queue hides the flag.
 *
 * <p>Flags of a message whose text is not in {@code messages} are left as they are (and counted).
 * Safe to repeat: a second run over the same range writes nothing. Exit code: 0 done (or a dry
 * run), 1 failed (what was written before the failure stays, a rerun completes it), 2 usage error.
 */
public final class Reinspect {

  /** Rows per INSERT. */
  static final int BATCH = 10_000;

  /** Changes listed one per line, at most this many per run (all are counted). */
  static final int LISTED = 50;

  private static final String FLAG_SELECT =
      "SELECT message_id, rule_id, platform, shop_id, team_id, agent_id, buyer_id,"
          + " conversation_id, sender_role, ts_ms, toInt64(day), category, severity, mitigation,"
          + " language, span_start, span_end, matched_text, masked_text, inspector_version,"
          + " inspected_ms, retracted FROM qa_flags FINAL WHERE shop_id = ? AND day = toDate(?)";

  private static final String MESSAGE_SELECT =
      "SELECT event_id, platform, shop_id, team_id, agent_id, buyer_id, conversation_id,"
          + " sender_role, ts_ms, text FROM messages FINAL WHERE shop_id = ? AND ts_ms >= ?"
          + " AND ts_ms < ? ORDER BY ts_ms, event_id";

  /** What one run did (or, dry, would do). */
  public record Totals(
      int messages, int raised, int retracted, int unchanged, int withoutText, int skippedRole) {

    Totals plus(Totals o) {
      return new Totals(
          messages + o.messages,
          raised + o.raised,
          retracted + o.retracted,
          unchanged + o.unchanged,
          withoutText + o.withoutText,
          skippedRole + o.skippedRole);
    }

    String describe() {
      return messages
          + " 条消息 messages re-inspected; "
          + raised
          + " 条标记写入 flags written (new or changed); "
          + retracted
          + " 条撤回 flags retracted (tombstones); "
          + unchanged
          + " 条不变 unchanged; "
          + withoutText
          + " 条无原文未检查 flags kept, message text not stored"
          + (skippedRole > 0 ? "; " + skippedRole + " 条消息角色未知 messages of unknown role" : "");
    }
  }

  private Reinspect() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(
        args,
        env,
        out,
        err,
        config -> {
          String hotlines = config.get(QaOptions.SHOP_HOTLINES);
          return TextInspector.create(
              config.get(QaOptions.MODEL_ROOT),
              config.get(QaOptions.CACHE_SIZE),
              hotlines == null ? List.of() : List.of(hotlines.split(",")));
        });
  }

  /** As {@link #run(String[], Map, PrintStream, PrintStream)} with the inspector given (tests). */
  static int run(
      String[] args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      Function<JobConfig, TextInspector> inspectors) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      out.print(ReinspectOptions.USAGE);
      return 0;
    }
    ReinspectOptions options;
    try {
      options = ReinspectOptions.parse(args, env);
    } catch (ReinspectOptions.UsageException e) {
      err.println("用法错误 usage error: " + e.getMessage());
      err.print(ReinspectOptions.USAGE);
      return 2;
    }
    try {
      ClickHouseConnectionFactory connections = ClickHouseConnectionFactory.from(options.config());
      new ClickHouseMigrations(connections).migrate();
      TextInspector inspector = inspectors.apply(options.config());
      ShopCalendar calendar = options.config().shopCalendar();
      out.println(
          (options.dryRun() ? "试运行，不写入 dry run, nothing written: " : "")
              + "重新质检 re-inspecting with "
              + inspector.version());
      Totals totals = reinspect(connections, inspector, calendar, options, out);
      out.println((options.dryRun() ? "试运行 dry run: " : "完成 done: ") + totals.describe());
      return 0;
    } catch (SQLException e) {
      err.println("ClickHouse 失败 failed: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("重新质检失败 re-inspection failed: " + e);
      return 1;
    }
  }

  static Totals reinspect(
      ClickHouseConnectionFactory connections,
      TextInspector inspector,
      ShopCalendar calendar,
      ReinspectOptions options,
      PrintStream out)
      throws SQLException {
    Totals totals = new Totals(0, 0, 0, 0, 0, 0);
    int[] listed = {0};
    try (Connection connection = connections.open()) {
      for (String shop : options.shops()) {
        for (LocalDate day = options.from(); !day.isAfter(options.to()); day = day.plusDays(1)) {
          Totals ofDay =
              shopDay(connection, inspector, calendar, shop, day, options.dryRun(), out, listed);
          if (ofDay.messages() > 0 || ofDay.withoutText() > 0) {
            out.println(shop + " " + day + ": " + ofDay.describe());
          }
          totals = totals.plus(ofDay);
        }
      }
    }
    if (listed[0] > LISTED) {
      out.println("… 另有 " + (listed[0] - LISTED) + " 条变更未列出 more changes not listed");
    }
    return totals;
  }

  private static Totals shopDay(
      Connection connection,
      TextInspector inspector,
      ShopCalendar calendar,
      String shop,
      LocalDate day,
      boolean dryRun,
      PrintStream out,
      int[] listed)
      throws SQLException {
    Map<String, List<QaFlagRow>> stored = new LinkedHashMap<>();
    for (QaFlagRow row : storedFlags(connection, shop, day)) {
      stored.computeIfAbsent(row.messageId, k -> new ArrayList<>()).add(row);
    }
    List<StoredMessage> messages =
        messages(
            connection,
            shop,
            calendar.startOfDay(shop, day.toEpochDay()),
            calendar.endOfDay(shop, day.toEpochDay()));
    long nowMs = System.currentTimeMillis();
    List<QaFlagRow> writes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int raised = 0;
    int retracted = 0;
    int unchanged = 0;
    int skippedRole = 0;
    int inspected = 0;
    for (StoredMessage message : messages) {
      if (!seen.add(message.eventId())) {
        continue;
      }
      if (!knownRole(message.senderRole())) {
        skippedRole++;
        continue;
      }
      inspected++;
      Reinspection.Plan plan =
          Reinspection.plan(
              stored.getOrDefault(message.eventId(), List.of()),
              message.inspect(inspector, calendar),
              inspector.version(),
              nowMs);
      raised += plan.raised().size();
      retracted += plan.retracted().size();
      unchanged += plan.unchanged();
      for (QaFlagRow row : plan.writes()) {
        if (listed[0]++ < LISTED) {
          out.println(
              "  "
                  + (row.retracted == 1 ? "撤回 retract " : "写入 write   ")
                  + row.messageId
                  + " "
                  + row.ruleId
                  + " "
                  + row.category
                  + "/"
                  + row.severity);
        }
        writes.add(row);
      }
      if (!dryRun && writes.size() >= BATCH) {
        write(connection, writes);
        writes.clear();
      }
    }
    if (!dryRun) {
      write(connection, writes);
    }
    int withoutText = 0;
    for (var e : stored.entrySet()) {
      if (!seen.contains(e.getKey())) {
        withoutText += (int) e.getValue().stream().filter(r -> r.retracted == 0).count();
      }
    }
    return new Totals(inspected, raised, retracted, unchanged, withoutText, skippedRole);
  }

  private static boolean knownRole(String role) {
    try {
      SenderRole.valueOf(role);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<QaFlagRow> storedFlags(Connection connection, String shop, LocalDate day)
      throws SQLException {
    List<QaFlagRow> rows = new ArrayList<>();
    try (PreparedStatement st = connection.prepareStatement(FLAG_SELECT)) {
      st.setString(1, shop);
      st.setString(2, day.toString());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          QaFlagRow r = new QaFlagRow();
          r.messageId = rs.getString(1);
          r.ruleId = rs.getString(2);
          r.platform = rs.getString(3);
          r.shopId = rs.getString(4);
          r.teamId = rs.getString(5);
          r.agentId = rs.getString(6);
          r.buyerId = rs.getString(7);
          r.conversationId = rs.getString(8);
          r.senderRole = rs.getString(9);
          r.tsMs = rs.getLong(10);
          r.day = rs.getLong(11);
          r.category = rs.getString(12);
          r.severity = rs.getInt(13);
          r.mitigation = rs.getString(14);
          r.language = rs.getString(15);
          r.spanStart = rs.getInt(16);
          r.spanEnd = rs.getInt(17);
          r.matchedText = rs.getString(18);
          r.maskedText = rs.getString(19);
          r.inspectorVersion = rs.getString(20);
          r.inspectedMs = rs.getLong(21);
          r.retracted = rs.getInt(22);
          rows.add(r);
        }
      }
    }
    return rows;
  }

  private static List<StoredMessage> messages(
      Connection connection, String shop, long fromMs, long toMs) throws SQLException {
    List<StoredMessage> rows = new ArrayList<>();
    try (PreparedStatement st = connection.prepareStatement(MESSAGE_SELECT)) {
      st.setString(1, shop);
      st.setLong(2, fromMs);
      st.setLong(3, toMs);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new StoredMessage(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getLong(9),
                  rs.getString(10)));
        }
      }
    }
    return rows;
  }

  private static void write(Connection connection, List<QaFlagRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    QaFlagsTable table = new QaFlagsTable();
    long now = System.currentTimeMillis();
    try (PreparedStatement st = connection.prepareStatement(table.insertSql())) {
      for (QaFlagRow row : rows) {
        table.bind(st, row, 0L, now);
        st.addBatch();
      }
      st.executeBatch();
    }
  }
}
