// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.bench;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.generator.LiveChats;
import io.servicepulse.metrics.ServiceMetricsJob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Benchmark (not a test) of ServiceMetricsJob on a running local stack ({@code infra/stack.sh
 * start}). Prints:
 *
 * <ol>
 *   <li>throughput: generated chat messages pre-loaded into Kafka and drained by the job (bounded
 *       source, parallelism = cores) into ClickHouse; chat events/s overall and per core;
 *   <li>delay: live conversations produced at a steady rate with event time = send time; p50, p99
 *       and max of (ClickHouse insert time − event time of the message that decided the turn);
 *   <li>state: bytes of tracker state (messages, emitted facts, timers) per buyer with state.
 * </ol>
 *
 * See jobs/metrics/README.md for the command.
 */
public final class ServiceMetricsBenchmark {

  private ServiceMetricsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    String bootstrap = opts.get("bootstrap-servers");
    String url = opts.get("clickhouse-url");
    long events = Long.parseLong(opts.getOrDefault("events", "1000000"));
    double rate = Double.parseDouble(opts.getOrDefault("rate", "5000"));
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "40"));
    String outOfOrderness = opts.getOrDefault("out-of-orderness", "30 s");
    int cores = Runtime.getRuntime().availableProcessors();
    Set<String> phases = Set.of(opts.getOrDefault("phases", "throughput,delay,state").split(","));

    ClickHouseConnectionFactory clickHouse =
        new ClickHouseConnectionFactory(
            ServicePulseOptions.CLICKHOUSE_DRIVER.defaultValue(), url, "default", "");
    Map<String, String> base = new HashMap<>();
    base.put("kafka.bootstrap-servers", bootstrap);
    base.put("kafka.dead-letter-topic", "bench-metrics-dead-letters");
    base.put("clickhouse.url", url);
    base.put("job.parallelism", String.valueOf(cores));
    // Not the JobManager's memory (5 MB per task): the minute rows of a backlog outgrow it.
    base.put(
        "job.checkpoint-dir",
        java.nio.file.Files.createTempDirectory("bench-metrics-checkpoints").toUri().toString());

    if (phases.contains("throughput")) {
      new ClickHouseMigrations(clickHouse).recreate();
      throughput(bootstrap, base, events, cores);
    }
    if (phases.contains("delay")) {
      new ClickHouseMigrations(clickHouse).recreate();
      delay(bootstrap, base, clickHouse, rate, seconds, outOfOrderness);
    }
    if (phases.contains("state")) {
      StateSize.print();
    }
    System.exit(0);
  }

  private static void throughput(String bootstrap, Map<String, String> base, long events, int cores)
      throws Exception {
    String topic = recreateTopic(bootstrap, "bench-metrics-chat", cores);
    System.out.printf("Generating ~%,d events...%n", events);
    GeneratedStream backlog =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(1)
                .approximateEvents(events)
                .noFaults()
                .chatTopic(topic)
                .orderTopic("bench-metrics-orders-unused")
                .build());
    List<io.servicepulse.generator.GeneratedRecord> chat = new ArrayList<>();
    backlog.forEach(
        r -> {
          if (r.topic().equals(topic)) {
            chat.add(r);
          }
        });
    try (KafkaEventWriter writer = new KafkaEventWriter(bootstrap)) {
      writer.write(chat, chat.size(), 0, (s, a, t, r) -> {});
    }
    System.out.printf(
        "Pre-loaded %,d chat messages into %s (%d partitions)%n", chat.size(), topic, cores);

    Map<String, String> values = new HashMap<>(base);
    values.put("kafka.chat-topic", topic);
    JobConfig config = JobConfig.of(values);
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    KafkaSource<Decoded<ChatMessage>> source =
        KafkaSources.chatMessages(config, ServiceMetricsJob.NAME)
            .setBounded(OffsetsInitializer.latest())
            .build();
    ServiceMetricsJob.defineWorkflow(
        env,
        source,
        EventTime.chatMessages(config),
        config,
        (turns, minutes, rates, alerts, dead) ->
            ServiceMetricsJob.clickHouse(config, turns, minutes, rates, alerts, dead));
    long start = System.nanoTime();
    env.execute("service metrics throughput benchmark");
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%nThroughput: %,d chat events in %.1f s (job start to last ClickHouse flush) = %,.0f"
            + " events/s on %d cores = %,.0f events/s per core%n",
        chat.size(), secs, chat.size() / secs, cores, chat.size() / secs / cores);
  }

  private static void delay(
      String bootstrap,
      Map<String, String> base,
      ClickHouseConnectionFactory clickHouse,
      double rate,
      int seconds,
      String outOfOrderness)
      throws Exception {
    String topic = recreateTopic(bootstrap, "bench-metrics-live", 2);
    Map<String, String> values = new HashMap<>(base);
    values.put("kafka.chat-topic", topic);
    values.put("events.max-out-of-orderness", outOfOrderness);
    JobConfig config = JobConfig.of(values);
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    ServiceMetricsJob.wire(env, config);
    JobClient job = env.executeAsync("service metrics delay benchmark");
    try {
      System.out.printf(
          "%nDelay phase: live chats at %,.0f messages/s for %d s, watermark %s behind...%n",
          rate, seconds, outOfOrderness);
      long sent = new LiveChats(bootstrap, topic).run(rate, seconds);
      long[] last = {-1};
      long deadline = System.currentTimeMillis() + 180_000;
      // The last turns are decided once the watermark passes them; wait until rows stop coming.
      while (System.currentTimeMillis() < deadline) {
        long rows = count(clickHouse, "SELECT count() FROM turns");
        if (rows > 0 && rows == last[0]) {
          break;
        }
        last[0] = rows;
        Thread.sleep(5_000);
      }
      List<String> q =
          query(
              clickHouse,
              "SELECT count(), quantileExact(0.5)(d), quantileExact(0.99)(d), max(d) FROM"
                  + " (SELECT emitted_ms - answer_ms AS d FROM turns FINAL WHERE answered = 1)");
      System.out.printf(
          "Delay event -> ClickHouse (answer ts to turn row insert) over %s turns from %,d"
              + " messages: p50 %s ms, p99 %s ms, max %s ms%n",
          q.get(0), sent, q.get(1), q.get(2), q.get(3));
      // Each alert's first row (WAITING) leaves when its threshold passes, without the watermark.
      List<String> a =
          query(
              clickHouse,
              "SELECT count(), quantileExact(0.5)(d), quantileExact(0.99)(d), max(d) FROM"
                  + " (SELECT min(emitted_ms) - any(turn_start_ms + threshold_ms) AS d"
                  + " FROM wait_alerts WHERE status = 'WAITING' GROUP BY alert_id)");
      System.out.printf(
          "Waiting-buyer alert delay (threshold passed to alert row in ClickHouse) over %s"
              + " alerts: p50 %s ms, p99 %s ms, max %s ms (target p99 <= 2000 ms)%n",
          a.get(0), a.get(1), a.get(2), a.get(3));
    } finally {
      job.cancel().get();
    }
  }

  private static String recreateTopic(String bootstrap, String name, int partitions)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      if (admin.listTopics().names().get().contains(name)) {
        admin.deleteTopics(Set.of(name)).all().get();
        while (admin.listTopics().names().get().contains(name)) {
          Thread.sleep(200);
        }
      }
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
    return name;
  }

  private static long count(ClickHouseConnectionFactory clickHouse, String sql)
      throws SQLException {
    return Long.parseLong(query(clickHouse, sql).get(0));
  }

  private static List<String> query(ClickHouseConnectionFactory clickHouse, String sql)
      throws SQLException {
    try (Connection c = clickHouse.open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.add(rs.getString(i));
      }
      return row;
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return values;
  }
}
