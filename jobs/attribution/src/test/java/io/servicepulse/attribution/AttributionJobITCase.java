// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.attribution;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.stack.ConditionTimeoutException;
import io.servicepulse.stack.LocalStackExtension;
import java.math.BigDecimal;
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
 * The whole job on the real Kafka broker and ClickHouse: the generator's events (with duplicates,
 * out-of-order, late and malformed records) in, and the per-agent conversion, owner sales, assist
 * and follow-up counts (per order and per buyer) and the shops' silent orders in ClickHouse equal
 * the generator's truth.
 */
class AttributionJobITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** What a manager reads per (shop, agent), summed over days; agent '' = the shop's silent row. */
  record Figures(
      long inquiries,
      long ordered,
      long paidByNextDay,
      long paidWithinValidity,
      long owned,
      BigDecimal ownerSales,
      long assisted,
      long followUps,
      long followedUpBuyers,
      long refunds,
      BigDecimal refundedSales) {

    Figures {
      ownerSales = ownerSales.setScale(2);
      refundedSales = refundedSales.setScale(2);
    }

    static Figures silent(long orders, BigDecimal sales) {
      return new Figures(0, 0, 0, 0, orders, sales, 0, 0, 0, 0, BigDecimal.ZERO);
    }

    boolean isZero() {
      return equals(new Figures(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, BigDecimal.ZERO));
    }
  }

  @Test
  void perAgentConversionSalesAssistsFollowUpsAndSilentOrdersEqualTheGeneratorsTruth()
      throws Exception {
    String chatTopic = STACK.createTopic("chat-messages", 3);
    String orderTopic = STACK.createTopic("order-events", 3);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .chatTopic(chatTopic)
                .orderTopic(orderTopic)
                // Inquiry and sales days are each shop's own.
                .shopTimeZones(Map.of("shop-02", "America/New_York", "shop-03", "Asia/Tokyo"))
                .build());
    List<GeneratedRecord> onTime = new ArrayList<>();
    List<GeneratedRecord> late = new ArrayList<>();
    stream.forEach(r -> (r.kind() == GeneratedRecord.Kind.LATE ? late : onTime).add(r));
    // A replay: its partitions fall quiet at the end of the scenario, long behind the clock.
    Map<String, String> settings =
        new java.util.HashMap<>(stream.truth().rules().calendarOptions());
    settings.put("events.source-idleness", "2 s");
    settings.put("events.backlog-idleness", "5 s");
    JobConfig config = StackConfigs.forStack(STACK, settings);
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    write(onTime);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(1_000);
    AttributionJob.defineWorkflow(
        env,
        KafkaSources.chatMessages(config, AttributionJob.NAME).build(),
        KafkaSources.orderEvents(config, AttributionJob.NAME).build(),
        config,
        new ClickHouseSinks(config));
    JobClient job = env.executeAsync("attribution ITCase");
    Map<String, Figures> expected = expected(stream.truth());
    String lateLetters =
        "SELECT count() FROM dead_letters FINAL WHERE job = 'attribution' AND stage = 'late'";
    List<List<String>> expectedLateLetters =
        List.of(List.of(String.valueOf(stream.truth().ingest().lateEvents())));
    try {
      awaitFigures(expected);
      // A replay reads the backlog faster than real time, so how far the watermark has got when
      // a late buyer's record is read depends on speed. Sending the late buyers once the job has
      // caught up makes them late for sure, as they are in production (2 h behind the stream).
      write(late);
      pollUntil(
          () -> STACK.queryClickHouse(lateLetters).equals(expectedLateLetters),
          Duration.ofMinutes(1),
          "late buyers' events dead-lettered, each once");
      awaitFigures(expected);
    } finally {
      job.cancel().get();
    }
    assertThat(expected).as("the scenario exercises every measure").isNotEmpty();
    assertThat(late).as("the scenario has late buyers").isNotEmpty();
    assertThat(
            STACK.queryClickHouse(
                "SELECT count() FROM order_attribution FINAL WHERE decided = 1 AND silent = 0"))
        .isNotEqualTo(List.of(List.of("0")));
  }

  private static void write(List<GeneratedRecord> records) {
    try (KafkaEventWriter writer = new KafkaEventWriter(STACK.bootstrapServers())) {
      writer.write(records, records.size(), 0, (sent, acked, total, rate) -> {});
    }
  }

  private static void awaitFigures(Map<String, Figures> expected) {
    try {
      pollUntil(
          () -> actual().equals(expected),
          Duration.ofMinutes(3),
          "ClickHouse figures equal the generator's truth");
    } catch (ConditionTimeoutException e) {
      // Show the difference rather than only that the deadline passed.
      assertThat(actual()).isEqualTo(expected);
    }
  }

  /** The late records this job reads: human answers and order events of late buyers. */
  /** "shop/agent" → figures from the truth; all-zero rows left out. */
  private static Map<String, Figures> expected(GroundTruth truth) {
    Map<String, Figures> figures = new TreeMap<>();
    truth
        .attribution()
        .forEach(
            (shop, a) -> {
              a.agents()
                  .forEach(
                      (agent, c) ->
                          figures.put(
                              shop + "/" + agent,
                              new Figures(
                                  c.inquiries(),
                                  c.inquiriesOrdered(),
                                  c.inquiriesPaidByNextDay(),
                                  c.inquiriesPaidWithinValidity(),
                                  c.ordersOwned(),
                                  c.ownerSales(),
                                  c.assistedOrders(),
                                  c.assistedFollowUps(),
                                  c.followedUpBuyers(),
                                  c.refunds(),
                                  c.refundedSales())));
              figures.put(shop + "/", Figures.silent(a.silentOrders(), a.silentSales()));
            });
    figures.values().removeIf(Figures::isZero);
    return figures;
  }

  /** The same from ClickHouse, as a dashboard would sum it. */
  private static Map<String, Figures> actual() {
    Map<String, Figures> figures = new TreeMap<>();
    for (List<String> r :
        STACK.queryClickHouse(
            "SELECT shop_id, agent_id, sum(inquiring_buyers), sum(ordered_buyers),"
                + " sum(paid_next_day_buyers), sum(paid_in_validity_buyers), sum(owned_orders),"
                + " sum(owner_sales) - sum(refund_amount), sum(assisted_orders),"
                + " sum(assisted_follow_ups), sum(followed_up_buyers), sum(refunded_orders),"
                + " sum(refund_amount)"
                + " FROM agent_conversion_daily FINAL GROUP BY shop_id, agent_id")) {
      figures.put(
          r.get(0) + "/" + r.get(1),
          new Figures(
              Long.parseLong(r.get(2)),
              Long.parseLong(r.get(3)),
              Long.parseLong(r.get(4)),
              Long.parseLong(r.get(5)),
              Long.parseLong(r.get(6)),
              new BigDecimal(r.get(7)),
              Long.parseLong(r.get(8)),
              Long.parseLong(r.get(9)),
              Long.parseLong(r.get(10)),
              Long.parseLong(r.get(11)),
              new BigDecimal(r.get(12))));
    }
    for (List<String> r :
        STACK.queryClickHouse(
            "SELECT shop_id, sum(silent_orders), sum(silent_sales) - sum(silent_refund_amount)"
                + " FROM shop_silent_daily FINAL GROUP BY shop_id")) {
      figures.put(
          r.get(0) + "/", Figures.silent(Long.parseLong(r.get(1)), new BigDecimal(r.get(2))));
    }
    figures.values().removeIf(Figures::isZero);
    return figures;
  }
}
