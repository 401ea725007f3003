// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.housepower.exception.ClickHouseSQLException;
import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchInserterTest {

  private static final ProbeTable PROBE = new ProbeTable("probe");

  @BeforeEach
  void reset() {
    FakeClickHouseDriver.reset();
  }

  private static BatchInserter inserter(int maxRetries) {
    return new BatchInserter(FakeClickHouseDriver.connections(), maxRetries, Duration.ofMillis(1));
  }

  private static List<List<Object>> table(String name) {
    return FakeClickHouseDriver.TABLES.getOrDefault(name, List.of());
  }

  /** A type error on every INSERT that contains the 'unlucky' row. */
  private static SQLException rejectUnlucky(String table, List<List<Object>> rows) {
    boolean bad = rows.stream().anyMatch(r -> r.contains("unlucky"));
    return bad ? new ClickHouseSQLException(53, "Type mismatch: 'unlucky' is not in Enum8") : null;
  }

  @Test
  void aMissingTableIsRetriedAndNoRowBecomesADeadLetter() throws Exception {
    AtomicInteger failures = new AtomicInteger(3);
    FakeClickHouseDriver.server =
        (table, rows) ->
            failures.getAndDecrement() > 0
                ? new ClickHouseSQLException(60, "Table servicepulse.probe doesn't exist.")
                : null;

    List<DeadLetter> letters = inserter(5).insert("job", PROBE, ProbeTable.rows(1, 608));

    assertThat(letters).isEmpty();
    assertThat(table("probe")).hasSize(608);
    assertThat(table("dead_letters")).isEmpty();
    assertThat(FakeClickHouseDriver.ATTEMPTS.get("probe")).isEqualTo(4);
  }

  @Test
  void aServerThatKeepsFailingFailsTheFlushAfterMaxRetriesWithoutDeadLetters() {
    FakeClickHouseDriver.server =
        (table, rows) -> new ClickHouseSQLException(252, "Too many parts (300).");

    assertThatThrownBy(() -> inserter(2).insert("job", PROBE, ProbeTable.rows(1, 100)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("insert into probe failed 3 times in one flush")
        .hasMessageContaining("ClickHouse error 252")
        .hasMessageContaining("restarts from its last checkpoint");
    assertThat(FakeClickHouseDriver.ATTEMPTS.get("probe")).isEqualTo(3);
    assertThat(FakeClickHouseDriver.TABLES).isEmpty();
  }

  @Test
  void aValueTheServerRefusesIsIsolatedAndDeadLetteredAndTheRestWritten() throws Exception {
    FakeClickHouseDriver.server = BatchInserterTest::rejectUnlucky;

    SinkMetrics metrics = SinkMetrics.of(UnregisteredMetricsGroup.createSinkWriterMetricGroup());
    List<DeadLetter> letters =
        new BatchInserter(FakeClickHouseDriver.connections(), 0, Duration.ofMillis(1), metrics)
            .insert("job", PROBE, ProbeTable.rows(1, 100));

    assertThat(table("probe")).hasSize(99).noneMatch(r -> r.get(0).equals(13L));
    assertThat(metrics.rowsWritten.getCount()).isEqualTo(99);
    assertThat(metrics.rowsRefused.getCount()).isEqualTo(1);
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.get(0);
    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_SINK);
    assertThat(letter.sourceTopic).isEqualTo("probe");
    assertThat(letter.sourcePartition).isEqualTo(-1);
    assertThat(letter.sourceOffset).isEqualTo(-1);
    assertThat(letter.eventId).isEqualTo("probe-13");
    assertThat(new String(letter.payload)).isEqualTo("13");
    assertThat(letter.error).contains("ClickHouse error 53").contains("unlucky");
    assertThat(table("dead_letters")).hasSize(1);
    assertThat(table("dead_letters").get(0).get(8)).isEqualTo("probe-13");
  }

  /** A fact table: each row is an event, bound as its text. */
  private record EventTable() implements ClickHouseTable<ChatMessage> {
    @Override
    public String name() {
      return "events";
    }

    @Override
    public List<String> columns() {
      return List.of("text");
    }

    @Override
    public void bind(PreparedStatement st, ChatMessage m, long recordTimestamp, long insertTimeMs)
        throws SQLException {
      st.setString(1, m.getText());
    }

    @Override
    public String idOf(ChatMessage m) {
      return m.getEventId();
    }
  }

  @Test
  void aRefusedFactRowIsDeadLetteredWithItsEventInWireFormatSoItCanBeSentAgain() throws Exception {
    FakeClickHouseDriver.server = BatchInserterTest::rejectUnlucky;
    ChatMessage refused = buyerSays(secs(0), "unlucky");

    List<DeadLetter> letters =
        inserter(0)
            .insert(
                "ingest",
                new EventTable(),
                List.of(
                    new BatchInserter.Row<>(buyerSays(secs(1), "在吗"), 0),
                    new BatchInserter.Row<>(refused, 0)));

    assertThat(letters).extracting(l -> l.eventId).containsExactly(refused.getEventId());
    assertThat(EventCodec.chatMessages(ReleasedSchemas.bundled()).decode(letters.get(0).payload))
        .extracting(r -> r.event())
        .isEqualTo(refused);
  }

  @Test
  void aValueTheDriverRefusesWhileBindingIsDeadLetteredWithoutARetry() throws Exception {
    List<DeadLetter> letters =
        inserter(0).insert("job", new ProbeTable("probe", List.of(7L, 8L)), ProbeTable.rows(1, 20));

    assertThat(letters).extracting(l -> l.eventId).containsExactly("probe-7", "probe-8");
    assertThat(letters.get(0).error).contains("IllegalArgumentException: cannot bind 7");
    assertThat(table("probe")).hasSize(18);
    assertThat(table("dead_letters")).hasSize(2);
  }

  @Test
  void aDeadLetterClickHouseRefusesIsCutAndTriedOnceThenFailsTheJob() {
    FakeClickHouseDriver.server =
        (table, rows) ->
            table.equals("dead_letters")
                ? new ClickHouseSQLException(131, "Too large string size.")
                : rejectUnlucky(table, rows);

    assertThatThrownBy(() -> inserter(0).insert("job", PROBE, ProbeTable.rows(1, 100)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ClickHouse refused 1 dead letter(s)")
        .hasMessageContaining("even with payload and error cut to 1 KiB");
    // Once as it is, once cut: no dead letter of a dead letter, no endless isolation.
    assertThat(FakeClickHouseDriver.ATTEMPTS.get("dead_letters")).isEqualTo(2);
  }

  @Test
  void aDeadLetterRefusedForItsSizeIsWrittenCut() throws Exception {
    String huge = "x".repeat(200_000);
    FakeClickHouseDriver.server =
        (table, rows) -> {
          if (table.equals("dead_letters")) {
            boolean big = rows.stream().anyMatch(r -> ((String) r.get(9)).length() > 2_000);
            return big ? new ClickHouseSQLException(131, "Too large string size.") : null;
          }
          return rows.stream().anyMatch(r -> r.contains(huge))
              ? new ClickHouseSQLException(131, "Too large string size.")
              : null;
        };
    ClickHouseTable<String> strings =
        new ClickHouseTable<>() {
          @Override
          public String name() {
            return "texts";
          }

          @Override
          public List<String> columns() {
            return List.of("text");
          }

          @Override
          public void bind(PreparedStatement st, String row, long ts, long now)
              throws SQLException {
            st.setString(1, row);
          }

          @Override
          public String idOf(String row) {
            return "len-" + row.length();
          }
        };

    List<DeadLetter> letters =
        inserter(0)
            .insert(
                "job",
                strings,
                List.of(new BatchInserter.Row<>("a", 0), new BatchInserter.Row<>(huge, 0)));

    assertThat(table("texts")).containsExactly(List.of("a"));
    assertThat(letters).extracting(l -> l.eventId).containsExactly("len-200000");
    List<Object> written = table("dead_letters").get(0);
    assertThat(((String) written.get(9)).length()).isLessThan(2_000);
    assertThat((String) written.get(4)).endsWith("[payload cut to its first 1024 of 200000 bytes]");
  }
}
