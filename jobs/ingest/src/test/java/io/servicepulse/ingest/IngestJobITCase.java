// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.ingest;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.flink.RetainedCheckpoints;
import io.servicepulse.common.flink.StreamingJobs;
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
 * IngestJob on the real broker and ClickHouse with generated events (duplicates, malformed records,
 * out-of-order and late events), cancelled half-way and restarted from its retained checkpoint:
 * ClickHouse must hold exactly the generator's distinct events and every malformed record as a dead
 * letter.
 */
class IngestJobITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  @TempDir Path checkpoints;

  @Test
  void restartFromCheckpointMidRunLosesAndDuplicatesNothing() throws Exception {
    String chatTopic = STACK.createTopic("chat-messages", 2);
    String orderTopic = STACK.createTopic("order-events", 2);
    STACK.createTopic("dead-letters", 1);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(7)
                .chatTopic(chatTopic)
                .orderTopic(orderTopic)
                .approximateEvents(4_000)
                .build());
    GroundTruth truth = stream.truth();
    assertThat(truth.ingest().malformedTotal()).isPositive();
    assertThat(truth.ingest().duplicatesTotal()).isPositive();

    Map<String, String> settings = new HashMap<>();
    settings.put("job.checkpoint-dir", checkpoints.toUri().toString());
    settings.put("job.parallelism", "2");
    JobConfig config = StackConfigs.forStack(STACK, settings);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();

    List<GeneratedRecord> all = new ArrayList<>();
    stream.forEach(all::add);
    List<GeneratedRecord> firstHalf = all.subList(0, all.size() / 2);
    List<GeneratedRecord> secondHalf = all.subList(all.size() / 2, all.size());

    try (KafkaEventWriter writer = new KafkaEventWriter(STACK.bootstrapServers())) {
      writer.write(firstHalf, firstHalf.size(), 0, (sent, acked, total, rate) -> {});
      JobClient first = start(config);
      pollUntil(
          () -> messages("") > 0 && RetainedCheckpoints.latest(checkpoints).isPresent(),
          Duration.ofSeconds(90),
          "first run wrote rows and completed a checkpoint");
      first.cancel().get();

      writer.write(secondHalf, secondHalf.size(), 0, (sent, acked, total, rate) -> {});
      Path checkpoint = RetainedCheckpoints.latest(checkpoints).orElseThrow();
      settings.put("job.restore-from", checkpoint.toString());
      // Were the checkpoint ignored, "latest" would skip the second half and the counts fail.
      settings.put("kafka.starting-offsets", "latest");
      JobClient second = start(StackConfigs.forStack(STACK, settings));
      try {
        pollUntil(
            () ->
                messages(" FINAL") == truth.ingest().chatMessages()
                    && orders() == truth.ingest().orderEvents()
                    && deadLetters() == truth.ingest().malformedTotal(),
            Duration.ofSeconds(120),
            "ClickHouse holds exactly the generator's events and malformed records");
      } finally {
        second.cancel().get();
      }
    }

    assertThat(messages(" FINAL")).isEqualTo(truth.ingest().chatMessages());
    assertThat(orders()).isEqualTo(truth.ingest().orderEvents());
    assertThat(deadLetters()).isEqualTo(truth.ingest().malformedTotal());
    for (var shop : truth.ingest().perShop().entrySet()) {
      assertThat(
              count("SELECT count() FROM messages FINAL WHERE shop_id = '" + shop.getKey() + "'"))
          .as("messages of %s", shop.getKey())
          .isEqualTo(shop.getValue().chatMessages());
    }
  }

  private static JobClient start(JobConfig config) throws Exception {
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    IngestJob.wire(env, config);
    return env.executeAsync("ingest under test");
  }

  private static long messages(String modifier) {
    return count("SELECT count() FROM messages" + modifier);
  }

  private static long orders() {
    return count("SELECT count() FROM orders FINAL");
  }

  private static long deadLetters() {
    return count(
        "SELECT count() FROM dead_letters FINAL WHERE job = 'ingest' AND stage = 'decode'");
  }

  private static long count(String sql) {
    return Long.parseLong(STACK.queryClickHouse(sql).get(0).get(0));
  }
}
