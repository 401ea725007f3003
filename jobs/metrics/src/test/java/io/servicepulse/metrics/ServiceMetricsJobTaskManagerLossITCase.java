// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.flink.RetainedCheckpoints;
import io.servicepulse.common.testing.CommittedOffsets;
import io.servicepulse.common.testing.JobJars;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.metrics.sink.MinuteTable;
import io.servicepulse.stack.ConditionTimeoutException;
import io.servicepulse.stack.FlinkRest;
import io.servicepulse.stack.FlinkSessionCluster;
import io.servicepulse.stack.LocalStackExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault of the reliability issue: kill -9 of the TaskManager running ServiceMetricsJob on a
 * real standalone cluster (2 TaskManagers), with parallelism 1 below the 2 partitions, so after the
 * restore one subtask replays the backlog of both. With watermarks per partition neither
 * partition's backlog makes the other's on-time messages late: every agent's figures and the late
 * dead letters equal the generator's truth.
 */
class ServiceMetricsJobTaskManagerLossITCase {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir static Path flinkDir;

  private static FlinkSessionCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = FlinkSessionCluster.start(flinkDir, 2, false);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killingTheTaskManagerMidStreamChangesNoFigure() throws Exception {
    String chatTopic = STACK.createTopic("chat-messages", 2);
    String orderTopic = STACK.createTopic("order-events", 2);
    String deadLetterTopic = STACK.createTopic("dead-letters", 1);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(11)
                .approximateEvents(20_000)
                .chatTopic(chatTopic)
                .orderTopic(orderTopic)
                .build());
    GroundTruth truth = stream.truth();
    List<GeneratedRecord> onTime = new ArrayList<>();
    List<GeneratedRecord> late = new ArrayList<>();
    stream.forEach(r -> (r.kind() == GeneratedRecord.Kind.LATE ? late : onTime).add(r));
    write(onTime);

    FlinkRest rest = cluster.rest();
    String job =
        rest.submit(
            JobJars.fromProperty("metrics.job.jar"),
            List.of(
                "--kafka.bootstrap-servers",
                STACK.bootstrapServers(),
                "--kafka.chat-topic",
                chatTopic,
                "--kafka.order-topic",
                orderTopic,
                "--kafka.dead-letter-topic",
                deadLetterTopic,
                "--clickhouse.url",
                STACK.clickHouseUrl(),
                "--clickhouse.flush-interval",
                "200 ms",
                "--clickhouse.catch-up-flush-interval",
                "200 ms",
                "--job.checkpoint-interval",
                "1 s",
                "--job.parallelism",
                "1",
                // A replay: at its end the partitions fall quiet far behind the clock.
                "--events.backlog-idleness",
                "20 s"));
    pollUntil(
        () ->
            RetainedCheckpoints.latest(cluster.dir().resolve("checkpoints").resolve(job))
                .isPresent(),
        TIMEOUT,
        "a completed checkpoint");
    pollUntil(() -> count("turns") > 0, TIMEOUT, "the first turns in ClickHouse");

    long killed = taskManagerRunning(job);
    ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);
    pollUntil(
        () -> rest.jobStatus(job).equals("RUNNING") && !ProcessHandle.of(killed).isPresent(),
        TIMEOUT,
        "the job running again on the other TaskManager");

    // Caught up on the on-time stream, then the late buyers, 2 h behind it, as in production.
    pollUntil(() -> caughtUp(chatTopic), TIMEOUT, "the job caught up");
    write(late);
    try {
      pollUntil(
          () -> count("dead_letters FINAL WHERE stage = 'late'") >= truth.ingest().lateEvents(),
          TIMEOUT,
          "the late buyers dead-lettered");
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          keepLogs()
              + "late letters "
              + count("dead_letters FINAL WHERE stage = 'late'")
              + " of "
              + truth.ingest().lateEvents()
              + ", job "
              + rest.jobStatus(job)
              + ", logs in "
              + cluster.dir().resolve("log")
              + "\n"
              + rest.rootException(job),
          e);
    }
    rest.stopWithDrain(job, flinkDir.resolve("savepoints").toUri().toString(), TIMEOUT);

    assertThat(rest.rootException(job)).as("the job failed only because of the kill").isNotEmpty();
    assertThat(agentFigures()).isEqualTo(truth.serviceFiguresByAgent());
    assertThat(count("dead_letters FINAL WHERE stage = 'late'"))
        .as("only the truly late messages are late")
        .isEqualTo(truth.ingest().lateEvents());
  }

  /** Copies the cluster's logs where the build keeps them (the JUnit temp dir goes). */
  private static String keepLogs() {
    Path kept = Path.of("target", "failsafe-reports", "tm-loss-cluster-logs").toAbsolutePath();
    try (var logs = Files.list(cluster.dir().resolve("log"))) {
      Files.createDirectories(kept);
      for (Path log : logs.toList()) {
        Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      return "cluster logs kept in " + kept + "; ";
    } catch (IOException e) {
      return "cluster logs not kept (" + e + "); ";
    }
  }

  /** True once the job has committed (on a checkpoint) the end of every partition. */
  private static boolean caughtUp(String topic) throws Exception {
    return CommittedOffsets.reachEnd(
        STACK.bootstrapServers(), "servicepulse-" + ServiceMetricsJob.NAME, topic, 2);
  }

  private static Map<String, String> agentFigures() {
    Map<String, String> actual = new TreeMap<>();
    for (List<String> row :
        STACK.queryClickHouse(
            "SELECT concat(shop_id, '/', agent_id), "
                + MinuteTable.FIGURES_SQL
                + " FROM service_minute FINAL GROUP BY shop_id, agent_id")) {
      actual.put(row.get(0), row.get(1));
    }
    return actual;
  }

  /** The TaskManager whose log shows a slot allocated for the job. */
  private static long taskManagerRunning(String job) throws IOException {
    List<Long> pids = cluster.taskManagerPids();
    for (int i = 0; i < pids.size(); i++) {
      Path log = cluster.dir().resolve("log").resolve("taskmanager-" + i + ".log");
      if (Files.exists(log) && Files.readString(log).contains(job)) {
        return pids.get(i);
      }
    }
    throw new IllegalStateException("no TaskManager log mentions job " + job);
  }

  private static long count(String tableAndFilter) {
    return Long.parseLong(
        STACK.queryClickHouse("SELECT count() FROM " + tableAndFilter).get(0).get(0));
  }

  private static void write(List<GeneratedRecord> records) {
    try (KafkaEventWriter writer = new KafkaEventWriter(STACK.bootstrapServers())) {
      writer.write(records, records.size(), 0, (sent, acked, total, rate) -> {});
    }
  }
}
