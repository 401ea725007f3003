// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.attribution.AttributionJob;
import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.ingest.IngestJob;
import io.servicepulse.metrics.ServiceMetricsJob;
import io.servicepulse.qa.job.QaJob;
import io.servicepulse.qa.job.QaOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Benchmark (not a test): on one generated stream pre-loaded in Kafka and the running local stack,
 * the engine floor (Kafka → decode → discard) and then each job in its production wiring (sources
 * bounded at the end offsets, real ClickHouse sinks, parallelism = cores), one after the other in
 * this JVM. Prints per run the events read, the job's net run time, events/s, per core, the JVM's
 * CPU seconds, events per CPU-second, and the ratio to the floor. Run with {@code infra/bench.sh
 * compare [--events N] [--jobs ingest,metrics,attribution,qa]}.
 */
public final class CompareBenchmark {

  private static final String CHAT = "bench-compare-chat-messages";
  private static final String ORDERS = "bench-compare-order-events";
  private static final String DEAD_LETTERS = "bench-compare-dead-letters";

  private CompareBenchmark() {}

  /** One run's figures. */
  record Run(String job, long events, double seconds, double cpuSeconds) {
    double rate() {
      return events / seconds;
    }

    double perCpuSecond() {
      return events / cpuSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchArgs.parse(args);
    String bootstrap = opts.get("bootstrap-servers");
    String url = opts.get("clickhouse-url");
    long approximate = Long.parseLong(opts.getOrDefault("events", "600000"));
    int cores = Runtime.getRuntime().availableProcessors();

    DemoTopics.recreate(bootstrap, List.of(CHAT, ORDERS, DEAD_LETTERS), cores);
    System.out.printf("Generating ~%,d events...%n", approximate);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(7)
                .approximateEvents(approximate)
                .chatTopic(CHAT)
                .orderTopic(ORDERS)
                .noFaults()
                .build());
    long chat = 0;
    long orders = 0;
    for (GeneratedRecord r : stream) {
      if (r.topic().equals(CHAT)) {
        chat++;
      } else {
        orders++;
      }
    }
    try (KafkaEventWriter writer = new KafkaEventWriter(bootstrap)) {
      var written = writer.write(stream, stream.size(), 0, (s, a, t, r) -> {});
      System.out.printf(
          "Pre-loaded %,d chat messages and %,d order events into Kafka (%d partitions) in %.1f"
              + " s%n",
          chat, orders, cores, written.elapsed().toMillis() / 1000.0);
    }

    Map<String, String> values = new HashMap<>();
    values.put("kafka.bootstrap-servers", bootstrap);
    values.put("kafka.chat-topic", CHAT);
    values.put("kafka.order-topic", ORDERS);
    values.put("kafka.dead-letter-topic", DEAD_LETTERS);
    values.put("kafka.stopping-offsets", "latest");
    values.put("clickhouse.url", url);
    values.put("job.parallelism", String.valueOf(cores));
    // The local runtime's default checkpoint storage is the JobManager's memory (5 MB per task).
    values.put(
        "job.checkpoint-dir",
        java.nio.file.Files.createTempDirectory("bench-compare-checkpoints").toUri().toString());
    if (opts.containsKey("qa-model-root")) {
      values.put("qa.model-root", opts.get("qa-model-root"));
    }
    JobConfig config = JobConfig.of(values);
    ClickHouseConnectionFactory clickHouse = ClickHouseConnectionFactory.from(config);

    // The floor always runs: every ratio is to the floor of the same run.
    List<String> jobs =
        List.of(opts.getOrDefault("jobs", "ingest,metrics,attribution,qa").split(","));
    List<Run> runs = new ArrayList<>();
    runs.add(
        run("floor: Kafka → decode → discard", chat + orders, config, clickHouse, Floor::wire));
    if (jobs.contains("ingest")) {
      runs.add(run(IngestJob.NAME, chat + orders, config, clickHouse, IngestJob::wire));
    }
    if (jobs.contains("metrics")) {
      runs.add(run(ServiceMetricsJob.NAME, chat, config, clickHouse, ServiceMetricsJob::wire));
    }
    if (jobs.contains("attribution")) {
      runs.add(run(AttributionJob.NAME, chat + orders, config, clickHouse, AttributionJob::wire));
    }
    if (jobs.contains("qa") && config.get(QaOptions.MODEL_ROOT) != null) {
      runs.add(run(QaJob.NAME, chat, config, clickHouse, QaJob::wire));
    }
    print(runs, cores);
    System.exit(0);
  }

  private static Run run(
      String name,
      long events,
      JobConfig config,
      ClickHouseConnectionFactory clickHouse,
      BiConsumer<StreamExecutionEnvironment, JobConfig> wiring)
      throws Exception {
    new ClickHouseMigrations(clickHouse).recreate();
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    wiring.accept(env, config);
    System.out.printf("%nRunning %s...%n", name);
    long cpuBefore = processCpuNanos();
    JobExecutionResult result = env.execute("compare benchmark: " + name);
    double cpu = (processCpuNanos() - cpuBefore) / 1e9;
    double seconds = result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
    Run run = new Run(name, events, seconds, cpu);
    System.out.printf(
        "  %,d events in %.1f s = %,.0f events/s, %.1f CPU-s of this JVM%n",
        events, seconds, run.rate(), cpu);
    return run;
  }

  private static void print(List<Run> runs, int cores) {
    Run floor = runs.get(0);
    System.out.printf(
        "%nOne stream, one machine (%d cores; Kafka and ClickHouse run on it too), %s%n",
        cores, java.time.LocalDate.now());
    System.out.printf(
        "%-34s %10s %8s %12s %12s %8s %12s %8s %8s%n",
        "run", "events", "s", "events/s", "per core", "CPU-s", "per CPU-s", "÷ floor", "(CPU)");
    for (Run r : runs) {
      System.out.printf(
          "%-34s %,10d %8.1f %,12.0f %,12.0f %8.1f %,12.0f %8.2f %8.2f%n",
          r.job(),
          r.events(),
          r.seconds(),
          r.rate(),
          r.rate() / cores,
          r.cpuSeconds(),
          r.perCpuSecond(),
          r.rate() / floor.rate(),
          r.perCpuSecond() / floor.perCpuSecond());
    }
    System.out.println(
        "÷ floor: events/s over the floor's; (CPU): events per CPU-second of this JVM over the"
            + " floor's, steadier when other processes share the cores.");
    System.out.println(
        "Targets (issue 14): ingest, service-metrics, attribution ≥ 0.5 of the floor; qa ≥ 0.3.");
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The engine floor: both topics read and decoded by the jobs' own sources, then discarded. */
  static final class Floor {
    private Floor() {}

    static void wire(StreamExecutionEnvironment env, JobConfig config) {
      discard(
          env.fromSource(
              KafkaSources.chatMessages(config, "floor").build(),
              EventTime.<io.servicepulse.events.ChatMessage>none(),
              "Kafka chat messages",
              Decoded.typeOf(io.servicepulse.events.ChatMessage.class)));
      discard(
          env.fromSource(
              KafkaSources.orderEvents(config, "floor").build(),
              EventTime.<io.servicepulse.events.OrderEvent>none(),
              "Kafka order events",
              Decoded.typeOf(io.servicepulse.events.OrderEvent.class)));
    }

    private static <T> void discard(DataStream<T> stream) {
      stream.sinkTo(new DiscardingSink<>()).name("discard");
    }
  }
}
