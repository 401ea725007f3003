package io.servicepulse.demo;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.generator.GroundTruth;
import java.sql.SQLException;

/**
 * The live progress line: what was produced and what has reached ClickHouse. Rewrites one line on a
 * terminal; prints a line every 5 s otherwise (CI logs).
 */
final class Progress {

  private static final String DEAD_LETTERS =
      "SELECT count() FROM dead_letters WHERE job = 'ingest' AND stage = 'decode'";

  private final ClickHouseReader reader;
  private final GroundTruth truth;
  private final long records;
  private final boolean terminal = System.console() != null;
  private int ticks;

  Progress(ClickHouseConnectionFactory clickHouse, GroundTruth truth, long records) {
    this.reader = new ClickHouseReader(clickHouse);
    this.truth = truth;
    this.records = records;
  }

  void print(long produced) throws SQLException {
    ticks++;
    if (!terminal && ticks % 5 != 0) {
      return;
    }
    String line =
        String.format(
            "  produced %,d/%,d | messages %,d/%,d | orders %,d/%,d | dead letters %,d/%,d",
            produced,
            records,
            reader.count("SELECT count() FROM messages"),
            truth.ingest().chatMessages(),
            reader.count("SELECT count() FROM orders"),
            truth.ingest().orderEvents(),
            reader.count(DEAD_LETTERS),
            truth.ingest().malformedTotal());
    System.out.print(terminal ? "\r" + line + "   " : line + "\n");
    System.out.flush();
  }

  void newLine() {
    if (terminal) {
      System.out.println();
    }
  }

  /** True once ClickHouse holds exactly the expected distinct rows. */
  boolean complete() throws SQLException {
    return reader.count("SELECT count() FROM messages FINAL") == truth.ingest().chatMessages()
        && reader.count("SELECT count() FROM orders FINAL") == truth.ingest().orderEvents()
        && reader.count(DEAD_LETTERS.replace("dead_letters", "dead_letters FINAL"))
            == truth.ingest().malformedTotal()
        && reader.count("SELECT uniqExact(message_id) FROM qa_flags")
            >= truth.qa().uncivil().size();
  }
}
