// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicepulse.aftersales.AfterSalesJob;
import io.servicepulse.attribution.AttributionJob;
import io.servicepulse.attribution.ClickHouseSinks;
import io.servicepulse.common.chat.NoReplyNeeded;
import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.clickhouse.ClickHouseSink;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.deadletter.DeadLetterSinks;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.common.flink.EventTime;
import io.servicepulse.common.kafka.KafkaSources;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.common.testing.RecordSources;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.dashboards.PanelQueryExpander.Selection;
import io.servicepulse.dashboards.PanelRuns.Context;
import io.servicepulse.dashboards.PanelRuns.Expanded;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.SenderRole;
import io.servicepulse.generator.EventGenerator;
import io.servicepulse.generator.GeneratedRecord;
import io.servicepulse.generator.GeneratedStream;
import io.servicepulse.generator.GeneratorConfig;
import io.servicepulse.generator.GroundTruth;
import io.servicepulse.generator.GroundTruth.UncivilMessage;
import io.servicepulse.generator.KafkaEventWriter;
import io.servicepulse.ingest.IngestJob;
import io.servicepulse.ingest.MessagesTable;
import io.servicepulse.ingest.OrdersTable;
import io.servicepulse.metrics.ServiceMetricsJob;
import io.servicepulse.qa.job.QaFlagsTable;
import io.servicepulse.qa.job.QaJob;
import io.servicepulse.qa.job.QaOptions;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import io.servicepulse.stack.ConditionTimeoutException;
import io.servicepulse.stack.LocalStackExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jobs (ingest, service metrics, attribution, QA with its CoreNLP models) run over a
 * generated stream into the real ClickHouse 18.16.1 with the real DDL. Then every variable and
 * panel query of every dashboard is expanded as the plugin does and run: none may fail, and the
 * main panels must show the generator's ground truth. The same DDL, rows and queries then run on a
 * current engine (chDB, ClickHouse 26.x) and must give the same rows.
 *
 * <p>Tagged {@code integration}: surefire leaves it to failsafe (which passes the CoreNLP model
 * folder) even when {@code -Dtest='Dashboard*'} names it.
 */
