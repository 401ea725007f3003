// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import io.servicepulse.aftersales.AfterSalesJob;
import io.servicepulse.attribution.AttributionJob;
import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.flink.RetainedCheckpoints;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.ingest.IngestJob;
import io.servicepulse.metrics.ServiceMetricsJob;
import io.servicepulse.qa.job.QaJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end-to-end demo: fresh topics and database, generated events with ground truth, the whole
 * pipeline in a local Flink JVM, a crash (SIGKILL) half-way and a restart from the last retained
 * checkpoint, a live progress line, and a summary read back from ClickHouse and checked against the
 * truth. Exit code 0 only if every check holds.
 */
public final class DemoRun {

  /** Each job in the pipeline and the topics it reads. */
  private static final Map<String, List<String>> TOPICS_BY_JOB = topicsByJob();

  private static Map<String, List<String>> topicsByJob() {
    Map<String, List<String>> jobs = new java.util.LinkedHashMap<>();
    jobs.put(IngestJob.NAME, List.of("chat-messages", "order-events"));
    jobs.put(QaJob.NAME, List.of("chat-messages"));
    jobs.put(ServiceMetricsJob.NAME, List.of("chat-messages"));
    jobs.put(AttributionJob.NAME, List.of("chat-messages", "order-events"));
    jobs.put(AfterSalesJob.NAME, List.of("feedback-events", "after-sales-events", "agent-events"));
    return java.util.Collections.unmodifiableMap(jobs);
  }

  private DemoRun() {}

  public static void main(String[] args) throws Exception {
    DemoOptions options = DemoOptions.parse(args);
    Path state = options.stateDir();
    Path checkpoints = state.resolve("checkpoints");
    deleteRecursively(state);
    Files.createDirectories(checkpoints);

    step(1, "Fresh topics and ClickHouse database");
    List<String> topics =
        List.of(
            "chat-messages",
            "order-events",
            "feedback-events",
            "after-sales-events",
            "agent-events",
            "dead-letters",
            "wait-alerts");
    DemoTopics.recreate(options.bootstrapServers(), topics, 2);
    ClickHouseConnectionFactory clickHouse =
        new ClickHouseConnectionFactory(
            ServicePulseOptions.CLICKHOUSE_DRIVER.defaultValue(),
            options.clickHouseUrl(),
            "default",
            "");
    new ClickHouseMigrations(clickHouse).recreate();
    System.out.println(
        "  Kafka " + options.bootstrapServers() + ", topics " + String.join(", ", topics));
    System.out.println("  ClickHouse " + options.clickHouseUrl());

    step(2, "Generating events (seed " + options.seed() + ")");
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(options.seed())
                .approximateEvents(options.events())
                .poisonRate(options.poisonRate())
                // Schema version 3's events (chat and order records stay as they were).
                .feedbackRate(0.3)
                .afterSalesRate(0.2)
                .agentEvents(true)
                .build());
    GroundTruth truth = stream.truth();
    truth.write(state.resolve("truth.json"));
    System.out.printf(
        "  %,d records: %,d chat messages, %,d order events, %,d malformed, %,d poison,"
            + " %,d duplicates, %,d out of order, %,d late%n  ground truth: %s%n",
        stream.size(),
        truth.ingest().chatMessages(),
        truth.ingest().orderEvents(),
        truth.ingest().malformedTotal(),
        truth.ingest().poisonTotal(),
        truth.ingest().duplicatesTotal(),
        truth.ingest().outOfOrderEvents(),
        truth.ingest().lateEvents(),
        state.resolve("truth.json"));

