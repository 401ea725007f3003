package io.servicepulse.common.clickhouse;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.stack.LocalStackExtension;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClickHouseSinkITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** A table whose status column accepts only 'ok', so a row can be made to be rejected. */
  record ProbeTable(String name) implements ClickHouseTable<Long> {

    @Override
    public List<String> columns() {
      return List.of("id", "status");
    }

    @Override
    public void bind(PreparedStatement st, Long id, long recordTimestamp, long insertTimeMs)
        throws SQLException {
      st.setLong(1, id);
      st.setString(2, id == 13 ? "unlucky" : "ok");
    }

    @Override
    public String idOf(Long row) {
      return "probe-" + row;
    }
  }

  private static JobConfig config;

  @BeforeAll
  static void schema() throws SQLException {
    config = StackConfigs.forClickHouse(STACK, Map.of("clickhouse.batch-size", "7"));
    var applied = new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    assertThat(applied).isNotEmpty();
    STACK.executeClickHouse(
        "CREATE TABLE probe (id Int64, status Enum8('ok' = 1))"
            + " ENGINE = ReplacingMergeTree ORDER BY id");
  }

  @Test
  void migrationsRunTwiceApplyNothingTheSecondTime() throws SQLException {
    var again = new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    assertThat(again).isEmpty();
    assertThat(STACK.queryClickHouse("SELECT count() FROM schema_migrations FINAL"))
        .isEqualTo(List.of(List.of(String.valueOf(ClickHouseMigrations.bundled().size()))));
  }

  @Test
  void everyRowArrivesAndARejectedRowBecomesADeadLetterWhileTheRestOfItsBatchIsWritten()
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(LongStream.rangeClosed(1, 100).boxed().toList())
        .sinkTo(ClickHouseSink.of("sink-test", new ProbeTable("probe"), config));
    env.execute("sink test");

    assertThat(STACK.queryClickHouse("SELECT count(), sum(id) FROM probe FINAL"))
        .isEqualTo(List.of(List.of("99", String.valueOf(5050 - 13))));
    List<List<String>> letters =
        STACK.queryClickHouse(
            "SELECT job, stage, event_id, reason FROM dead_letters FINAL WHERE job = 'sink-test'");
    assertThat(letters)
        .containsExactly(
            List.of("sink-test", "sink", "probe-13", "rejected by ClickHouse table probe"));
  }

  @Test
  void replayingTheSameRowsCollapsesToOneRowEach() throws Exception {
    STACK.executeClickHouse(
        "CREATE TABLE IF NOT EXISTS replay (id Int64, status Enum8('ok' = 1))"
            + " ENGINE = ReplacingMergeTree ORDER BY id");
    ClickHouseTable<Long> replay = new ProbeTable("replay");
    for (int run = 0; run < 2; run++) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.fromData(LongStream.rangeClosed(20, 40).boxed().toList())
          .sinkTo(ClickHouseSink.of("replay-test", replay, config));
      env.execute("replay " + run);
    }
    pollUntil(
        () ->
            STACK
                .queryClickHouse("SELECT count() FROM replay FINAL")
                .equals(List.of(List.of("21"))),
        Duration.ofSeconds(30),
        "21 distinct rows after two identical runs");
  }

  @Test
  void anUnreachableServerFailsTheJobAfterItsRetriesInsteadOfDroppingRows() {
    JobConfig unreachable =
        JobConfig.of(
            Map.of(
                "clickhouse.url", "jdbc:clickhouse://127.0.0.1:1/default",
                "clickhouse.max-retries", "2",
                "clickhouse.retry-backoff", "10 ms"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.fromData(1L, 2L, 3L)
        .sinkTo(ClickHouseSink.of("down-test", new ProbeTable("probe"), unreachable));

    assertThatThrownBy(() -> env.execute("down"))
        .rootCause()
        .satisfiesAnyOf(
            e -> assertThat(e).hasMessageContaining("unreachable after 3 attempts"),
            e -> assertThat(e).isInstanceOf(java.net.ConnectException.class));
  }
}