@Tag("integration")
class DashboardQueriesITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  // The generator's days (from 2025-06-01T16:00Z, 2 days) plus the orders' tail.
  private static final Context DATA =
      new Context(
          Instant.parse("2025-06-01T00:00:00Z"),
          Instant.parse("2025-06-06T00:00:00Z"),
          60,
          Map.of());
  private static final Path CHDB_DIR = Path.of("chdb");

  private static GroundTruth truth;
  private static List<ChatMessage> chat;
  private static Instant pipelineStarted;
  private static List<Dashboard> dashboards;
  private static List<AlertRule> alertRules;
  // Shop time 14:00 on the generator's first full day: every alert rule has rows to judge.
  private static final Instant ALERT_AT = Instant.parse("2025-06-02T06:00:00Z");

  @BeforeAll
  static void runTheJobsOverAGeneratedStream() throws Exception {
    dashboards = GrafanaFiles.dashboards(DashboardFilesTest.JSON_DIR);
    alertRules = GrafanaFiles.alertRules(DashboardFilesTest.ALERTING);
    // No late buyers: with bounded sources their lateness would depend on scheduling; the jobs'
    // own ITCases cover it. Out-of-order events, duplicates and malformed records stay.
    String chatTopic = STACK.createTopic("chat-messages", 1);
    String orderTopic = STACK.createTopic("order-events", 1);
    STACK.createTopic("dead-letters", 1);
    // Schema v3's events for the after-sales board; chat and order records keep their bytes.
    String feedbackTopic = STACK.createTopic("feedback-events", 1);
    String afterSalesTopic = STACK.createTopic("after-sales-events", 1);
    String agentTopic = STACK.createTopic("agent-events", 1);
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .seed(11)
                .lateRate(0)
                .chatTopic(chatTopic)
                .orderTopic(orderTopic)
                .feedbackRate(0.4)
                .afterSalesRate(0.5)
                .agentEvents(true)
                .feedbackTopic(feedbackTopic)
                .afterSalesTopic(afterSalesTopic)
                .agentTopic(agentTopic)
                .build());
    truth = stream.truth();
    List<RawRecord> chatRecords = new ArrayList<>();
    List<RawRecord> orderRecords = new ArrayList<>();
    EventCodec<ChatMessage> codec = EventCodec.chatMessages(ReleasedSchemas.bundled());
    Map<String, ChatMessage> distinct = new LinkedHashMap<>();
    Map<String, List<RawRecord>> v3Records =
        Map.of(
            feedbackTopic, new ArrayList<>(),
            afterSalesTopic, new ArrayList<>(),
            agentTopic, new ArrayList<>());
    for (GeneratedRecord r : stream) {
      boolean isChat = r.topic().equals(chatTopic);
      List<RawRecord> into = isChat ? chatRecords : v3Records.getOrDefault(r.topic(), orderRecords);
      into.add(new RawRecord(r.topic(), 0, into.size(), r.timestamp(), r.key(), r.value()));
      if (isChat && r.kind() != GeneratedRecord.Kind.MALFORMED) {
        ChatMessage m = codec.decode(r.value()).event();
        distinct.putIfAbsent(m.getEventId(), m);
      }
    }
    chat = new ArrayList<>(distinct.values());

    JobConfig config =
        StackConfigs.forStack(
            STACK,
            Map.of(
                "events.source-idleness",
                "5 s",
                "events.backlog-idleness",
                "5 s",
                QaOptions.MODEL_ROOT.key(),
                coreNlpModels()));
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    pipelineStarted = Instant.now();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // One reader per topic keeps the generator's emission order, which the truth assumes.
    env.setParallelism(1);
    IngestJob.defineWorkflow(
        env,
        RecordSources.chat(IngestJob.NAME, chatRecords),
        RecordSources.orders(IngestJob.NAME, orderRecords),
        config,
        (messages, orders, deadLetters) -> {
          messages.sinkTo(
              ClickHouseSink.of(IngestJob.NAME, new MessagesTable(config.noReplyNeeded()), config));
          orders.sinkTo(ClickHouseSink.of(IngestJob.NAME, new OrdersTable(), config));
          DeadLetterSinks.attach(IngestJob.NAME, deadLetters, config);
        });
    ServiceMetricsJob.defineWorkflow(
        env,
        RecordSources.chat(ServiceMetricsJob.NAME, chatRecords),
        EventTime.chatMessages(config),
        config,
        (turns, minutes, rates, alerts, deadLetters) ->
            ServiceMetricsJob.clickHouse(config, turns, minutes, rates, alerts, deadLetters));
    // QaJob's workflow with its production sinks (QaJob.wire), on the same bounded chat records.
    QaJob.defineWorkflow(
        env,
        RecordSources.chat(QaJob.NAME, chatRecords),
        config,
        (flags, deadLetters) -> {
          flags
              .sinkTo(ClickHouseSink.of(QaJob.NAME, new QaFlagsTable(), config))
              .uid("qa-flags-sink")
              .name("qa_flags -> ClickHouse");
          DeadLetterSinks.attach(QaJob.NAME, deadLetters, config);
        });
    AfterSalesJob.defineWorkflow(
        env,
        RecordSources.of(EventKind.FEEDBACK, AfterSalesJob.NAME, v3Records.get(feedbackTopic)),
        RecordSources.of(EventKind.AFTER_SALES, AfterSalesJob.NAME, v3Records.get(afterSalesTopic)),
        RecordSources.of(EventKind.AGENT, AfterSalesJob.NAME, v3Records.get(agentTopic)),
        config,
        AfterSalesJob.clickHouse(config));
    env.execute("dashboards ITCase: ingest + service metrics + qa + after-sales");
    try {
      pollUntil(
          () -> flaggedMessages().keySet().containsAll(uncivilMessages().keySet()),
          Duration.ofMinutes(1),
          "QaJob's flags for every uncivil message of the truth are in qa_flags");
    } catch (ConditionTimeoutException e) {
      // The QA tests below show the difference.
    }
    runAttribution(config, stream);
    seedVerdictsAndARetractedFlag();
  }

  /** A message the generator meant as civil, given a stale flag that re-inspection retracted. */
  private static String retractedMessage;

  /**
   * What the review console and re-inspection add to QaJob's output: verdicts on the flagged
   * messages (confirm, false alarm, a false alarm later confirmed, unsure, none, in turn by message
   * id), and on one civil message a severity-3 THREAT flag of an older inspector with its tombstone
   * (retracted = 1) and a confirm verdict: no current-flag panel, alert or precision may count it.
   */
  private static void seedVerdictsAndARetractedFlag() {
    List<List<String>> flagged =
        run(
            "SELECT DISTINCT message_id, shop_id, agent_id FROM qa_flags FINAL"
                + " ORDER BY message_id");
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < flagged.size(); i++) {
      List<String> m = flagged.get(i);
      switch (i % 5) {
        case 0 -> rows.add(verdictRow("dv-" + i, m, "false_alarm", 1_000 + i));
        case 1 -> rows.add(verdictRow("dv-" + i, m, "confirm", 1_000 + i));
        case 2 -> {
          rows.add(verdictRow("dv-" + i + "-a", m, "false_alarm", 1_000 + i));
          rows.add(verdictRow("dv-" + i + "-b", m, "confirm", 2_000 + i));
        }
        case 3 -> rows.add(verdictRow("dv-" + i, m, "unsure", 1_000 + i));
        default -> {}
      }
    }
    Set<String> flaggedIds = flagged.stream().map(r -> r.get(0)).collect(Collectors.toSet());
    ChatMessage civil =
        chat.stream()
            .filter(c -> c.getSenderRole().name().equals("AGENT"))
            .filter(c -> !flaggedIds.contains(c.getEventId()))
            .findFirst()
            .orElseThrow();
    retractedMessage = civil.getEventId();
    String day =
        civil.getTs().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
    for (int retracted = 0; retracted <= 1; retracted++) {
      STACK.executeClickHouse(
          "INSERT INTO qa_flags (message_id, rule_id, platform, shop_id, team_id, agent_id,"
              + " buyer_id, conversation_id, sender_role, ts_ms, day, category, severity,"
              + " mitigation, language, span_start, span_end, matched_text, masked_text,"
              + " inspector_version, inspected_ms, retracted) VALUES ('"
              + retractedMessage
              + "', 'zh.threat.old', '"
              + civil.getPlatform()
              + "', '"
              + civil.getShopId()
              + "', '', '"
              + civil.getAgentId()
              + "', '"
              + civil.getBuyerId()
              + "', '', 'AGENT', "
              + civil.getTs().toEpochMilli()
              + ", '"
              + day
              + "', 'THREAT', 3, 'NONE', 'zh', 0, 1, 'x', 'x', 'qa-inspector/0.9', "
              + (1 + retracted)
              + ", "
              + retracted
              + ")");
    }
    rows.add(
        verdictRow(
            "dv-retracted",
            List.of(retractedMessage, civil.getShopId(), civil.getAgentId()),
            "confirm",
            5_000));
    STACK.executeClickHouse(
        "INSERT INTO qa_verdicts (verdict_id, message_id, shop_id, agent_id, kind, decision,"
            + " severity_override, category_correction, comment, reviewer, appeal_id, audit,"
            + " decided_ms) VALUES "
            + String.join(", ", rows));
  }

  private static String verdictRow(String id, List<String> message, String decision, long at) {
    return "('"
        + id
        + "', '"
        + message.get(0)
        + "', '"
        + message.get(1)
        + "', '"
        + message.get(2)
        + "', 'verdict', '"
        + decision
        + "', 0, '', '', 'qa', '', '', "
        + at
        + ")";
  }

  /** The CoreNLP model folder the qa module's build extracts (failsafe passes it, see pom.xml). */
  private static String coreNlpModels() {
    String root = System.getProperty(QaOptions.MODEL_ROOT.key());
    if (root == null
        || !Files.isRegularFile(
            Path.of(root, "edu/stanford/nlp/models/segmenter/chinese/ctb.small.gz"))) {
      throw new IllegalStateException(
          "No CoreNLP models at "
              + root
              + " (system property qa.model-root): build the qa module first, e.g. mvn -q install"
              + " -DskipTests -pl jobs/qa -am");
    }
    return Path.of(root).toAbsolutePath().normalize().toString();
  }

  /**
   * AttributionJob as its own ITCase runs it: from Kafka, unbounded, until the agent and shop
   * panels show the truth (at the end of a bounded input its timers keep re-registering at the
   * final watermark and the job never finishes).
   */
  private static void runAttribution(JobConfig config, GeneratedStream stream) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.enableCheckpointing(1_000);
    AttributionJob.defineWorkflow(
        env,
        KafkaSources.chatMessages(config, AttributionJob.NAME).build(),
        KafkaSources.orderEvents(config, AttributionJob.NAME).build(),
        config,
        new ClickHouseSinks(config));
    JobClient job = env.executeAsync("dashboards ITCase: attribution");
    try {
      pollUntil(
          () -> job.getJobStatus().get() == JobStatus.RUNNING, Duration.ofMinutes(1), "running");
      try (KafkaEventWriter writer = new KafkaEventWriter(STACK.bootstrapServers())) {
        writer.write(stream, stream.size(), 0, (sent, acked, total, rate) -> {});
      }
      pollUntil(
          () ->
              actualConversion().equals(expectedConversion())
                  && actualShopRollUp().equals(expectedShopRollUp()),
          Duration.ofMinutes(3),
          "the agent performance panels show the generator's truth");
    } catch (ConditionTimeoutException e) {
      // The tests below show the difference.
    } finally {
      job.cancel().get();
    }
  }

  // ------------------------------------------------------------------ every query runs

  @Test
  void everyVariableAndPanelQueryRunsOnClickHouse18() {
    List<Expanded> queries = new ArrayList<>();
    defaultContexts()
        .forEach((d, c) -> queries.addAll(PanelRuns.expand(d, c, DashboardQueriesITCase::run)));
    List<String> failures = failuresOn18(queries);
    assertThat(failures).isEmpty();
    assertThat(queries.size() - failures.size()).isGreaterThan(30);
  }

  /** Runs each query on the 18.16.1 server; "where: error" of those that fail. */
  private static List<String> failuresOn18(List<Expanded> queries) {
    List<String> failures = new ArrayList<>();
    for (Expanded q : queries) {
      try {
        STACK.queryClickHouse(q.sql());
      } catch (RuntimeException ex) {
        failures.add(q.where() + ": " + ex.getMessage());
      }
    }
    return failures;
  }

  // ------------------------------------------------------------------ alert rules

  @Test
  void everyAlertRuleQueryRunsOnClickHouse18() {
    List<Expanded> queries = alertQueries();
    assertThat(failuresOn18(queries)).isEmpty();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void waitingBuyerRuleFiresForEveryBuyerWaitingOver100SecondsAtThatMoment() {
    List<ChatMessage> buyers = buyerMessagesInTimeOrder();
    int moments = 0;
    for (int i = buyers.size() / 3; i < buyers.size() && moments < 3; i += 11) {
      Instant at = Instant.ofEpochSecond(buyers.get(i).getTs().getEpochSecond() + 150);
      Map<String, String> expected = waitingLongerThan(at, 100);
      if (expected.isEmpty()) {
        continue;
      }
      moments++;
      Map<String, String> actual = new TreeMap<>();
      for (List<String> r : alertRows("sp-buyer-waiting", at)) {
        actual.put(r.get(0) + "/" + r.get(3), r.get(4));
      }
      assertThat(actual).as("waiting over 100 s at %s", at).isEqualTo(expected);
    }
    assertThat(moments).as("moments with a buyer waiting over 100 s").isPositive();
  }

  @Test
  void threeMinuteRateRuleShowsEachShopsRateOfTheDayAsTheTruth() {
    Instant lateEvening = Instant.parse("2025-06-02T14:59:00Z");
    String day = "2025-06-02";
    Map<String, String> expected = new TreeMap<>();
    truth
        .service()
        .forEach(
            (shop, s) -> {
              GroundTruth.NMinute n = s.nMinuteByDay().get(day);
              if (n != null && n.reachedBuyers() >= 20) {
                expected.put(
                    shop,
                    truth.shopPlatforms().get(shop)
                        + " "
                        + String.format(
                            "%.6f",
                            (n.reachedBuyers() - n.missedBuyers()) / (double) n.reachedBuyers()));
              }
            });
    Map<String, String> actual = new TreeMap<>();
    for (List<String> r : alertRows("sp-three-minute-rate", lateEvening)) {
      actual.put(r.get(0), r.get(1) + " " + String.format("%.6f", Double.parseDouble(r.get(2))));
    }
    assertThat(expected).isNotEmpty();
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void severeFlagRuleCountsEverySeverity3ThreatOffPlatformAndPrivacyFlag() {
    AlertRule rule = alertRule("sp-severe-flag");
    Context all = new Context(DATA.from(), DATA.to(), 60, Map.of());
    long shown = 0;
    for (List<String> r :
        run(
            new PanelQueryExpander(all.from(), all.to(), 60, Map.of())
                .expand(rule.query("A").rawSql()))) {
      assertThat(r.get(3)).isIn("THREAT", "OFF_PLATFORM", "PRIVACY_LEAK");
      shown += Long.parseLong(r.get(4));
    }
    assertThat(shown)
        .isPositive()
        .isEqualTo(
            count(
                "SELECT count() FROM qa_flags FINAL WHERE retracted = 0 AND severity = 3"
                    + " AND category IN ('THREAT', 'OFF_PLATFORM', 'PRIVACY_LEAK')"));
  }

  @Test
  void freshnessRuleReportsTheAgeOfEachJobsNewestRow() {
    // Noon shop time tomorrow: inside business hours, after every row of this run was written.
    Instant noon =
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(28));
    AlertRule rule = alertRule("sp-job-freshness");
    Map<String, Long> ages = new TreeMap<>();
    for (List<String> r :
        run(
            new PanelQueryExpander(DATA.from(), noon, 60, Map.of())
                .expand(rule.query("A").rawSql()))) {
      ages.put(r.get(0) + "/" + r.get(1), Long.parseLong(r.get(2)));
    }
    assertThat(ages.keySet())
        .containsExactly("attribution/inquiries", "ingest/messages", "service-metrics/turns");
    long floor = noon.getEpochSecond() - Instant.now().getEpochSecond();
    assertThat(ages.values()).allMatch(age -> age >= floor && age < floor + 3600);
  }

  /** The alert rule's query A as Grafana evaluates it at {@code at} (its relative time range). */
  private static List<List<String>> alertRows(String uid, Instant at) {
    AlertRule.Query q = alertRule(uid).query("A");
    return run(
        new PanelQueryExpander(
                at.minusSeconds(q.fromSeconds()), at.minusSeconds(q.toSeconds()), 60, Map.of())
            .expand(q.rawSql()));
  }

  private static AlertRule alertRule(String uid) {
    return alertRules.stream().filter(r -> r.uid().equals(uid)).findFirst().orElseThrow();
  }

  /** Every alert rule's datasource queries, evaluated at {@link #ALERT_AT}. */
  private static List<Expanded> alertQueries() {
    List<Expanded> out = new ArrayList<>();
    for (AlertRule r : alertRules) {
      for (AlertRule.Query q : r.queries()) {
        if (!q.isExpression()) {
          out.add(
              new Expanded(
                  "alert " + r.uid() + " / " + q.refId(),
                  new PanelQueryExpander(
                          ALERT_AT.minusSeconds(q.fromSeconds()),
                          ALERT_AT.minusSeconds(q.toSeconds()),
                          60,
                          Map.of())
                      .expand(q.rawSql())));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ live service floor

  @Test
  void agentsTableShowsEachAgentsTurnsAndResponseTimesAsTheTruth() {
    Map<String, String> expected = new TreeMap<>();
    truth
        .service()
        .forEach(
            (shop, s) ->
                s.agents()
                    .forEach(
                        (agent, c) ->
                            expected.put(
                                shop + "/" + agent,
                                figures(
                                    c.turns(),
                                    c.answered(),
                                    c.unanswered(),
                                    c.slow(),
                                    c.agentMessages(),
                                    c.responseMsCount() == 0
                                        ? 0
                                        : c.responseMsSum() / 1000.0 / c.responseMsCount(),
                                    c.responseMsMax() / 1000.0))));
    Map<String, String> actual = new TreeMap<>();
    for (List<String> r : panel("servicepulse-live-floor", "客服一览", DATA)) {
      actual.put(
          r.get(0) + "/" + r.get(1),
          figures(
              Long.parseLong(r.get(3)),
              Long.parseLong(r.get(4)),
              Long.parseLong(r.get(5)),
              Long.parseLong(r.get(6)),
              Long.parseLong(r.get(12)),
              Double.parseDouble(r.get(7)),
              Double.parseDouble(r.get(8))));
    }
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void threeMinuteReplyRatePerShopIsThePlatformRuleOverTheTruth() {
    Map<String, String> expected = new TreeMap<>();
    truth
        .service()
        .forEach(
            (shop, s) -> {
              long reached = 0;
              long missed = 0;
              for (GroundTruth.NMinute n : s.nMinuteByDay().values()) {
                reached += n.reachedBuyers();
                missed += n.missedBuyers();
              }
              if (reached > 0) {
                expected.put(shop, String.format("%.6f", (reached - missed) / (double) reached));
              }
            });
    Map<String, String> actual = new TreeMap<>();
    for (List<String> r : panel("servicepulse-live-floor", "人工3分钟回复率（按买家）vs 70%", DATA)) {
      actual.put(r.get(0), String.format("%.6f", Double.parseDouble(r.get(1))));
    }
    assertThat(actual).isNotEmpty().isEqualTo(expected);
  }

  @Test
  void unansweredTurnsStatIsTheTruthsTotal() {
    long unanswered = 0;
    long turns = 0;
    for (GroundTruth.ShopService s : truth.service().values()) {
      unanswered += s.total().unanswered();
      turns += s.total().turns();
    }
    assertThat(panel("servicepulse-live-floor", "未回复轮次", DATA))
        .containsExactly(List.of(String.valueOf(unanswered), String.valueOf(turns)));
  }

  @Test
  void buyersWaitingAtAMomentAreThoseWhoseLatestTurnHasNoHumanAnswerYet() {
    List<ChatMessage> buyers = buyerMessagesInTimeOrder();
    Map<String, String> expected = Map.of();
    Instant at = null;
    for (int i = buyers.size() / 2; i < buyers.size() && expected.isEmpty(); i += 7) {
      at = Instant.ofEpochSecond(buyers.get(i).getTs().getEpochSecond() + 1);
      expected = waitingAt(at);
    }
    assertThat(expected).as("some buyer is waiting at %s", at).isNotEmpty();
    Context cut = new Context(DATA.from(), at, 60, Map.of());
    Map<String, String> actual = new TreeMap<>();
    for (List<String> r : panel("servicepulse-live-floor", "全部等待中的买家（消息口径）", cut)) {
      actual.put(r.get(0) + "/" + r.get(3), r.get(5));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(panel("servicepulse-live-floor", "等待中的买家", cut).get(0).get(0))
        .isEqualTo(String.valueOf(expected.size()));
  }

  private static List<ChatMessage> buyerMessagesInTimeOrder() {
    return chat.stream()
        .filter(m -> m.getSenderRole() == SenderRole.BUYER)
        .sorted(Comparator.comparing(ChatMessage::getTs))
        .toList();
  }

  @Test
  void waitingTableFromTheStreamsAlertsListsEveryBuyerWaitingOver30SecondsSavableFirst() {
    List<ChatMessage> buyers = buyerMessagesInTimeOrder();
    int moments = 0;
    for (int i = buyers.size() / 4; i < buyers.size() && moments < 5; i += 13) {
      Instant at = Instant.ofEpochSecond(buyers.get(i).getTs().getEpochSecond() + 90);
      Map<String, String> expected = waitingLongerThan(at, 30);
      if (expected.isEmpty()) {
        continue;
      }
      moments++;
      Map<String, String> actual = new TreeMap<>();
      List<Integer> priorities = new ArrayList<>();
      for (List<String> r :
          panel(
              "servicepulse-live-floor",
              "等待超过30秒的买家（可挽回的排最前）",
              new Context(DATA.from(), at, 60, Map.of()))) {
        actual.put(r.get(0) + "/" + r.get(3), r.get(5));
        long w = Long.parseLong(r.get(5));
        priorities.add(w >= 60 && w <= 180 ? 1 : w < 60 ? 2 : 3);
      }
      assertThat(actual).as("waiting over 30 s at %s", at).isEqualTo(expected);
      assertThat(priorities).as("savable (60-180 s) first, then 30-60 s, then lost").isSorted();
      long savable = priorities.stream().filter(p -> p == 1).count();
      assertThat(
              rows(
                  "servicepulse-live-floor",
                  "等待中的买家",
                  "B",
                  new Context(DATA.from(), at, 60, Map.of())))
          .containsExactly(List.of(String.valueOf(savable)));
    }
    assertThat(moments).as("moments with a buyer waiting over 30 s").isPositive();
  }

  /** {@link #waitingAt} restricted to waits longer than {@code seconds}. */
  private static Map<String, String> waitingLongerThan(Instant at, long seconds) {
    Map<String, String> longer = new TreeMap<>();
    waitingAt(at)
        .forEach(
            (key, w) -> {
              if (Long.parseLong(w) > seconds) {
                longer.put(key, w);
              }
            });
    return longer;
  }

  /**
   * From the events themselves: buyer messages after the buyer's last AGENT message, ≤ 30 min; a
   * buyer's thanks or OK (events.no-reply-needed) makes nobody wait.
   */
  private static Map<String, String> waitingAt(Instant at) {
    NoReplyNeeded noReplyNeeded = JobConfig.of(Map.of()).noReplyNeeded();
    long atSecond = at.getEpochSecond();
    Map<String, Long> lastAgent = new HashMap<>();
    Map<String, List<Long>> buyerMs = new HashMap<>();
    for (ChatMessage m : chat) {
      long second = m.getTs().getEpochSecond();
      if (second > atSecond || second < DATA.from().getEpochSecond()) {
        continue;
      }
      String key = m.getShopId() + "/" + m.getBuyerId();
      long ms = m.getTs().toEpochMilli();
      if (m.getSenderRole() == SenderRole.AGENT) {
        lastAgent.merge(key, ms, Math::max);
      } else if (m.getSenderRole() == SenderRole.BUYER && !noReplyNeeded.test(m.getText())) {
        buyerMs.computeIfAbsent(key, k -> new ArrayList<>()).add(ms);
      }
    }
    Map<String, String> waiting = new TreeMap<>();
    buyerMs.forEach(
        (key, times) -> {
          long last = lastAgent.getOrDefault(key, 0L);
          times.stream()
              .filter(t -> t > last)
              .min(Long::compare)
              .map(since -> atSecond - Math.floorDiv(since, 1000))
              .filter(w -> w <= 1800)
              .ifPresent(w -> waiting.put(key, String.valueOf(w)));
        });
    return waiting;
  }

  @Test
  void shopAndAgentVariablesNarrowTheRows() {
    String shop = truth.service().keySet().iterator().next();
    List<List<String>> oneShop =
        panel("servicepulse-live-floor", "客服一览", DATA.with("shop", Selection.of(List.of(shop))));
    assertThat(oneShop).isNotEmpty().allMatch(r -> r.get(0).equals(shop));
    String agent =
        truth.service().get(shop).agents().keySet().stream()
            .filter(a -> !a.isEmpty())
            .findFirst()
            .orElseThrow();
    List<List<String>> oneAgent =
        panel(
            "servicepulse-agent-performance",
            "客服询单转化与销售",
            DATA.with("agent", Selection.of(List.of(agent))));
    assertThat(oneAgent).isNotEmpty().allMatch(r -> r.get(2).equals(agent));
  }

  // ------------------------------------------------------------------ agent performance

  @Test
  void conversionAndSalesPerAgentAreTheTruth() {
    assertThat(expectedConversion()).hasSizeGreaterThan(5);
    assertThat(actualConversion()).isEqualTo(expectedConversion());
  }

  @Test
  void replyRatePerBuyerOfEachAgentIsTheTruth() {
    // answered / asked summed over the agent's days (column 12, 回复率（按买家）).
    Map<String, long[]> sums = new TreeMap<>();
    truth
        .buyerReplyByDay()
        .forEach(
            (key, figures) -> {
              String agent = key.substring(0, key.lastIndexOf('/'));
              if (!agent.endsWith("/")) {
                String[] f = figures.split(" ");
                long[] sum = sums.computeIfAbsent(agent, a -> new long[2]);
                sum[0] += Long.parseLong(f[0]);
                sum[1] += Long.parseLong(f[1]);
              }
            });
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> actual = new TreeMap<>();
    for (List<String> r : panel("servicepulse-agent-performance", "客服服务质量", DATA)) {
      String agent = r.get(0) + "/" + r.get(1);
      long[] sum = sums.get(agent);
      expected.put(agent, sum == null ? "none" : String.format("%.9f", (double) sum[1] / sum[0]));
      actual.put(
          agent, r.get(12) == null ? "none" : String.format("%.9f", Double.parseDouble(r.get(12))));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.values()).anyMatch(rate -> !rate.equals("none") && !rate.startsWith("1.0"));
  }

  @Test
  void shopRollUpShowsSilentOrdersAndTotalSalesAsTheTruth() {
    assertThat(actualShopRollUp()).isEqualTo(expectedShopRollUp());
  }

  private static Map<String, String> expectedConversion() {
    Map<String, String> expected = new TreeMap<>();
    truth
        .attribution()
        .forEach(
            (shop, a) ->
                a.agents()
                    .forEach(
                        (agent, c) -> {
                          String f =
                              conversion(
                                  c.inquiries(),
                                  c.inquiriesOrdered(),
                                  c.inquiriesPaidByNextDay(),
                                  c.inquiriesPaidWithinValidity(),
                                  c.ordersOwned(),
                                  c.ownerSales(),
                                  c.assistedOrders(),
                                  c.assistedFollowUps(),
                                  c.followedUpBuyers(),
                                  c.refunds());
                          if (!f.equals(ZERO_CONVERSION)) {
                            expected.put(shop + "/" + agent, f);
                          }
                        }));
    return expected;
  }

  private static Map<String, String> actualConversion() {
    Map<String, String> actual = new TreeMap<>();
    for (List<String> r : panel("servicepulse-agent-performance", "客服询单转化与销售", DATA)) {
      long inquiries = Long.parseLong(r.get(3));
      String f =
          conversion(
              inquiries,
              Math.round(Double.parseDouble(r.get(4)) * inquiries),
              Math.round(Double.parseDouble(r.get(5)) * inquiries),
              Math.round(Double.parseDouble(r.get(6)) * inquiries),
              Long.parseLong(r.get(7)),
              new BigDecimal(r.get(9)),
              Long.parseLong(r.get(11)),
              Long.parseLong(r.get(12)),
              // 协助跟进人数: last in the SELECT, so the other columns keep their indexes.
              Long.parseLong(r.get(16)),
              Long.parseLong(r.get(13)));
      if (!f.equals(ZERO_CONVERSION)) {
        actual.put(r.get(0) + "/" + r.get(2), f);
      }
    }
    return actual;
  }

  private static Map<String, String> expectedShopRollUp() {
    Map<String, String> expected = new TreeMap<>();
    truth
        .attribution()
        .forEach(
            (shop, a) ->
                expected.put(
                    shop,
                    a.silentOrders() + " " + money(a.silentSales()) + " " + money(a.totalSales())));
    return expected;
  }

  private static Map<String, String> actualShopRollUp() {
    Map<String, String> actual = new TreeMap<>();
    for (List<String> r : panel("servicepulse-agent-performance", "店铺汇总与静默下单", DATA)) {
      actual.put(
          r.get(0),
          r.get(6) + " " + money(new BigDecimal(r.get(7))) + " " + money(new BigDecimal(r.get(8))));
    }
    return actual;
  }

  @Test
  void slaSharesAndBotHandOffsPerShopEqualTheTruth() {
    Map<String, String> expected = new TreeMap<>();
    truth
        .service()
        .forEach(
            (shop, s) -> {
              GroundTruth.ServiceCounts t = s.total();
              if (t.turns() > 0) {
                expected.put(
                    shop,
                    String.format(
                        "%.6f %.6f %.6f",
                        t.answeredWithin30s() / (double) t.turns(),
                        t.answeredWithin60s() / (double) t.turns(),
                        t.answeredWithin180s() / (double) t.turns()));
              }
            });
    Map<String, String> actual = new TreeMap<>();
    Map<String, String> bots = new TreeMap<>();
    for (List<String> r : panel("servicepulse-agent-performance", "应答时效 SLA（按店铺）", DATA)) {
      actual.put(
          r.get(0),
          String.format(
              "%.6f %.6f %.6f",
              Double.parseDouble(r.get(3)),
              Double.parseDouble(r.get(4)),
              Double.parseDouble(r.get(5))));
      assertThat(Double.parseDouble(r.get(6))).as("first reply within 10 s").isBetween(0.0, 1.0);
      bots.put(
          r.get(0), String.format("%.6f %s %s", Double.parseDouble(r.get(7)), r.get(8), r.get(9)));
    }
    assertThat(actual).isNotEmpty().isEqualTo(expected);
    Map<String, long[]> botTruth = new TreeMap<>();
    truth
        .botTurnsByDay()
        .forEach(
            (shopDay, f) -> {
              long[] sum =
                  botTruth.computeIfAbsent(
                      shopDay.substring(0, shopDay.indexOf('/')), k -> new long[2]);
              sum[0] += Long.parseLong(f.split(" ")[0]);
              sum[1] += Long.parseLong(f.split(" ")[1]);
            });
    Map<String, String> expectedBots = new TreeMap<>();
    truth
        .service()
        .forEach(
            (shop, s) -> {
              long[] b = botTruth.getOrDefault(shop, new long[2]);
              if (s.total().turns() > 0) {
                expectedBots.put(
                    shop,
                    String.format("%.6f %d %d", b[0] / (double) s.total().turns(), b[0], b[1]));
              }
            });
    assertThat(bots).as("机器人接待占比, 机器人接待轮次, 机器人转人工").isEqualTo(expectedBots);
  }

  // ------------------------------------------------------------------ coaching and orders

  @Test
  void coachingListsEveryOneOfTheAgentsSlowAndUnansweredTurns() {
    int agents = 0;
    for (Map.Entry<String, GroundTruth.ShopService> shop : truth.service().entrySet()) {
      for (Map.Entry<String, GroundTruth.ServiceCounts> a : shop.getValue().agents().entrySet()) {
        long problems = a.getValue().slow() + a.getValue().unanswered();
        if (a.getKey().isEmpty() || problems == 0 || problems >= 500 || agents >= 3) {
          continue;
        }
        agents++;
        Context one =
            DATA.with("shop", Selection.single(shop.getKey()))
                .with("agent", Selection.single(a.getKey()));
        assertThat(panel("servicepulse-agent-coaching", "本人的慢响应与未回复轮次", one))
            .as("%s/%s", shop.getKey(), a.getKey())
            .hasSize((int) problems);
        assertThat(panel("servicepulse-agent-coaching", "本人与同组对比", one)).isNotEmpty();
      }
    }
    assertThat(agents).isPositive();
  }

  @Test
  void ordersBoardListsLostInquiriesAndPaidOrdersPerShopAsTheTruth() {
    Map<String, Long> expectedLost = new TreeMap<>();
    Map<String, Long> expectedPaid = new TreeMap<>();
    truth
        .attribution()
        .forEach(
            (shop, a) -> {
              long lost = a.total().inquiries() - a.total().inquiriesOrdered();
              if (lost > 0) {
                expectedLost.put(shop, lost);
              }
              if (a.paidOrders() > 0) {
                expectedPaid.put(shop, a.paidOrders());
              }
            });
    Map<String, Long> lost = new TreeMap<>();
    for (List<String> r : panel("servicepulse-orders", "流失：询单未下单", DATA)) {
      lost.merge(r.get(5), 1L, Long::sum);
    }
    assertThat(lost).isNotEmpty().isEqualTo(expectedLost);
    Map<String, Long> paid = new TreeMap<>();
    for (List<String> r : panel("servicepulse-orders", "各店铺退款率", DATA)) {
      paid.put(r.get(0), Long.parseLong(r.get(1)));
    }
    assertThat(paid).isEqualTo(expectedPaid);
    assertThat(panel("servicepulse-orders", "退款原因", DATA)).isNotEmpty();
  }

  // ------------------------------------------------------------------ QA

  @Test
  void reviewQueueShowsEveryFlagByCategoryNewestFirst() {
    // What QaJob wrote, counted straight from the table.
    Map<String, Long> expected = new TreeMap<>();
    for (List<String> r :
        run(
            "SELECT category, count() FROM qa_flags FINAL WHERE retracted = 0 GROUP BY category"
                + " ORDER BY category")) {
      expected.put(r.get(0), Long.parseLong(r.get(1)));
    }
    long flags = expected.values().stream().mapToLong(Long::longValue).sum();
    assertThat(flags).isPositive();
    Map<String, Long> byCategory = new TreeMap<>();
    for (List<String> r : panel("servicepulse-qa-queue", "按类别", DATA)) {
      byCategory.put(r.get(0), Long.parseLong(r.get(1)));
    }
    assertThat(byCategory).isEqualTo(expected);
    long bySeverity = 0;
    for (List<String> r : panel("servicepulse-qa-queue", "按严重程度", DATA)) {
      bySeverity += Long.parseLong(r.get(1));
    }
    assertThat(bySeverity).isEqualTo(flags);
    Map<String, Long> perAgent = new TreeMap<>();
    for (List<String> r : panel("servicepulse-qa-queue", "按客服与类别", DATA)) {
      perAgent.merge(r.get(2), Long.parseLong(r.get(4)), Long::sum);
    }
    assertThat(perAgent).isEqualTo(expected);
    List<List<String>> newest = panel("servicepulse-qa-queue", "最新标记", DATA);
    assertThat(newest).hasSize((int) Math.min(flags, 500));
    assertThat(newest.get(0).get(0).compareTo(newest.get(newest.size() - 1).get(0)))
        .isGreaterThanOrEqualTo(0);

    // Every uncivil message of the generator is in the queue with its categories, and no civil
    // message is (QaJobITCase's check, here on what the QA team sees).
    Map<String, Set<String>> queued = new TreeMap<>();
    for (List<String> r : newestFlags(DATA.from().getEpochSecond(), DATA.to().getEpochSecond())) {
      queued.computeIfAbsent(r.get(11), k -> new TreeSet<>()).add(r.get(2));
    }
    Map<String, Set<String>> uncivil = uncivilMessages();
    assertThat(uncivil).isNotEmpty();
    Map<String, String> missingCategories = new TreeMap<>();
    uncivil.forEach(
        (id, categories) -> {
          if (!queued.getOrDefault(id, Set.of()).containsAll(categories)) {
            missingCategories.put(id, categories + " but queued " + queued.get(id));
          }
        });
    assertThat(missingCategories).as("uncivil messages missing a category").isEmpty();
    Set<String> falseFlags = new TreeSet<>(queued.keySet());
    falseFlags.removeAll(uncivil.keySet());
    assertThat(falseFlags).as("civil messages flagged: %s", flagRows(falseFlags)).isEmpty();
  }

  @Test
  void precisionPanelsShowEachRulesAndCategorysConfirmedShareOfTheLatestVerdicts() {
    // The latest decision of each message, and its current rules and categories, from the rows.
    Map<String, String> latest = new HashMap<>();
    Map<String, Long> at = new HashMap<>();
    for (List<String> r : run("SELECT message_id, decision, decided_ms FROM qa_verdicts FINAL")) {
      long ms = Long.parseLong(r.get(2));
      if (ms > at.getOrDefault(r.get(0), Long.MIN_VALUE)) {
        at.put(r.get(0), ms);
        latest.put(r.get(0), r.get(1));
      }
    }
    Map<String, long[]> byRule = new TreeMap<>();
    Map<String, long[]> byCategory = new TreeMap<>();
    Map<String, Set<String>> categoriesOf = new HashMap<>();
    for (List<String> r :
        run("SELECT message_id, rule_id, category FROM qa_flags FINAL WHERE retracted = 0")) {
      String decision = latest.get(r.get(0));
      if (decision == null) {
        continue;
      }
      tally(byRule, r.get(1), decision);
      if (categoriesOf.computeIfAbsent(r.get(0), k -> new TreeSet<>()).add(r.get(2))) {
        tally(byCategory, r.get(2), decision);
      }
    }
    assertThat(byRule).isNotEmpty();
    assertThat(byRule.values().stream().mapToLong(c -> c[1]).sum()).isPositive();
    assertThat(byRule).doesNotContainKey("zh.threat.old");
    // The retracted THREAT flag's confirm is not counted: its rule is not listed at all.
    assertPrecision("规则准确率（按复核结论）", byRule);
    assertPrecision("类别准确率（按复核结论）", byCategory);
    // Lowest precision first; rules with only unsure decisions (NULL) last.
    List<List<String>> rows = panel("servicepulse-qa-queue", "规则准确率（按复核结论）", DATA);
    for (int i = 1; i < rows.size(); i++) {
      String before = rows.get(i - 1).get(4);
      String here = rows.get(i).get(4);
      if (before == null) {
        assertThat(here).as("after a NULL row").isNull();
      } else if (here != null) {
        assertThat(Double.parseDouble(here)).isGreaterThanOrEqualTo(Double.parseDouble(before));
      }
    }
  }

  @Test
  void aRetractedFlagIsInNoCurrentFlagPanel() {
    assertThat(retractedMessage).isNotNull();
    assertThat(count("SELECT count() FROM qa_flags WHERE message_id = '" + retractedMessage + "'"))
        .as("the stale flag and its tombstone are stored")
        .isEqualTo(2);
    for (List<String> r : newestFlags(DATA.from().getEpochSecond(), DATA.to().getEpochSecond())) {
      assertThat(r.get(11)).isNotEqualTo(retractedMessage);
    }
    assertThat(count("SELECT sum(flags) FROM qa_daily"))
        .isEqualTo(count("SELECT count() FROM qa_flags FINAL WHERE retracted = 0"))
        .isLessThan(count("SELECT count() FROM qa_flags FINAL"));
  }

  private static void tally(Map<String, long[]> counts, String key, String decision) {
    long[] c = counts.computeIfAbsent(key, k -> new long[3]);
    switch (decision) {
      case "confirm" -> c[0]++;
      case "false_alarm" -> c[1]++;
      default -> c[2]++;
    }
  }

  /**
   * The panel's rows against the counts: the same keys, the same confirmed / false alarm / unsure
   * counts, precision confirmed / (confirmed + false alarms) to 4 decimals (NULL when undecided).
   */
  private static void assertPrecision(String title, Map<String, long[]> counts) {
    Map<String, List<String>> rows = new TreeMap<>();
    for (List<String> r : panel("servicepulse-qa-queue", title, DATA)) {
      rows.put(r.get(0), r);
    }
    assertThat(rows.keySet()).as(title).isEqualTo(counts.keySet());
    counts.forEach(
        (key, c) -> {
          List<String> r = rows.get(key);
          assertThat(r.subList(1, 4))
              .as("%s %s", title, key)
              .containsExactly(String.valueOf(c[0]), String.valueOf(c[1]), String.valueOf(c[2]));
          if (c[0] + c[1] == 0) {
            assertThat(r.get(4)).as("%s %s: NULL", title, key).isNull();
          } else {
            assertThat(Double.parseDouble(r.get(4)))
                .as("%s %s", title, key)
                .isCloseTo(
                    (double) c[0] / (c[0] + c[1]), org.assertj.core.data.Offset.offset(1e-4));
          }
        });
  }

  @Test
  void conversationViewShowsTheWholeChatWithTheFlaggedSpanMarked() {
    UncivilMessage flagged = truth.qa().uncivil().get(0);
    ChatMessage m =
        chat.stream()
            .filter(c -> c.getEventId().equals(flagged.eventId()))
            .findFirst()
            .orElseThrow();
    Instant ts = m.getTs();
    Context around =
        new Context(ts.minusSeconds(1800), ts.plusSeconds(1800), 60, Map.of())
            .with("shop", Selection.single(m.getShopId()))
            .with("buyer", Selection.single(m.getBuyerId()))
            .with("message", Selection.single(m.getEventId()));
    List<List<String>> rows = panel("servicepulse-qa-conversation", "会话", around);
    long inRange =
        chat.stream()
            .filter(
                c -> c.getShopId().equals(m.getShopId()) && c.getBuyerId().equals(m.getBuyerId()))
            .filter(
                c ->
                    c.getTs().getEpochSecond() >= around.from().getEpochSecond()
                        && c.getTs().getEpochSecond() <= around.to().getEpochSecond())
            .count();
    assertThat(rows).hasSize((int) inRange);
    List<String> marked =
        rows.stream().filter(r -> r.get(3).equals("▶ flagged")).findFirst().orElseThrow();
    assertThat(marked.get(6)).isEqualTo(m.getEventId());
    // The span of the message's most severe flag, as QaJob stored it, in 【】 in the masked text.
    List<List<String>> stored =
        run(
            "SELECT severity, span_start, span_end, matched_text, masked_text, category"
                + " FROM qa_flags FINAL WHERE message_id = '"
                + m.getEventId()
                + "'");
    assertThat(stored).isNotEmpty();
    int top = stored.stream().mapToInt(r -> Integer.parseInt(r.get(0))).max().orElseThrow();
    Set<String> spans = new TreeSet<>();
    for (List<String> r : stored) {
      if (Integer.parseInt(r.get(0)) == top) {
        int start = Integer.parseInt(r.get(1));
        int end = Integer.parseInt(r.get(2));
        String masked = r.get(4);
        spans.add(masked.substring(0, start) + "【" + r.get(3) + "】" + masked.substring(end));
      }
    }
    assertThat(marked.get(4)).isIn(spans);
    Set<String> shown = new TreeSet<>();
    for (List<String> r : panel("servicepulse-qa-conversation", "质检标记详情", around)) {
      shown.add(r.get(1));
    }
    assertThat(shown)
        .containsAll(flagged.categories().stream().map(Enum::name).toList())
        .isEqualTo(stored.stream().map(r -> r.get(5)).collect(Collectors.toSet()));
  }

  @Test
  void aQuoteInATextboxValueCannotChangeTheQuery() {
    Context hostile =
        DATA.with("shop", Selection.single("x' OR 1=1 OR 'a'='a"))
            .with("buyer", Selection.single("x' OR 1=1 OR 'a'='a"))
            .with("message", Selection.single("x"));
    assertThat(panel("servicepulse-qa-conversation", "会话", hostile)).isEmpty();
  }

  // ------------------------------------------------------------------ pipeline health

  @Test
  void pipelineHealthCountsEventsInAndDeadLetters() {
    Context now = pipelineContext();
    List<List<String>> in = rows("servicepulse-pipeline-health", "时间范围内", "A", now);
    assertThat(in.get(0).get(0)).isEqualTo(String.valueOf(truth.ingest().chatMessages()));
    assertThat(rows("servicepulse-pipeline-health", "时间范围内", "B", now))
        .containsExactly(List.of(String.valueOf(truth.ingest().orderEvents())));
    long decodeAtIngest = 0;
    for (List<String> r : panel("servicepulse-pipeline-health", "按原因的死信", now)) {
      if (r.get(0).equals("ingest") && r.get(1).equals("decode")) {
        decodeAtIngest += Long.parseLong(r.get(3));
      }
    }
    assertThat(decodeAtIngest).isEqualTo(truth.ingest().malformedTotal());
    assertThat(panel("servicepulse-pipeline-health", "每秒写入事件", now)).isNotEmpty();
  }

  @Test
  void freshnessPanelShowsTheNewestRowOfEveryJobsTables() {
    Map<String, Long> rows = new TreeMap<>();
    for (List<String> r : panel("servicepulse-pipeline-health", "各作业数据新鲜度（最新一行的写入时间）", DATA)) {
      rows.put(r.get(0) + "/" + r.get(1), Long.parseLong(r.get(4)));
    }
    assertThat(rows).hasSize(15).allSatisfy((table, n) -> assertThat(n).as(table).isPositive());
    assertThat(rows.keySet().stream().map(k -> k.split("/")[0]).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("ingest", "service-metrics", "attribution", "qa", "aftersales");
  }

  // ------------------------------------------------------------------ after-sales board

  @Test
  void theAfterSalesBoardShowsEachAgentsCasesDisputesRatingsAndCostsAsTheTruth() {
    Map<String, String> expected = new TreeMap<>();
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> costs = new TreeMap<>();
    truth
        .afterSales()
        .shops()
        .forEach(
            (shop, s) ->
                s.kpiByAgentDay()
                    .forEach(
                        (agentDay, k) -> {
                          String day = agentDay.substring(agentDay.indexOf('/') + 1);
                          if (day.compareTo("2025-06-01") < 0 || day.compareTo("2025-06-06") > 0) {
                            return;
                          }
                          String key = shop + "/" + agentDay.substring(0, agentDay.indexOf('/'));
                          long[] c = counts.computeIfAbsent(key, x -> new long[3]);
                          c[0] += k.cases();
                          c[1] += k.escalated();
                          c[2] += k.feedback().serviceRatings() + k.feedback().productReviews();
                          costs.merge(key, k.costs().total(), BigDecimal::add);
                        }));
    counts.forEach(
        (key, c) ->
            expected.put(
                key, c[0] + " " + c[1] + " " + c[2] + " " + costs.get(key).toPlainString()));
    Map<String, String> actual = new TreeMap<>();
    for (List<String> r : panel("servicepulse-after-sales", "各客服售后 KPI", DATA)) {
      // shop, agent, cases, 4 rates and costs…, disputes (9), ratings (10); cost (6) in yuan.
      String cost =
          new BigDecimal(r.get(6)).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
      actual.put(
          r.get(0) + "/" + r.get(1), r.get(2) + " " + r.get(9) + " " + r.get(10) + " " + cost);
    }
    assertThat(actual).isEqualTo(expected).isNotEmpty();
    List<List<String>> workload = panel("servicepulse-after-sales", "客服工作量：在线、转接与接待压力", DATA);
    assertThat(workload)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(Double.parseDouble(r.get(2))).isPositive());
    // 峰值同时接待 (column 10): the agent's busiest day in the range, as the truth sweeps it.
    Map<String, Long> peaks = new TreeMap<>();
    truth
        .concurrencyByAgentDay()
        .forEach(
            (key, figures) ->
                peaks.merge(
                    key.substring(0, key.lastIndexOf('/')),
                    Long.parseLong(figures.split(" ")[0]),
                    Math::max));
    Map<String, Long> expectedPeaks = new TreeMap<>();
    Map<String, Long> actualPeaks = new TreeMap<>();
    for (List<String> r : workload) {
      String agent = r.get(0) + "/" + r.get(1);
      expectedPeaks.put(agent, peaks.getOrDefault(agent, 0L));
      actualPeaks.put(agent, Long.parseLong(r.get(10)));
    }
    // This small scenario has no agent with two buyers at once (ServiceMetricsJobITCase's has).
    assertThat(actualPeaks).isEqualTo(expectedPeaks).containsValue(1L);

    // The live floor's 今日峰值同时接待 (column 6): the peak of the day the range ends in.
    Context endOfDay =
        new Context(DATA.from(), Instant.parse("2025-06-02T15:00:00Z"), 60, Map.of());
    Map<String, Long> expectedToday = new TreeMap<>();
    Map<String, Long> actualToday = new TreeMap<>();
    for (List<String> r : panel("servicepulse-live-floor", "客服状态与接待（当前）", endOfDay)) {
      String agent = r.get(0) + "/" + r.get(1);
      String figures = truth.concurrencyByAgentDay().get(agent + "/2025-06-02");
      expectedToday.put(agent, figures == null ? 0L : Long.parseLong(figures.split(" ")[0]));
      actualToday.put(agent, Long.parseLong(r.get(6)));
    }
    assertThat(actualToday).isEqualTo(expectedToday).containsValue(1L);
  }

  // ------------------------------------------------------------------ a current engine

  @Test
  void theDdlAndEveryQueryGiveTheSameRowsOnACurrentClickHouse(@TempDir Path work) throws Exception {
    // A required tool that is missing fails the build (infra/setup.sh installs npm), never skips.
    assertThat(ChdbRunner.install(CHDB_DIR))
        .as(
            "chdb (npm) could not be installed; see the log above and run infra/setup.sh (it"
                + " installs npm). The ClickHouse 26.x check is required.")
        .isTrue();
    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> tables = new ArrayList<>();
    List<String> ddl = new ArrayList<>();
    Pattern create = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)");
    // A column a later migration adds (qa_flags.retracted, 044) is stored data too.
    Pattern addColumn = Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN (\\w+)");
    Map<String, List<String>> columnsOf = new LinkedHashMap<>();
    for (ClickHouseMigrations.Migration m : ClickHouseMigrations.bundled()) {
      for (String statement : m.statements()) {
        ddl.add(statement);
        Matcher t = create.matcher(statement);
        if (t.find()) {
          columnsOf.put(t.group(1), new ArrayList<>(ChdbRunner.storedColumns(statement)));
        }
        Matcher a = addColumn.matcher(statement);
        if (a.find()) {
          columnsOf.get(a.group(1)).add(a.group(2));
        }
      }
    }
    for (Map.Entry<String, List<String>> t : columnsOf.entrySet()) {
      Path file = work.resolve(t.getKey() + ".tsv");
      Files.writeString(
          file, exportTsv("SELECT " + String.join(", ", t.getValue()) + " FROM " + t.getKey()));
      tables.add(Map.of("name", t.getKey(), "columns", t.getValue(), "file", file.toString()));
    }
    List<Expanded> queries = new ArrayList<>();
    defaultContexts()
        .forEach((d, c) -> queries.addAll(PanelRuns.expand(d, c, DashboardQueriesITCase::run)));
    queries.addAll(alertQueries());
    List<Map<String, String>> manifestQueries = new ArrayList<>();
    queries.forEach(q -> manifestQueries.add(Map.of("where", q.where(), "sql", q.sql())));
    Path manifest = work.resolve("manifest.json");
    json.writeValue(
        manifest.toFile(), Map.of("ddl", ddl, "tables", tables, "queries", manifestQueries));

    JsonNode out = ChdbRunner.run(CHDB_DIR, manifest, work.resolve("out.json"));
    assertThat(out.path("version").asText()).startsWith("26.");
    List<String> failures = new ArrayList<>();
    out.path("ddl")
        .forEach(
            d -> {
              if (!d.path("ok").asBoolean()) {
                failures.add("DDL: " + d.path("error").asText());
              }
            });
    for (JsonNode t : out.path("loaded")) {
      String name = t.path("table").asText();
      if (!t.path("ok").asBoolean()) {
        failures.add("load " + name + ": " + t.path("error").asText());
      } else if (t.path("rows").asLong() != count("SELECT count() FROM " + name + " FINAL")) {
        failures.add("load " + name + ": " + t.path("rows").asLong() + " rows");
      }
    }
    for (int i = 0; i < queries.size(); i++) {
      JsonNode r = out.path("queries").get(i);
      Expanded q = queries.get(i);
      if (!r.path("ok").asBoolean()) {
        failures.add(q.where() + ": " + r.path("error").asText());
        continue;
      }
      List<String> modern = ChdbRunner.normalise(r.path("tsv").asText());
      List<String> old = ChdbRunner.normalise(exportTsv(q.sql()));
      if (!modern.equals(old)) {
        failures.add(q.where() + ": 26.x rows " + modern + " != 18.16.1 rows " + old);
      }
    }
    assertThat(failures).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static Map<Dashboard, Context> defaultContexts() {
    Map<Dashboard, Context> contexts = new LinkedHashMap<>();
    UncivilMessage flagged = truth.qa().uncivil().get(0);
    ChatMessage m =
        chat.stream()
            .filter(c -> c.getEventId().equals(flagged.eventId()))
            .findFirst()
            .orElseThrow();
    for (Dashboard d : dashboards) {
      Context c =
          switch (d.uid()) {
            case "servicepulse-pipeline-health" -> pipelineContext();
            case "servicepulse-qa-conversation" ->
                DATA.with("shop", Selection.single(m.getShopId()))
                    .with("buyer", Selection.single(m.getBuyerId()))
                    .with("message", Selection.single(m.getEventId()));
            default -> DATA;
          };
      contexts.put(d, c);
    }
    return contexts;
  }

  /** Dead letters and ingest times are wall-clock: a range around this test's run. */
  private static Context pipelineContext() {
    return new Context(
        pipelineStarted.minusSeconds(3600), Instant.now().plusSeconds(3600), 60, Map.of());
  }

  /** The generator's uncivil messages: event id → its categories. */
  private static Map<String, Set<String>> uncivilMessages() {
    return truth.qa().uncivil().stream()
        .collect(
            Collectors.toMap(
                UncivilMessage::eventId,
                u -> u.categories().stream().map(Enum::name).collect(Collectors.toSet())));
  }

  /** What QaJob wrote: message id → its flagged categories. */
  private static Map<String, Set<String>> flaggedMessages() {
    Map<String, Set<String>> flagged = new HashMap<>();
    for (List<String> r : run("SELECT message_id, category FROM qa_flags FINAL")) {
      flagged.computeIfAbsent(r.get(0), k -> new TreeSet<>()).add(r.get(1));
    }
    return flagged;
  }

  /**
   * Every row of the "最新标记" panel between two epoch seconds, the range halved (as a user would
   * narrow the time picker) until no part hits the panel's LIMIT 500.
   */
  private static List<List<String>> newestFlags(long from, long to) {
    List<List<String>> rows =
        panel(
            "servicepulse-qa-queue",
            "最新标记",
            new Context(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to), 60, Map.of()));
    if (rows.size() < 500) {
      return rows;
    }
    assertThat(to - from).as("more than 500 flags in one second").isPositive();
    long middle = from + (to - from) / 2;
    List<List<String>> all = new ArrayList<>(newestFlags(from, middle));
    // $__timeFilter includes both ends: the second at the cut is in the first half already.
    newestFlags(middle + 1, to).forEach(all::add);
    return all;
  }

  private static List<List<String>> flagRows(Set<String> messageIds) {
    return run(
            "SELECT message_id, category, rule_id, matched_text, masked_text FROM qa_flags FINAL")
        .stream()
        .filter(r -> messageIds.contains(r.get(0)))
        .limit(20)
        .toList();
  }

  private static List<List<String>> panel(String uid, String title, Context c) {
    return rows(uid, title, "A", c);
  }

  private static List<List<String>> rows(String uid, String title, String refId, Context c) {
    Dashboard d = dashboards.stream().filter(x -> x.uid().equals(uid)).findFirst().orElseThrow();
    String where = uid + " / " + title + " / " + refId;
    Expanded q =
        PanelRuns.expand(d, c, DashboardQueriesITCase::run).stream()
            .filter(e -> e.where().equals(where))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no panel query " + where));
    return run(q.sql());
  }

  private static List<List<String>> run(String sql) {
    return STACK.queryClickHouse(sql);
  }

  private static long count(String sql) {
    return Long.parseLong(run(sql).get(0).get(0));
  }

  /** The raw TabSeparated body, as a file the other engine can read. */
  private static String exportTsv(String sql) throws Exception {
    URI uri =
        URI.create(
            "http://"
                + STACK.clickHouseHost()
                + ":"
                + STACK.clickHouseHttpPort()
                + "/?database="
                + URLEncoder.encode(STACK.database(), StandardCharsets.UTF_8)
                + "&default_format=TabSeparated");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static String figures(
      long turns,
      long answered,
      long unanswered,
      long slow,
      long agentMessages,
      double avg,
      double max) {
    return String.format(
        "turns=%d answered=%d unanswered=%d slow=%d agentMessages=%d avg=%.3f max=%.3f",
        turns, answered, unanswered, slow, agentMessages, avg, max);
  }

  private static final String ZERO_CONVERSION =
      conversion(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0);

  private static String conversion(
      long inquiries,
      long ordered,
      long paidNextDay,
      long paidInValidity,
      long owned,
      BigDecimal netSales,
      long assisted,
      long followUps,
      long followedUpBuyers,
      long refunds) {
    return String.format(
        "inquiries=%d ordered=%d paidNextDay=%d paidFinal=%d owned=%d netSales=%s assisted=%d"
            + " followUps=%d followedUpBuyers=%d refunds=%d",
        inquiries,
        ordered,
        paidNextDay,
        paidInValidity,
        owned,
        money(netSales),
        assisted,
        followUps,
        followedUpBuyers,
        refunds);
  }

  private static String money(BigDecimal v) {
    return v.setScale(2).toPlainString();
  }
}