    step(3, "Starting the pipeline (local Flink, checkpoint every 5 s)");
    Path log = state.resolve("pipeline.log");
    PipelineProcess pipeline =
        new PipelineProcess(
            List.of(
                "--kafka.bootstrap-servers",
                options.bootstrapServers(),
                "--clickhouse.url",
                options.clickHouseUrl(),
                "--job.checkpoint-dir",
                checkpoints.toUri().toString(),
                "--job.checkpoint-interval",
                "5 s",
                "--job.parallelism",
                "2",
                // A partition that has delivered nothing yet waits the longer of the two idleness
                // timeouts before it stops holding the watermark, and the jobs' start (CoreNLP
                // loads, the first checkpoint) is slow on a busy machine; a replayed day's event
                // time moves hours per second, so a partition that ran ahead alone would make the
                // other's first events late. A server fault keeps the production 30 s
                // events.source-idleness, so the outage outlasts it, as the fault suite requires.
                "--events.source-idleness",
                options.fault().isServerFault() ? "30 s" : "4 min",
                // A replayed day: at its end the partitions fall quiet far behind the clock, which
                // looks like an outage. Wait 15 s, not the production 2 min, before treating them
                // as idle, unless this run takes the broker down: then the wait must outlast it.
                // A ClickHouse outage needs no more: the sinks backpressure the sources, and
                // Flink's idleness clock stops while a source is backpressured (FLIP-471).
                "--events.backlog-idleness",
                options.fault() == Fault.BROKER_RESTART
                    ? options.outage().plusMinutes(1).toSeconds() + " s"
                    : "15 s",
                "--qa.model-root",
                options.qaModelRoot()),
            log);
    pipeline.start(List.of());
    System.out.println("  pid " + pipeline.pid() + ", log " + log);
    // Produce only once the job runs (its first checkpoint exists), so the crash lands mid-stream.
    long startDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (RetainedCheckpoints.latest(checkpoints).isEmpty()) {
      if (!pipeline.isAlive() || System.nanoTime() > startDeadline) {
        throw new IllegalStateException("the pipeline did not start; see " + log);
      }
      Thread.sleep(500);
    }
    System.out.println("  running; first checkpoint completed");

