// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.job;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.testing.ShopLocalDays;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.stack.LocalStackExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * QaJob on the real broker and ClickHouse: the generator's uncivil messages are flagged with their
 * categories, and none of its civil messages (innocent look-alikes included) is.
 */
class QaJobITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void uncivilMessagesAreFlaggedWithTheirCategoriesAndCivilOnesAreNot() throws Exception {
    String chatTopic = STACK.createTopic("chat-messages", 2);
    STACK.createTopic("dead-letters", 1);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(11)
                .chatTopic(chatTopic)
                .orderTopic(STACK.topic("order-events"))
                .approximateEvents(6_000)
                .uncivilRate(0.05)
                .shopTimeZones(Map.of("shop-02", "America/New_York", "shop-03", "Asia/Tokyo"))
                .build());
    GroundTruth truth = stream.truth();
    assertThat(truth.qa().uncivil()).hasSizeGreaterThan(20);
    try (KafkaEventWriter writer = new KafkaEventWriter(STACK.bootstrapServers())) {
      writer.write(stream, stream.size(), 0, (sent, acked, total, rate) -> {});
    }

    Map<String, String> settings = new HashMap<>();
    settings.put("job.parallelism", "1");
    settings.putAll(truth.rules().calendarOptions());
    JobConfig config = StackConfigs.forStack(STACK, settings);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    QaJob.wire(env, config);
    JobClient job = env.executeAsync("qa under test");
    try {
      long dead = truth.ingest().malformed().getOrDefault(chatTopic, 0L);
      pollUntil(
          () ->
              count("SELECT count() FROM dead_letters FINAL WHERE job = 'qa'") == dead
                  && flaggedMessages().keySet().containsAll(uncivil(truth).keySet()),
          Duration.ofSeconds(180),
          "every uncivil message flagged and every malformed record dead-lettered");
    } finally {
      job.cancel().get();
    }

    Map<String, Set<String>> flagged = flaggedMessages();
    Map<String, Set<String>> expected = uncivil(truth);
    Map<String, String> missingCategories = new TreeMap<>();
    for (var e : expected.entrySet()) {
      if (!flagged.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue())) {
        missingCategories.put(e.getKey(), e.getValue() + " but flagged " + flagged.get(e.getKey()));
      }
    }
    assertThat(missingCategories).as("uncivil messages missing a category").isEmpty();
    Set<String> falseFlags = new TreeSet<>(flagged.keySet());
    falseFlags.removeAll(expected.keySet());
    assertThat(falseFlags).as("civil messages flagged: %s", texts(falseFlags)).isEmpty();
    assertThat(count("SELECT count() FROM qa_daily")).isPositive();
    // qa_flags.day is each shop's own local day of the message.
    assertThat(
            ShopLocalDays.offDayRows(
                STACK,
                "qa_flags",
                "ts",
                Map.of(
                    "shop-01", "Asia/Shanghai",
                    "shop-02", "America/New_York",
                    "shop-03", "Asia/Tokyo")))
        .hasSize(3)
        .allSatisfy((shop, off) -> assertThat(off).matches("0/[1-9]\\d*"));
  }

  private static Map<String, Set<String>> uncivil(GroundTruth truth) {
    return truth.qa().uncivil().stream()
        .collect(
            Collectors.toMap(
                u -> u.eventId(),
                u -> u.categories().stream().map(Enum::name).collect(Collectors.toSet())));
  }

  private static Map<String, Set<String>> flaggedMessages() {
    Map<String, Set<String>> flagged = new HashMap<>();
    for (List<String> row :
        STACK.queryClickHouse("SELECT message_id, category FROM qa_flags FINAL")) {
      flagged.computeIfAbsent(row.get(0), k -> new TreeSet<>()).add(row.get(1));
    }
    return flagged;
  }

  private static List<List<String>> texts(Set<String> ids) {
    return STACK
        .queryClickHouse(
            "SELECT message_id, category, rule_id, matched_text, masked_text FROM qa_flags FINAL")
        .stream()
        .filter(row -> ids.contains(row.get(0)))
        .limit(20)
        .toList();
  }

  private static long count(String sql) {
    return Long.parseLong(STACK.queryClickHouse(sql).get(0).get(0));
  }
}
