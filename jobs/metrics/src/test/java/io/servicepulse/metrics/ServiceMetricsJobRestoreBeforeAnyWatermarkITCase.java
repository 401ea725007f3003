// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.flink.RetainedCheckpoints;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.testing.CommittedOffsets;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.stack.LocalStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path behind the TaskManager-loss flake, made deterministic: the job restores from a
 * checkpoint taken before it had any watermark, its partitions have nothing left to replay, and the
 * next records are late buyers' (2 h behind). Each partition waits long before it counts as idle,
 * so the late records come first on their partitions and would set the watermark themselves; judged
 * by their own partition's checkpointed progress they are still late.
 */
class ServiceMetricsJobRestoreBeforeAnyWatermarkITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path checkpoints;

  @Test
  void lateBuyersAfterARestoreFromACheckpointWithoutWatermarkAreStillLate() throws Exception {
    String chatTopic = STACK.createTopic("chat-messages", 2);
    STACK.createTopic("dead-letters", 1);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(11)
                .approximateEvents(3_000)
                .chatTopic(chatTopic)
                .orderTopic(STACK.topic("order-events"))
                .build());
    GroundTruth truth = stream.truth();
    List<GeneratedRecord> onTime = new ArrayList<>();
    List<GeneratedRecord> late = new ArrayList<>();
    stream.forEach(
        r -> {
          if (r.topic().equals(chatTopic)) {
            (r.kind() == GeneratedRecord.Kind.LATE ? late : onTime).add(r);
          }
        });
    assertThat(late).hasSize((int) truth.ingest().lateEvents());

    Map<String, String> settings = new HashMap<>();
    settings.put("job.checkpoint-dir", checkpoints.toUri().toString());
    settings.put("job.parallelism", "1");
    // No partition counts as idle within the test: the late records arrive first on theirs.
    settings.put("events.source-idleness", "1 h");
    settings.put("events.backlog-idleness", "1 h");
    JobConfig config = StackConfigs.forStack(STACK, settings);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();

    write(onTime);
    // The first run makes no watermark at all, so each of its checkpoints holds none.
    JobClient first = start(config, 0);
    pollUntil(
        () -> caughtUp(chatTopic) && RetainedCheckpoints.latest(checkpoints).isPresent(),
        Duration.ofSeconds(120),
        "the first run read every on-time message and checkpointed it");
    first.cancel().get();

    settings.put(
        "job.restore-from", RetainedCheckpoints.latest(checkpoints).orElseThrow().toString());
    JobClient second = start(StackConfigs.forStack(STACK, settings), 200);
    try {
      write(late);
      pollUntil(
          () -> lateLetters() >= truth.ingest().lateEvents(),
          Duration.ofSeconds(120),
          "the late buyers dead-lettered as late");
    } finally {
      second.cancel().get();
    }
    assertThat(lateLetters()).isEqualTo(truth.ingest().lateEvents());
  }

  private static JobClient start(JobConfig config, long watermarkIntervalMs) throws Exception {
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    env.getConfig().setAutoWatermarkInterval(watermarkIntervalMs);
    ServiceMetricsJob.wire(env, config);
    return env.executeAsync("service metrics restore before any watermark");
  }

  private static long lateLetters() {
    return Long.parseLong(
        STACK
            .queryClickHouse(
                "SELECT count() FROM dead_letters FINAL"
                    + " WHERE job = 'service-metrics' AND stage = 'late'")
            .get(0)
            .get(0));
  }

  /** True once the job has committed (on a checkpoint) the end of every partition. */
  private static boolean caughtUp(String topic) throws Exception {
    return CommittedOffsets.reachEnd(
        STACK.bootstrapServers(), "servicepulse-" + ServiceMetricsJob.NAME, topic, 2);
  }

  private static void write(List<GeneratedRecord> records) {
    try (KafkaEventWriter writer = new KafkaEventWriter(STACK.bootstrapServers())) {
      writer.write(records, records.size(), 0, (sent, acked, total, rate) -> {});
    }
  }
}
