// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.aftersales;

import static io.servicepulse.common.testing.EventFixtures.BEGINNING;
import static io.servicepulse.common.testing.EventFixtures.SHOP;
import static io.servicepulse.common.testing.EventFixtures.transfer;
import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.flink.StreamingJobs;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.events.AgentEvent;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import io.servicepulse.stack.ConditionTimeoutException;
import io.servicepulse.stack.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AfterSalesJob on the real broker and ClickHouse 18.16 with the generator's feedback, after-sales
 * and agent events, plus one undecodable record per topic: the three fact tables hold exactly the
 * truth's events, per agent, and each bad record is a dead letter.
 */
class AfterSalesJobITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  @Test
  void factsMatchTheGroundTruth() throws Exception {
    String feedbackTopic = STACK.createTopic("feedback-events", 2);
    String afterSalesTopic = STACK.createTopic("after-sales-events", 2);
    String agentTopic = STACK.createTopic("agent-events", 2);
    STACK.createTopic("dead-letters", 1);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(13)
                .shops(3)
                .buyersPerShop(80)
                .feedbackRate(0.4)
                .afterSalesRate(0.5)
                .agentEvents(true)
                .feedbackTopic(feedbackTopic)
                .afterSalesTopic(afterSalesTopic)
                .agentTopic(agentTopic)
                // Days (KPIs, shifts split at midnight) are each shop's own.
                .shopTimeZones(Map.of("shop-02", "America/New_York", "shop-03", "Asia/Tokyo"))
                .build());
    GroundTruth.AfterSales truth = stream.truth().afterSales();
    List<GeneratedRecord> records = new ArrayList<>();
    for (GeneratedRecord r : stream) {
      if (List.of(feedbackTopic, afterSalesTopic, agentTopic).contains(r.topic())) {
        records.add(r);
      }
    }
    byte[] junk = "not an event".getBytes(StandardCharsets.UTF_8);
    for (String topic : List.of(feedbackTopic, afterSalesTopic, agentTopic)) {
      records.add(new GeneratedRecord(topic, junk, junk, 0, GeneratedRecord.Kind.MALFORMED));
    }

    Map<String, String> settings =
        new java.util.HashMap<>(stream.truth().rules().calendarOptions());
    settings.put("job.parallelism", "2");
    JobConfig config = StackConfigs.forStack(STACK, settings);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    try (KafkaEventWriter writer = new KafkaEventWriter(STACK.bootstrapServers())) {
      writer.write(records, records.size(), 0, (sent, acked, total, rate) -> {});
    }
    long ratings = truth.feedbacks();

    StreamExecutionEnvironment env = StreamingJobs.environment(config);
    AfterSalesJob.wire(env, config);
    JobClient job = env.executeAsync("aftersales under test");
    try {
      pollUntil(
          () ->
              count("SELECT count() FROM service_feedback FINAL") == ratings
                  && count("SELECT count() FROM after_sales_events FINAL")
                      == truth.afterSalesEvents()
                  && count("SELECT count() FROM agent_events FINAL") == truth.agentEvents()
                  && count("SELECT count() FROM dead_letters FINAL WHERE job = 'aftersales'") == 3,
          Duration.ofSeconds(120),
          "ClickHouse holds exactly the generator's events and the three bad records");
      // KPI rows are upserted as changes arrive: wait until the latest versions settle.
      pollUntil(
          () -> rows(KPI_SQL).equals(truth.kpiFiguresByAgentDay()),
          Duration.ofSeconds(60),
          "agent_kpi_daily equals the truth for every agent and day");

      // A transfer a month older than the stream, sent after it: a fact all the same (stored),
      // too late for its day's KPI row (a late dead letter with its address; rows unchanged).
      long oldest =
          records.stream()
              .filter(r -> r.kind() != GeneratedRecord.Kind.MALFORMED)
              .mapToLong(GeneratedRecord::timestamp)
              .min()
              .orElseThrow();
      AgentEvent late =
          transfer(
              Duration.ofMillis(oldest - BEGINNING.toEpochMilli()).minusDays(30),
              "agent-late",
              "agent-other");
      byte[] bytes = EventCodec.agentEvents(ReleasedSchemas.bundled()).encode(late);
      try (KafkaEventWriter writer = new KafkaEventWriter(STACK.bootstrapServers())) {
        writer.write(
            List.of(
                new GeneratedRecord(
                    agentTopic,
                    late.getShopId().getBytes(StandardCharsets.UTF_8),
                    bytes,
                    late.getTs().toEpochMilli(),
                    GeneratedRecord.Kind.LATE)),
            1,
            0,
            (sent, acked, total, rate) -> {});
      }
      String letters =
          "SELECT stage, reason, source_topic FROM dead_letters FINAL WHERE job = 'aftersales'"
              + " AND event_id = '"
              + late.getEventId()
              + "'";
      try {
        pollUntil(
            () ->
                count("SELECT count() FROM agent_events FINAL") == truth.agentEvents() + 1
                    && STACK
                        .queryClickHouse(letters)
                        .equals(
                            List.of(List.of("late", "older than allowed lateness", agentTopic))),
            Duration.ofSeconds(60),
            "the late transfer stored as a fact and dead-lettered for the KPI rows");
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(
            "agent_events "
                + count("SELECT count() FROM agent_events FINAL")
                + " of "
                + (truth.agentEvents() + 1)
                + ", the late transfer's letters "
                + STACK.queryClickHouse(letters),
            e);
      }
      assertThat(rows(KPI_SQL)).isEqualTo(truth.kpiFiguresByAgentDay());
    } finally {
      job.cancel().get();
    }

    assertThat(
            rows(
                "SELECT concat(shop_id, '/', agent_id), "
                    + FeedbackTable.FIGURES_SQL
                    + " FROM service_feedback FINAL GROUP BY shop_id, agent_id"))
        .isEqualTo(truth.feedbackFiguresByAgent());
    // Every KPI of every agent and day, exactly; and the rules the truth exercises all occur.
    assertThat(rows(KPI_SQL)).isEqualTo(truth.kpiFiguresByAgentDay()).isNotEmpty();
    assertThat(rows(AgentKpiTable.TEAM_FIGURES_SQL))
        .as("the same KPIs per team and day")
        .isEqualTo(truth.kpiFiguresByTeamDay())
        .hasSizeLessThan(truth.kpiFiguresByAgentDay().size());
    assertThat(
            count(
                "SELECT count() FROM agent_kpi_daily FINAL"
                    + " WHERE modified_to_good > 0 OR escalated > 0 OR transfers_in > 0"))
        .isPositive();
    assertThat(truth.shops().values()).anySatisfy(s -> assertThat(s.lateCosts()).isPositive());
    // The demo's per-shop rates run on 18.16: one row per shop, every column filled.
    assertThat(STACK.queryClickHouse(AgentKpiTable.SHOP_SUMMARY_SQL))
        .hasSize(truth.shops().size())
        .allSatisfy(
            row ->
                assertThat(row)
                    .hasSameSizeAs(AgentKpiTable.SHOP_SUMMARY_HEADER)
                    .doesNotContain("", "nan", "inf"));
    assertThat(rows(FeedbackRevisionsTable.MODIFIED_TO_GOOD_SQL))
        .isEqualTo(truth.modifiedToGoodByAgent());
    assertThat(truth.modifiedToGoodByAgent().values())
        .anySatisfy(n -> assertThat(n).isNotEqualTo("0"));
    assertThat(count("SELECT count() FROM service_feedback_revisions FINAL"))
        .isEqualTo(truth.feedbackEvents());
    assertThat(
            rows(
                "SELECT concat(shop_id, '/', agent_id), "
                    + AfterSalesEventsTable.COSTS_SQL
                    + " FROM after_sales_events FINAL GROUP BY shop_id, agent_id"))
        .isEqualTo(truth.costFiguresByAgent());
    assertThat(
            rows(
                "SELECT concat(shop_id, '/', agent_id), toString(count()) FROM agent_events FINAL"
                    + " WHERE kind = 'TRANSFER' GROUP BY shop_id, agent_id"))
        .as("the truth's transfers and the late one")
        .containsAllEntriesOf(truth.transfersByAgent())
        .containsEntry(SHOP + "/agent-late", "1")
        .hasSize(truth.transfersByAgent().size() + 1)
        .isNotEmpty();
    assertThat(
            count(
                "SELECT count() FROM service_feedback FINAL"
                    + " WHERE kind = 'PRODUCT_REVIEW' AND length(dimension_names) = 3"
                    + " AND arrayAll(x -> x BETWEEN 1 AND 5, dimension_scores)"))
        .isEqualTo(
            truth.shops().values().stream()
                .flatMap(s -> s.feedbackByAgent().values().stream())
                .mapToLong(GroundTruth.FeedbackCounts::productReviews)
                .sum());
  }

  /** "shop/agent/day" → the day's KPI figures, as the truth's kpiFiguresByAgentDay. */
  private static final String KPI_SQL =
      "SELECT concat(shop_id, '/', agent_id, '/', toString(day)), "
          + AgentKpiTable.FIGURES_SQL
          + " FROM agent_kpi_daily FINAL GROUP BY shop_id, agent_id, day";

  private static Map<String, String> rows(String sql) {
    Map<String, String> out = new TreeMap<>();
    for (List<String> row : STACK.queryClickHouse(sql)) {
      out.put(row.get(0), row.get(1));
    }
    return out;
  }

  private static long count(String sql) {
    return Long.parseLong(STACK.queryClickHouse(sql).get(0).get(0));
  }
}
