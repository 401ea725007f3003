// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.generator.GroundTruth;

/**
 * The live progress line: what was produced and what has reached ClickHouse. Rewrites one line on a
 * terminal; prints a line every 5 s otherwise (CI logs).
 */
final class Progress {

  private static final String DEAD_LETTERS =
      "SELECT count() FROM dead_letters WHERE job = 'ingest' AND stage = 'decode'";

  private final ClickHouseReader reader;
  private final ConsumerLag lag;
  private final GroundTruth truth;
  private final long records;
  private final boolean terminal = System.console() != null;
  private int ticks;

  Progress(
      ClickHouseConnectionFactory clickHouse, ConsumerLag lag, GroundTruth truth, long records) {
    this.reader = new ClickHouseReader(clickHouse);
    this.lag = lag;
    this.truth = truth;
    this.records = records;
  }

  void print(long produced) throws Exception {
    ticks++;
    if (!terminal && ticks % 5 != 0) {
      return;
    }
    String line;
    try {
      line = line(produced);
    } catch (Exception e) {
      // A fault run takes Kafka or ClickHouse down on purpose: say so and keep going.
      line = "  produced " + produced + " | (" + e.getClass().getSimpleName() + ": server down?)";
    }
    System.out.print(terminal ? "\r" + line + "   " : line + "\n");
    System.out.flush();
  }

  private String line(long produced) throws Exception {
    return String.format(
        "  produced %,d/%,d | messages %,d/%,d | orders %,d/%,d | dead letters %,d/%,d"
            + " | turns %,d | lag %s",
        produced,
        records,
        reader.count("SELECT count() FROM messages"),
        truth.ingest().chatMessages(),
        reader.count("SELECT count() FROM orders"),
        truth.ingest().orderEvents(),
        reader.count(DEAD_LETTERS),
        truth.ingest().malformedTotal(),
        reader.count("SELECT count() FROM turns"),
        lagText());
  }

  void newLine() {
    if (terminal) {
      System.out.println();
    }
  }

  /** Records each job has still to read, e.g. "ingest 0, attribution 1,234". */
  private String lagText() throws Exception {
    StringBuilder text = new StringBuilder();
    for (var job : lag.byJob().entrySet()) {
      text.append(text.isEmpty() ? "" : ", ")
          .append(job.getKey())
          .append(String.format(" %,d", job.getValue()));
    }
    return text.toString();
  }

  /**
   * True once ClickHouse holds exactly the expected distinct facts and every job has read and
   * checkpointed the whole stream.
   */
  boolean complete() {
    try {
      return isComplete();
    } catch (Exception e) {
      return false; // a server is down (fault run): not complete yet
    }
  }

  private boolean isComplete() throws Exception {
    return reader.count("SELECT count() FROM messages FINAL") == truth.ingest().chatMessages()
        && reader.count("SELECT count() FROM orders FINAL") == truth.ingest().orderEvents()
        && reader.count(DEAD_LETTERS.replace("dead_letters", "dead_letters FINAL"))
            == truth.ingest().malformedTotal()
        && reader.count("SELECT uniqExact(message_id) FROM qa_flags") >= truth.qa().uncivil().size()
        && lag.caughtUp();
  }
}
