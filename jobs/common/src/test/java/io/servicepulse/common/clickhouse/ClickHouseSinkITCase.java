// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.stack.LocalStackExtension;
import java.net.SocketTimeoutException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
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

  /** A table whose ref column is a UUID; row 5 binds text that is not one. */
  record TypedTable() implements ClickHouseTable<Long> {

    @Override
    public String name() {
      return "typed";
    }

    @Override
    public List<String> columns() {
      return List.of("id", "ref");
    }

    @Override
    public void bind(PreparedStatement st, Long id, long recordTimestamp, long insertTimeMs)
        throws SQLException {
      st.setLong(1, id);
      st.setString(2, id == 5 ? "not-a-uuid" : new UUID(0, id).toString());
    }

    @Override
    public String idOf(Long row) {
      return "typed-" + row;
    }
  }

  private static final String PROBE_DDL =
      " (id Int64, status Enum8('ok' = 1)) ENGINE = ReplacingMergeTree ORDER BY id";

  private static JobConfig config;
  private static String deadLetterTopic;

  @BeforeAll
  static void schema() throws SQLException {
    config = StackConfigs.forStack(STACK, Map.of("clickhouse.batch-size", "7"));
    deadLetterTopic = STACK.createTopic("dead-letters", 1);
    var applied = new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    assertThat(applied).isNotEmpty();
    STACK.executeClickHouse("CREATE TABLE probe" + PROBE_DDL);
  }

  /**
   * The sink's dead letters of {@code job} on the Kafka topic, by key, once there are {@code n}.
   */
  private static Map<String, JsonNode> kafkaDeadLetters(String job, int n) {
    Map<String, JsonNode> letters = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "check-" + job,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(deadLetterTopic));
      pollUntil(
          () -> {
            for (var record : consumer.poll(Duration.ofMillis(200))) {
              JsonNode letter = json.readTree(record.value());
              if (letter.get("job").asText().equals(job)) {
                letters.put(record.key(), letter);
              }
            }
            return letters.size() >= n;
          },
          Duration.ofSeconds(60),
          n + " dead letters of " + job + " on " + deadLetterTopic);
    }
    return letters;
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
    JsonNode onKafka = kafkaDeadLetters("sink-test", 1).values().iterator().next();
    assertThat(onKafka.get("stage").asText()).isEqualTo("sink");
    assertThat(onKafka.get("source_topic").asText()).isEqualTo("probe");
    assertThat(onKafka.get("source_partition").asInt()).isEqualTo(-1);
    assertThat(onKafka.get("source_offset").asLong()).isEqualTo(-1);
    assertThat(onKafka.get("event_id").asText()).isEqualTo("probe-13");
  }

  @Test
  void aTableMissingForSecondsWhileTheServerIsUpDelaysRowsButLosesNone() throws Exception {
    // The messages table was missing for 20 s in production: 260 good rows became dead letters.
    STACK.executeClickHouse("DROP TABLE IF EXISTS missing");
    ExecutorService dba = Executors.newSingleThreadExecutor();
    Future<?> recreated =
        dba.submit(
            () -> {
              // Back only once the sink has failed to insert three times.
              pollUntil(
                  () -> ProbeTable.insertAttempts("missing") >= 4,
                  Duration.ofMinutes(1),
                  "an insert into the missing table retried");
              STACK.executeClickHouse("CREATE TABLE missing" + PROBE_DDL);
              return null;
            });
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(LongStream.rangeClosed(100, 299).boxed().toList())
        .sinkTo(ClickHouseSink.of("missing-test", new ProbeTable("missing"), config));
    env.execute("missing table");
    recreated.get();
    dba.shutdown();

    assertThat(STACK.queryClickHouse("SELECT count(), sum(id) FROM missing FINAL"))
        .isEqualTo(List.of(List.of("200", String.valueOf((100 + 299) * 200 / 2))));
    assertThat(
            STACK.queryClickHouse(
                "SELECT count() FROM dead_letters FINAL WHERE job = 'missing-test'"))
        .isEqualTo(List.of(List.of("0")));
  }

  @Test
  void aValueOfTheWrongTypeIsTheOnlyDeadLetterOfItsBatch() throws Exception {
    STACK.executeClickHouse(
        "CREATE TABLE typed (id Int64, ref UUID) ENGINE = ReplacingMergeTree ORDER BY id");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(LongStream.rangeClosed(1, 20).boxed().toList())
        .sinkTo(ClickHouseSink.of("typed-test", new TypedTable(), config));
    env.execute("typed");

    assertThat(STACK.queryClickHouse("SELECT count(), sum(id) FROM typed FINAL"))
        .isEqualTo(List.of(List.of("19", String.valueOf(210 - 5))));
    assertThat(
            STACK.queryClickHouse(
                "SELECT source_topic, source_partition, source_offset, event_id, payload_base64"
                    + " FROM dead_letters FINAL WHERE job = 'typed-test'"))
        .containsExactly(List.of("typed", "-1", "-1", "typed-5", "NQ=="));
    assertThat(kafkaDeadLetters("typed-test", 1).values())
        .extracting(l -> l.get("event_id").asText())
        .containsExactly("typed-5");
  }

  @Test
  void aFrozenServerFailsTheAttemptAfterTheQueryTimeoutAndTheRetryWritesOnceItThaws()
      throws Exception {
    STACK.executeClickHouse("CREATE TABLE frozen" + PROBE_DDL);
    try (FreezableProxy proxy =
        new FreezableProxy(STACK.clickHouseHost(), STACK.clickHouseTcpPort())) {
      ClickHouseConnectionFactory viaProxy =
          ClickHouseConnectionFactory.from(
              StackConfigs.forClickHouse(
                  STACK,
                  Map.of(
                      "clickhouse.url",
                      "jdbc:clickhouse://127.0.0.1:" + proxy.port() + "/" + STACK.database(),
                      "clickhouse.query-timeout",
                      "1 s",
                      "clickhouse.connect-timeout",
                      "1 s")));
      ProbeTable frozen = new ProbeTable("frozen");
      try (BatchInserter inserter = new BatchInserter(viaProxy, 2, Duration.ofMillis(100))) {
        inserter.insert("frozen-test", frozen, ProbeTable.rows(100, 109));

        proxy.freeze();
        long start = System.nanoTime();
        assertThatThrownBy(() -> inserter.insert("frozen-test", frozen, ProbeTable.rows(110, 119)))
            .hasMessageContaining("failed 3 times in one flush")
            .hasRootCauseInstanceOf(SocketTimeoutException.class);
        // Three attempts of about 1 s each, not the whole freeze.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));

        ScheduledExecutorService thaw = Executors.newSingleThreadScheduledExecutor();
        thaw.schedule(proxy::thaw, 1500, TimeUnit.MILLISECONDS);
        inserter.insert("frozen-test", frozen, ProbeTable.rows(110, 119));
        thaw.shutdown();
      }
    }
    assertThat(STACK.queryClickHouse("SELECT count() FROM frozen FINAL"))
        .isEqualTo(List.of(List.of("20")));
    assertThat(
            STACK.queryClickHouse(
                "SELECT count() FROM dead_letters FINAL WHERE job = 'frozen-test'"))
        .isEqualTo(List.of(List.of("0")));
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