    ConsumerLag lag = new ConsumerLag(options.bootstrapServers(), TOPICS_BY_JOB);
    Progress progress = new Progress(clickHouse, lag, truth, stream.size());
    step(
        4,
        "Producing at " + options.rate() + " events/s; fault half-way: " + options.fault().label());
    // Late buyers' events (2 h behind the stream) are sent once the jobs have caught up, as they
    // arrive in production. Mixed into a backlog replayed faster than real time, whether one is
    // behind the watermark would depend on how far each partition's reader had got.
    List<GeneratedRecord> onTime = new ArrayList<>();
    List<GeneratedRecord> late = new ArrayList<>();
    stream.forEach(r -> (r.kind() == GeneratedRecord.Kind.LATE ? late : onTime).add(r));
    AtomicLong produced = new AtomicLong();
    AtomicBoolean onTimeWritten = new AtomicBoolean();
    CountDownLatch sendLate = new CountDownLatch(1);
    AtomicBoolean faulted = new AtomicBoolean(options.fault() == Fault.NONE);
    Thread serverFault = null;
    Thread producer =
        new Thread(
            () -> {
              try (KafkaEventWriter writer = new KafkaEventWriter(options.bootstrapServers())) {
                writer.write(
                    onTime,
                    onTime.size(),
                    options.rate(),
                    (sent, acked, total, rate) -> produced.set(acked));
                onTimeWritten.set(true);
                sendLate.await();
                writer.write(
                    late,
                    late.size(),
                    options.rate(),
                    (sent, acked, total, rate) -> produced.set(onTime.size() + acked));
                produced.set(stream.size());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-producer");
    producer.start();
    long deadline = Long.MAX_VALUE;
    while (true) {
      Thread.sleep(1000);
      progress.print(produced.get());
      boolean halfWay =
          !faulted.get()
              && produced.get() >= onTime.size() / 2
              && RetainedCheckpoints.latest(checkpoints).isPresent();
      if (!faulted.get() && halfWay && options.fault().isServerFault()) {
        faulted.set(true);
        progress.newLine();
        System.out.println(
            "  ✂ "
                + options.fault().label()
                + ": kill -9, down "
                + options.outage().toSeconds()
                + " s");
        serverFault =
            new Thread(
                () -> {
                  try {
                    System.out.println(
                        "  ✂ "
                            + options
                                .fault()
                                .injectServerFault(options.stackDir(), options.outage()));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                "demo-fault");
        serverFault.start();
      }
      if (!faulted.get() && halfWay && options.fault() == Fault.CRASH) {
        faulted.set(true);
        Path checkpoint = RetainedCheckpoints.latest(checkpoints).orElseThrow();
        progress.newLine();
        System.out.println(
            "  ✂ crash: kill -9 "
                + pipeline.pid()
                + "; restarting from "
                + state.relativize(checkpoint));
        pipeline.crash();
        pipeline.start(List.of("--job.restore-from", checkpoint.toString()));
      }
      if (!pipeline.isAlive()) {
        progress.newLine();
        throw new IllegalStateException("the pipeline exited; see " + log);
      }
      if (onTimeWritten.get() && sendLate.getCount() > 0 && lag.caughtUp()) {
        progress.newLine();
        System.out.printf(
            "  jobs caught up; now the %,d events of late buyers (2 h behind the stream)%n",
            late.size());
        sendLate.countDown();
      }
      if (!producer.isAlive() && deadline == Long.MAX_VALUE) {
        deadline = System.nanoTime() + options.settleTimeout().toNanos();
      }
      if (!producer.isAlive()
          && (serverFault == null || !serverFault.isAlive())
          && progress.complete()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        progress.newLine();
        System.out.println("  gave up waiting after " + options.settleTimeout());
        break;
      }
    }
    progress.newLine();
    lag.close();

    step(5, "Draining: every job has read the whole stream; advance to the end of event time");
    // Turns still waiting for an answer and days still open are decided only by the watermark;
    // stop --drain closes them as the end of a replayed day would, then writes a savepoint.
    if (!pipeline.drain(Duration.ofMinutes(3))) {
      pipeline.stop();
      throw new IllegalStateException("the pipeline did not drain; see " + log);
    }
    System.out.println(
        "  drained; final savepoint under " + state.relativize(checkpoints) + "-savepoints");

    step(6, "Summary, read back from ClickHouse");
    boolean ok = new Summary(clickHouse, truth).print();
    long restarts = JobRestarts.count(log);
    if (options.fault().isServerFault()) {
      System.out.printf("  job restarts while the server was down: %d (allowed)%n", restarts);
    } else {
      // Poison records, duplicates and late events must never restart a job.
      ok &= restarts == 0;
      System.out.printf(
          "  %s job restarts %,d (expected 0: no record may restart a job)%n",
          restarts == 0 ? "✔" : "✘", restarts);
    }
    System.out.println(
        ok
            ? "\nAll checks passed: ClickHouse holds exactly what the generator sent."
            : "\nSome checks FAILED; see above and " + log);
    System.exit(ok ? 0 : 1);
  }

  private static void step(int n, String title) {
    System.out.println("\n[" + n + "/6] " + title);
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Command-line options of the demo. */
  record DemoOptions(
      String bootstrapServers,
      String clickHouseUrl,
      Path stateDir,
      long events,
      double rate,
      long seed,
      Fault fault,
      Duration outage,
      Path stackDir,
      double poisonRate,
      Duration settleTimeout,
      String qaModelRoot) {

    static DemoOptions parse(String[] args) {
      Map<String, String> values = BenchArgs.parse(args);
      List<String> missing = new ArrayList<>();
      for (String required :
          List.of("bootstrap-servers", "clickhouse-url", "state-dir", "qa-model-root")) {
        if (!values.containsKey(required)) {
          missing.add("--" + required);
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("missing " + missing);
      }
      return new DemoOptions(
          values.get("bootstrap-servers"),
          values.get("clickhouse-url"),
          Path.of(values.get("state-dir")),
          Long.parseLong(values.getOrDefault("events", "200000")),
          Double.parseDouble(values.getOrDefault("rate", "10000")),
          Long.parseLong(values.getOrDefault("seed", "42")),
          Boolean.parseBoolean(values.getOrDefault("crash", "true"))
              ? Fault.parse(values.getOrDefault("fault", "crash"))
              : Fault.NONE,
          Duration.ofSeconds(Long.parseLong(values.getOrDefault("outage-seconds", "40"))),
          Path.of(values.getOrDefault("stack-dir", ".servicepulse/stack")),
          Double.parseDouble(values.getOrDefault("poison-rate", "0.0005")),
          Duration.ofSeconds(Long.parseLong(values.getOrDefault("settle-seconds", "180"))),
          values.get("qa-model-root"));
    }
  }
}
