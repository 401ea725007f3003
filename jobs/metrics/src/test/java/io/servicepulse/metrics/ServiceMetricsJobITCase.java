// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.common.testing.PerEventWatermarks;
import io.servicepulse.common.testing.ShopLocalDays;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.generator.MetricRules;
import io.servicepulse.metrics.sink.MinuteTable;
import io.servicepulse.metrics.sink.TurnsTable;
import io.servicepulse.stack.LocalStackExtension;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generator events (10 % out of order, duplicates, late buyers, malformed records) through the real
 * Kafka broker and ClickHouse: the aggregates must equal the generator's ground truth exactly. The
 * shops keep their own calendars: shop-01 (taobao) in Asia/Shanghai with taobao's 08:00–24:00,
 * shop-02 in America/New_York, shop-03 in Asia/Tokyo with its own 09:00–21:00.
 */
class ServiceMetricsJobITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final MetricRules MIXED_CALENDARS =
      MetricRules.DEFAULTS
          .withShopTimeZones(Map.of("shop-02", "America/New_York", "shop-03", "Asia/Tokyo"))
          .withBusinessHours(Map.of("taobao", "08:00-24:00"), Map.of("shop-03", "09:00-21:00"));

  private static GroundTruth truth;

  @BeforeAll
  static void runTheJobOverAGeneratedStream() throws Exception {
    // One partition and one source reader: which events arrive behind the watermark, or beyond the
    // allowed lateness, then depends only on the order the generator wrote them in, as the truth
    // assumes. (With several partitions replayed from a backlog, a lagging partition holds the
    // watermark back and the split between late and on time depends on read speeds.)
    String chatTopic = STACK.createTopic("chat-messages", 1);
    String orderTopic = STACK.createTopic("order-events", 1);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(7)
                .outOfOrderRate(0.1)
                .chatTopic(chatTopic)
                .orderTopic(orderTopic)
                .rules(MIXED_CALENDARS)
                .build());
    truth = stream.truth();
    try (KafkaEventWriter writer = new KafkaEventWriter(STACK.bootstrapServers())) {
      writer.write(stream, stream.size(), 0, (sent, acked, total, rate) -> {});
    }
    JobConfig config = StackConfigs.forStack(STACK, truth.rules().calendarOptions());
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    // Keep every row written: a background merge of ReplacingMergeTree would fold a retraction
    // into the corrected turn, and the test below looks for the retractions themselves.
    try (java.sql.Connection c = ClickHouseConnectionFactory.from(config).open();
        java.sql.Statement st = c.createStatement()) {
      st.execute("SYSTEM STOP MERGES turns");
    }

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.enableCheckpointing(1_000);
    // Bounded: at the end of the topic the watermark jumps to the end of time, so every turn is
    // decided and every conversation settled, as the truth assumes.
    KafkaSource<Decoded<ChatMessage>> source =
        KafkaSources.chatMessages(config, ServiceMetricsJob.NAME)
            .setBounded(OffsetsInitializer.latest())
            .build();
    ServiceMetricsJob.defineWorkflow(
        env,
        source,
        PerEventWatermarks.strategy(
            config.get(ServicePulseOptions.EVENTS_MAX_OUT_OF_ORDERNESS),
            m -> m.getTs().toEpochMilli()),
        config,
        (turns, minutes, replyRates, waitAlerts, deadLetters) ->
            ServiceMetricsJob.clickHouse(
                config, turns, minutes, replyRates, waitAlerts, deadLetters));
    env.execute("service metrics itcase");
  }

  @Test
  void minuteAggregatesEqualTheTruthPerAgent() {
    Map<String, String> expected = truth.serviceFiguresByAgent();
    Map<String, String> actual =
        rows(
            "SELECT concat(shop_id, '/', agent_id), "
                + MinuteTable.FIGURES_SQL
                + " FROM service_minute FINAL GROUP BY shop_id, agent_id");
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void buyersServedAtOnceEqualTheTruthPerAgentDay() {
    Map<String, String> expected = truth.concurrencyByAgentDay();
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(expected.values())
        .as("the scenario has agents serving several buyers at once")
        .anyMatch(f -> Long.parseLong(f.split(" ")[0]) > 1);
    assertThat(rows(TurnsTable.CONCURRENCY_FIGURES_SQL)).isEqualTo(expected);
  }

  @Test
  void buyersAnsweredOfBuyersWhoAskedEqualTheTruthPerShopAndAgentDay() {
    Map<String, String> expected = truth.buyerReplyByDay();
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(expected.values())
        .as("some buyers asked and were never answered")
        .anyMatch(f -> !f.split(" ")[0].equals(f.split(" ")[1]));
    assertThat(rows(TurnsTable.BUYER_REPLY_FIGURES_SQL)).isEqualTo(expected);
  }

  @Test
  void turnsABotRepliedToAndItsHandOffsToHumansEqualTheTruthPerShopDay() {
    Map<String, String> expected = truth.botTurnsByDay();
    assertThat(expected).hasSizeGreaterThan(5);
    assertThat(expected.values())
        .as("some turns a bot replied to never reached a human")
        .anyMatch(f -> !f.split(" ")[0].equals(f.split(" ")[1]));
    assertThat(rows(TurnsTable.BOT_FIGURES_SQL)).isEqualTo(expected);
  }

  @Test
  void minuteAggregatesEqualTheTruthPerShop() {
    Map<String, String> expected = new TreeMap<>();
    truth.service().forEach((shop, s) -> expected.put(shop, s.total().figures()));
    Map<String, String> actual =
        rows(
            "SELECT shop_id, "
                + MinuteTable.FIGURES_SQL
                + " FROM service_minute FINAL GROUP BY shop_id");
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void waitingBuyerAlertsEqualTheTruthPerShopAndThreshold() {
    Map<String, String> expected = new TreeMap<>();
    truth
        .service()
        .forEach(
            (shop, s) -> s.waitAlerts().forEach((t, n) -> expected.put(shop + " " + t, "" + n)));
    expected.values().removeIf("0"::equals);
    Map<String, String> actual =
        rows(
            "SELECT concat(shop_id, ' ', toString(intDiv(threshold_ms, 1000)), 's'),"
                + " toString(count()) FROM wait_alerts FINAL WHERE deleted = 0"
                + " GROUP BY shop_id, threshold_ms");
    assertThat(expected).hasSizeGreaterThan(3);
    assertThat(actual).isEqualTo(expected);
    // A replay ends with every wait decided: answered late, or never.
    assertThat(
            rows(
                "SELECT 'waiting', toString(count()) FROM wait_alerts FINAL"
                    + " WHERE deleted = 0 AND status = 'WAITING'"))
        .containsEntry("waiting", "0");
  }

  @Test
  void nMinuteReplyRatesEqualTheTruthPerShopAndPerAgent() {
    Map<String, String> expected = new TreeMap<>();
    truth
        .service()
        .forEach(
            (shop, s) -> {
              s.nMinuteByDay()
                  .forEach((day, n) -> expected.put("shop " + shop + " " + day, rate(n)));
              s.agentNMinuteByDay()
                  .forEach(
                      (agent, days) ->
                          days.forEach(
                              (day, n) ->
                                  expected.put(
                                      "agent " + shop + "/" + agent + " " + day, rate(n))));
            });
    Map<String, String> actual =
        rows(
            "SELECT concat(scope, ' ', shop_id, if(scope = 'agent', concat('/', agent_id), ''),"
                + " ' ', toString(day)), concat(toString(reached_buyers), '/',"
                + " toString(missed_buyers)) FROM n_minute_reply_daily FINAL"
                + " WHERE reached_buyers > 0");
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void eachShopsRowsBelongToItsOwnLocalDay() {
    Map<String, String> zones = new TreeMap<>();
    truth.shopPlatforms().keySet().forEach(shop -> zones.put(shop, "Asia/Shanghai"));
    zones.putAll(truth.rules().shopTimeZones());
    assertThat(zones).hasSize(3).containsValue("America/New_York");
    for (var rows :
        List.of(
            ShopLocalDays.offDayRows(STACK, "service_minute", "minute", zones),
            ShopLocalDays.offDayRows(STACK, "turns", "turn_start", zones))) {
      assertThat(rows).hasSize(3).allSatisfy((shop, off) -> assertThat(off).matches("0/[1-9]\\d*"));
    }
  }

  @Test
  void turnFactsAgreeWithTheAggregates() {
    List<List<String>> fromTurns =
        STACK.queryClickHouse(
            "SELECT count(), sum(answered), sum(response_ms * answered), sum(slow)"
                + " FROM turns FINAL WHERE deleted = 0");
    List<List<String>> fromMinutes =
        STACK.queryClickHouse(
            "SELECT sum(turns), sum(answered), sum(response_ms_sum), sum(slow)"
                + " FROM service_minute FINAL");
    assertThat(fromTurns).isEqualTo(fromMinutes);
  }

  @Test
  void outOfOrderMessagesBehindTheWatermarkCorrectedTurnsThatWereAlreadyWritten() {
    List<List<String>> corrections =
        STACK.queryClickHouse("SELECT count() FROM turns WHERE deleted = 1");
    assertThat(Long.parseLong(corrections.get(0).get(0))).isPositive();
  }

  @Test
  void lateAndMalformedChatMessagesAreDeadLettersNeverDropped() {
    List<List<String>> letters =
        STACK.queryClickHouse(
            "SELECT stage, count() FROM dead_letters FINAL WHERE job = 'service-metrics'"
                + " GROUP BY stage ORDER BY stage");
    String chatTopic = STACK.topic("chat-messages");
    assertThat(letters)
        .containsExactly(
            List.of("decode", String.valueOf(truth.ingest().malformed().get(chatTopic))),
            List.of("late", String.valueOf(truth.ingest().lateEvents())));
  }

  private static String rate(GroundTruth.NMinute n) {
    return n.reachedBuyers() + "/" + n.missedBuyers();
  }

  private static Map<String, String> rows(String sql) {
    Map<String, String> out = new TreeMap<>();
    for (List<String> row : STACK.queryClickHouse(sql)) {
      out.put(row.get(0), row.get(1));
    }
    return out;
  }
}
