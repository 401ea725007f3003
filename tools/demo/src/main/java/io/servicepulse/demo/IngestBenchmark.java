// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.ingest.IngestJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Benchmark (not a test) of IngestJob on the real local stack. Prints:
 *
 * <ol>
 *   <li>sustained throughput: 1M+ generated events pre-loaded into Kafka, drained by the job into
 *       ClickHouse; events/s overall and per core (parallelism = cores of this machine);
 *   <li>delay: events produced at a steady rate while the job runs; p50/p99/max of ClickHouse
 *       insert time − Kafka append time per row.
 * </ol>
 *
 * Run with infra/bench.sh ingest [--events N] [--rate R].
 */
public final class IngestBenchmark {

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchArgs.parse(args);
    String bootstrap = opts.get("bootstrap-servers");
    String url = opts.get("clickhouse-url");
    long events = Long.parseLong(opts.getOrDefault("events", "1100000"));
    double rate = Double.parseDouble(opts.getOrDefault("rate", "20000"));
    int cores = Runtime.getRuntime().availableProcessors();

    String chatTopic = "bench-chat-messages";
    String orderTopic = "bench-order-events";
    DemoTopics.recreate(bootstrap, List.of(chatTopic, orderTopic, "bench-dead-letters"), cores);
    ClickHouseConnectionFactory clickHouse =
        new ClickHouseConnectionFactory(
            ServicePulseOptions.CLICKHOUSE_DRIVER.defaultValue(), url, "default", "");
    new ClickHouseMigrations(clickHouse).recreate();

    System.out.printf("Generating ~%,d events...%n", events);
    GeneratedStream backlog =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(1)
                .approximateEvents(events)
                .chatTopic(chatTopic)
                .orderTopic(orderTopic)
                .build());
    GroundTruth truth = backlog.truth();
    long expectedRows = truth.ingest().chatMessages() + truth.ingest().orderEvents();
    try (KafkaEventWriter writer = new KafkaEventWriter(bootstrap)) {
      var result = writer.write(backlog, backlog.size(), 0, (s, a, t, r) -> {});
      System.out.printf(
          "Pre-loaded %,d records into Kafka in %.1f s%n",
          result.records(), result.elapsed().toMillis() / 1000.0);
    }

    JobConfig config =
        JobConfig.of(
            Map.of(
                "kafka.bootstrap-servers", bootstrap,
                "kafka.chat-topic", chatTopic,
                "kafka.order-topic", orderTopic,
                "kafka.dead-letter-topic", "bench-dead-letters",
                "clickhouse.url", url,
                "job.parallelism", String.valueOf(cores)));
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    IngestJob.wire(env, config);
    JobClient job = env.executeAsync("ingest benchmark");
    try (ClickHouseReader reader = new ClickHouseReader(clickHouse)) {
      String rows = "SELECT (SELECT count() FROM messages) + (SELECT count() FROM orders)";
      waitFor(reader, rows, 1, Duration.ofMinutes(3));
      long firstRow = System.nanoTime();
      long done = waitFor(reader, rows, expectedRows, Duration.ofMinutes(20));
      double seconds = (done - firstRow) / 1e9;
      long input = backlog.size();
      System.out.printf(
          "%nThroughput: %,d Kafka records (%,d facts) in %.1f s = %,.0f events/s on %d cores"
              + " = %,.0f events/s per core%n",
          input, expectedRows, seconds, input / seconds, cores, input / seconds / cores);

      System.out.printf("%nDelay phase: producing at %,.0f events/s for ~30 s...%n", rate);
      GeneratedStream live =
          EventGenerator.generate(
              GeneratorConfig.builder()
                  .seed(2)
                  .approximateEvents((long) (rate * 30))
                  .chatTopic(chatTopic)
                  .orderTopic(orderTopic)
                  .noFaults()
                  .build());
      long liveStart = Instant.now().toEpochMilli();
      long liveRows = live.truth().ingest().chatMessages() + live.truth().ingest().orderEvents();
      try (KafkaEventWriter writer = new KafkaEventWriter(bootstrap)) {
        writer.write(live, live.size(), rate, (s, a, t, r) -> {});
      }
      waitFor(reader, rows, expectedRows + liveRows, Duration.ofMinutes(5));
      List<String> q =
          reader
              .rows(
                  "SELECT count(), quantileExact(0.5)(d), quantileExact(0.99)(d), max(d) FROM"
                      + " (SELECT ingested_ms - kafka_ts_ms AS d FROM messages"
                      + " WHERE kafka_ts_ms >= toInt64(?))",
                  String.valueOf(liveStart))
              .get(0);
      System.out.printf(
          "Delay event -> ClickHouse over %s rows: p50 %s ms, p99 %s ms, max %s ms"
              + " (flush interval %s)%n",
          q.get(0),
          q.get(1),
          q.get(2),
          q.get(3),
          org.apache.flink.util.TimeUtils.formatWithHighestUnit(
              config.get(ServicePulseOptions.CLICKHOUSE_FLUSH_INTERVAL)));
    } finally {
      job.cancel().get();
    }
    System.exit(0);
  }

  private static long waitFor(ClickHouseReader reader, String sql, long atLeast, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (reader.count(sql) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + atLeast + " rows: " + sql);
      }
      Thread.sleep(100);
    }
    return System.nanoTime();
  }
}
