package io.servicepulse.demo;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.generator.GroundTruth;
import java.sql.SQLException;
import java.util.List;

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
    qa();
    return ok;
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

  private void check(String what, long expected, long actual) {
    boolean pass = expected == actual;
    ok &= pass;
    System.out.printf(
        "    %s %-40s %,12d  (expected %,d)%n", pass ? "✔" : "✘", what, actual, expected);
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
