// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every configuration key of every ServicePulse job, typed, namespaced, with its default and
 * description. The README's configuration table is printed from this class ({@link ConfigTable}),
 * so the two cannot drift apart. Values come from {@link JobConfig}.
 */
public final class ServicePulseOptions {

  private ServicePulseOptions() {}

  // --- Kafka -------------------------------------------------------------------------------

  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
      ConfigOptions.key("kafka.bootstrap-servers")
          .stringType()
          .defaultValue("127.0.0.1:9092")
          .withDescription("Kafka brokers to read events from and write dead letters to.");

  public static final ConfigOption<String> KAFKA_CHAT_TOPIC =
      ConfigOptions.key("kafka.chat-topic")
          .stringType()
          .defaultValue("chat-messages")
          .withDescription("Topic of ChatMessage events (Avro single-object encoding).");

  public static final ConfigOption<String> KAFKA_ORDER_TOPIC =
      ConfigOptions.key("kafka.order-topic")
          .stringType()
          .defaultValue("order-events")
          .withDescription("Topic of OrderEvent events (Avro single-object encoding).");

  public static final ConfigOption<String> KAFKA_FEEDBACK_TOPIC =
      ConfigOptions.key("kafka.feedback-topic")
          .stringType()
          .defaultValue("feedback-events")
          .withDescription(
              "Topic of ServiceFeedback events: service ratings and product reviews, each"
                  + " revision an event (Avro single-object encoding).");

  public static final ConfigOption<String> KAFKA_AFTER_SALES_TOPIC =
      ConfigOptions.key("kafka.after-sales-topic")
          .stringType()
          .defaultValue("after-sales-events")
          .withDescription(
              "Topic of AfterSalesEvent events: status changes of after-sales cases with their"
                  + " payouts (Avro single-object encoding).");

  public static final ConfigOption<String> KAFKA_AGENT_TOPIC =
      ConfigOptions.key("kafka.agent-topic")
          .stringType()
          .defaultValue("agent-events")
          .withDescription(
              "Topic of AgentEvent events: agent status changes and transfers of buyers between"
                  + " agents (Avro single-object encoding).");

  public static final ConfigOption<String> KAFKA_ALERTS_TOPIC =
      ConfigOptions.key("kafka.alerts-topic")
          .stringType()
          .defaultValue("wait-alerts")
          .withDescription(
              "Topic that receives waiting-buyer alerts and their updates as JSON, keyed by"
                  + " alert id (for chat bots, paging, the console).");

  public static final ConfigOption<String> KAFKA_DEAD_LETTER_TOPIC =
      ConfigOptions.key("kafka.dead-letter-topic")
          .stringType()
          .defaultValue("dead-letters")
          .withDescription("Topic that receives every record a job could not use, as JSON.");

  public static final ConfigOption<String> KAFKA_GROUP_ID_PREFIX =
      ConfigOptions.key("kafka.group-id-prefix")
          .stringType()
          .defaultValue("servicepulse")
          .withDescription(
              "Consumer group prefix; each job appends its name. Offsets live in Flink"
                  + " checkpoints, the group only shows progress in Kafka tools.");

  public static final ConfigOption<String> KAFKA_STARTING_OFFSETS =
      ConfigOptions.key("kafka.starting-offsets")
          .stringType()
          .defaultValue("earliest")
          .withDescription(
              "Where a job without a checkpoint starts: earliest, latest or committed (the"
                  + " group's committed offsets, else earliest). A restored job always resumes"
                  + " from its checkpoint.");

  public static final ConfigOption<String> KAFKA_STOPPING_OFFSETS =
      ConfigOptions.key("kafka.stopping-offsets")
          .stringType()
          .defaultValue("none")
          .withDescription(
              "none: read for ever (production). latest: stop at the end offsets the job sees when"
                  + " it starts, then finish (a bounded backfill; infra/bench.sh compare).");

  // --- ClickHouse --------------------------------------------------------------------------

  public static final ConfigOption<String> CLICKHOUSE_URL =
      ConfigOptions.key("clickhouse.url")
          .stringType()
          .defaultValue("jdbc:clickhouse://127.0.0.1:9000/servicepulse")
          .withDescription(
              "JDBC URL including the database, jdbc:clickhouse://host:port/db. The port is the"
                  + " one clickhouse.driver speaks: tcp_port (9000) for the native driver,"
                  + " http_port (8123) or https_port (8443, add ?ssl=true) for the official one."
                  + " A URL that does not fit the driver is refused when the job starts.");

  public static final ConfigOption<String> CLICKHOUSE_DRIVER =
      ConfigOptions.key("clickhouse.driver")
          .stringType()
          .defaultValue("com.github.housepower.jdbc.ClickHouseDriver")
          .withDescription(
              "JDBC driver class. com.github.housepower.jdbc.ClickHouseDriver (native TCP"
                  + " protocol, tested against ClickHouse 18.16) or com.clickhouse.jdbc.Driver"
                  + " (the official driver over HTTP(S), for ClickHouse 24+ and ClickHouse"
                  + " Cloud); both are in the job jars. Another driver must be on the job's"
                  + " classpath.");

  public static final ConfigOption<String> CLICKHOUSE_USER =
      ConfigOptions.key("clickhouse.user")
          .stringType()
          .defaultValue("default")
          .withDescription("ClickHouse user.");

  public static final ConfigOption<String> CLICKHOUSE_PASSWORD_FILE =
      ConfigOptions.key("clickhouse.password-file")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "File holding the ClickHouse password. Or set SERVICEPULSE_CLICKHOUSE_PASSWORD;"
                  + " a password is never read from the command line or a config file.");

  public static final ConfigOption<Integer> CLICKHOUSE_BATCH_SIZE =
      ConfigOptions.key("clickhouse.batch-size")
          .intType()
          .defaultValue(20_000)
          .withDescription("Rows per INSERT; a batch is also flushed on every checkpoint.");

  public static final ConfigOption<Duration> CLICKHOUSE_FLUSH_INTERVAL =
      ConfigOptions.key("clickhouse.flush-interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(1))
          .withDescription("Longest time a row waits in the sink buffer; bounds dashboard delay.");

  public static final ConfigOption<Integer> CLICKHOUSE_MAX_RETRIES =
      ConfigOptions.key("clickhouse.max-retries")
          .intType()
          .defaultValue(8)
          .withDescription(
              "Retries per sink flush while ClickHouse is unreachable or fails for a reason"
                  + " other than a bad value (missing table, too many parts, memory, timeout,"
                  + " read-only), with exponential backoff; then the job fails and its restart"
                  + " strategy restarts it from the last checkpoint, which rides out longer"
                  + " outages. Bounds how long one flush blocks the task.");

  public static final ConfigOption<Duration> CLICKHOUSE_RETRY_BACKOFF =
      ConfigOptions.key("clickhouse.retry-backoff")
          .durationType()
          .defaultValue(Duration.ofMillis(200))
          .withDescription("First retry delay; doubles per retry up to 30 s.");

  public static final ConfigOption<Duration> CLICKHOUSE_CONNECT_TIMEOUT =
      ConfigOptions.key("clickhouse.connect-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "Longest wait to open a connection to ClickHouse (native driver: whole seconds;"
                  + " official driver: its connection_timeout).");

  public static final ConfigOption<Duration> CLICKHOUSE_QUERY_TIMEOUT =
      ConfigOptions.key("clickhouse.query-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription(
              "Longest wait for an answer from ClickHouse during a query or insert (native"
                  + " driver: whole seconds; official driver: its socket_timeout), so a frozen"
                  + " server fails the attempt, which is retried, instead of hanging inserts and"
                  + " checkpoints.");

  // --- Schemas -----------------------------------------------------------------------------

  public static final ConfigOption<String> SCHEMAS_DIR =
      ConfigOptions.key("schemas.dir")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Folder of extra *.avsc versions, so a running job decodes events from producers"
                  + " upgraded before it. The released versions are built in.");

  // --- Flink job ---------------------------------------------------------------------------

  public static final ConfigOption<Duration> JOB_CHECKPOINT_INTERVAL =
      ConfigOptions.key("job.checkpoint-interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "Checkpoint interval. Kafka offsets are stored in checkpoints and sinks flush on"
                  + " each, so this bounds the replay after a failure.");

  public static final ConfigOption<String> JOB_CHECKPOINT_DIR =
      ConfigOptions.key("job.checkpoint-dir")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Checkpoint storage URI (file:///..., s3://...); retained on cancellation so a job"
                  + " can be restarted from it. Unset: the cluster's default, which in a local"
                  + " runtime is the JobManager's memory (at most 5 MB of state per task).");

  public static final ConfigOption<String> JOB_RESTORE_FROM =
      ConfigOptions.key("job.restore-from")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "A retained checkpoint or savepoint to start from (its folder or _metadata path),"
                  + " e.g. after a crash. Kafka offsets and state resume from it.");

  public static final ConfigOption<Integer> JOB_PARALLELISM =
      ConfigOptions.key("job.parallelism")
          .intType()
          .defaultValue(-1)
          .withDescription("Job parallelism; -1 uses the cluster default.");

  public static final ConfigOption<Duration> EVENTS_MAX_OUT_OF_ORDERNESS =
      ConfigOptions.key("events.max-out-of-orderness")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription("Watermark delay behind the largest event time seen.");

  public static final ConfigOption<Duration> EVENTS_ALLOWED_LATENESS =
      ConfigOptions.key("events.allowed-lateness")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withDescription(
              "Events this far behind the watermark still correct their aggregates (upsert);"
                  + " later ones go to dead letters with stage 'late'.");

  public static final ConfigOption<Duration> EVENTS_SOURCE_IDLENESS =
      ConfigOptions.key("events.source-idleness")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription(
              "A Kafka partition silent this long stops holding the watermark back, if it was"
                  + " live: its newest event at most events.allowed-lateness behind the clock."
                  + " One that has delivered nothing since the job (re)started waits the longer"
                  + " of this and events.backlog-idleness.");

  public static final ConfigOption<Duration> EVENTS_BACKLOG_IDLENESS =
      ConfigOptions.key("events.backlog-idleness")
          .durationType()
          .defaultValue(Duration.ofMinutes(2))
          .withDescription(
              "A Kafka partition that falls silent while reading a backlog (its newest event"
                  + " further behind the clock) is presumed unreachable (broker outage, restore)"
                  + " and holds the watermark this long before it counts as idle, so its backlog"
                  + " is not judged late against partitions that came back first.");

  public static final ConfigOption<Duration> EVENTS_MAX_AHEAD =
      ConfigOptions.key("events.max-ahead")
          .durationType()
          .defaultValue(Duration.ofHours(1))
          .withDescription(
              "An event whose ts is further ahead of the clock (when a job reads it) is a dead"
                  + " letter (stage 'invalid', reason 'ts ahead of clock') and never moves a"
                  + " watermark: one far-future event would make every later event late.");

  public static final ConfigOption<String> EVENTS_EARLIEST =
      ConfigOptions.key("events.earliest")
          .stringType()
          .defaultValue("2000-01-01T00:00:00Z")
          .withDescription(
              "An event whose ts is before this instant is a dead letter (stage 'invalid',"
                  + " reason 'ts before floor').");

  public static final ConfigOption<Integer> EVENTS_MAX_TEXT_BYTES =
      ConfigOptions.key("events.max-text-bytes")
          .intType()
          .defaultValue(256 * 1024)
          .withDescription(
              "Longest chat text in UTF-8 bytes; a longer message is a dead letter (stage"
                  + " 'invalid', reason 'text too long') whose full bytes stay at its Kafka"
                  + " address. Ids longer than 256 characters and amounts beyond Decimal(18, 2)"
                  + " are dead letters too.");

  public static final ConfigOption<Duration> EVENTS_DEDUP_RETENTION =
      ConfigOptions.key("events.dedup-retention")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withDescription(
              "How long (processing time) each job remembers an event_id. Within it the first"
                  + " copy a job reads is the event; an identical later copy is dropped, one with"
                  + " other content is a dead letter (stage 'invalid', reason 'conflicting"
                  + " duplicate'). About 170 bytes of heap per remembered id.");

  public static final ConfigOption<String> EVENTS_TIME_ZONE =
      ConfigOptions.key("events.time-zone")
          .stringType()
          .defaultValue("Asia/Shanghai")
          .withDescription(
              "Shops' time zone unless events.shop-time-zones gives a shop its own, the same for"
                  + " every job so their days line up: the day of a turn and business hours,"
                  + " inquiry and sales days, after-sales KPI days, qa_flags.day.");

  public static final ConfigOption<String> EVENTS_SHOP_TIME_ZONES =
      ConfigOptions.key("events.shop-time-zones")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Shops in another time zone than events.time-zone: entries SHOP=ZONE separated by"
                  + " ',' or ';', e.g. 'shop-07=America/New_York,shop-09=Europe/London'. Every"
                  + " job reads it; a row's day is its shop's local day.");

  // --- Service metrics (ServiceMetricsJob) -------------------------------------------------

  public static final ConfigOption<Duration> METRICS_SESSION_GAP =
      ConfigOptions.key("metrics.session-gap")
          .durationType()
          .defaultValue(Duration.ofMinutes(30))
          .withDescription(
              "A buyer's messages with a longer gap between them belong to different"
                  + " conversations.");

  public static final ConfigOption<Duration> METRICS_REPLY_TIMEOUT =
      ConfigOptions.key("metrics.reply-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(30))
          .withDescription(
              "A turn with no human answer this long after its start (or before its conversation"
                  + " ends) is unanswered, credited to the agent the buyer was routed to, else"
                  + " to the shop.");

  public static final ConfigOption<Duration> METRICS_SLOW_THRESHOLD =
      ConfigOptions.key("metrics.slow-threshold")
          .durationType()
          .defaultValue(Duration.ofSeconds(100))
          .withDescription("A turn answered after more than this is a slow response (慢响应).");

  public static final ConfigOption<String> METRICS_BUSINESS_HOURS_START =
      ConfigOptions.key("metrics.business-hours-start")
          .stringType()
          .defaultValue("08:00")
          .withDescription(
              "Start (inclusive, shop time) of the business hours the N-minute reply rate"
                  + " counts turns in.");

  public static final ConfigOption<String> METRICS_BUSINESS_HOURS_END =
      ConfigOptions.key("metrics.business-hours-end")
          .stringType()
          .defaultValue("23:00")
          .withDescription("End (exclusive, shop time; 24:00 = midnight) of the business hours.");

  public static final ConfigOption<String> METRICS_BUSINESS_HOURS_BY_PLATFORM =
      ConfigOptions.key("metrics.business-hours-by-platform")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Business hours of a platform's shops (their local time): entries"
                  + " PLATFORM=HH:MM-HH:MM separated by ',' or ';', platform in any case, e.g."
                  + " 'taobao=08:00-24:00'. Wins over metrics.business-hours-start/-end.");

  public static final ConfigOption<String> METRICS_BUSINESS_HOURS_BY_SHOP =
      ConfigOptions.key("metrics.business-hours-by-shop")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Business hours of single shops (their local time): entries SHOP=HH:MM-HH:MM"
                  + " separated by ',' or ';', e.g. 'shop-07=00:00-24:00'. Wins over the shop's"
                  + " platform entry.");

  public static final ConfigOption<Duration> METRICS_N_MINUTE =
      ConfigOptions.key("metrics.n-minute")
          .durationType()
          .defaultValue(Duration.ofMinutes(3))
          .withDescription(
              "N of the per-buyer N-minute human reply rate (人工N分钟回复率): a buyer is missed if"
                  + " any business-hours turn waits longer than this for a human answer.");

  public static final ConfigOption<Boolean> METRICS_BOTS_ANSWER =
      ConfigOptions.key("metrics.bots-answer")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Whether BOT messages (auto-replies, quick-reply robots) answer a turn. SYSTEM"
                  + " messages never do; bot answers never count for the N-minute rate or as a"
                  + " human answer of a conversation.");

  public static final ConfigOption<List<Duration>> METRICS_WAIT_ALERTS =
      ConfigOptions.key("metrics.wait-alerts")
          .durationType()
          .asList()
          .defaultValues(Duration.ofSeconds(30), Duration.ofSeconds(100), Duration.ofMinutes(3))
          .withDescription(
              "A buyer waiting longer than each of these for an answer raises a waiting-buyer"
                  + " alert (Kafka kafka.alerts-topic and ClickHouse wait_alerts), closed when"
                  + " the turn is answered or times out.");

  public static final ConfigOption<String> METRICS_WAIT_ALERTS_BY =
      ConfigOptions.key("metrics.wait-alerts-by")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Other waiting-buyer thresholds for a platform or a shop: entries"
                  + " KEY=DURATION/DURATION… separated by ';', KEY a platform (taobao, douyin, …;"
                  + " any case) or a shop id, e.g. 'douyin=30 s/3 min;shop-07=1 min'. A shop's"
                  + " entry wins over its platform's, which wins over metrics.wait-alerts.");

  // --- Attribution (AttributionJob) --------------------------------------------------------

  public static final ConfigOption<String> ATTRIBUTION_RULE =
      ConfigOptions.key("attribution.rule")
          .stringType()
          .defaultValue("ORDER_CREATED")
          .withDescription(
              "When an order's owner (落实客服) is decided: ORDER_CREATED (下单判定, the last agent"
                  + " to answer before the order was created) or ORDER_PAID (付款判定, before it"
                  + " was paid).");

  public static final ConfigOption<Duration> ATTRIBUTION_INQUIRY_VALIDITY =
      ConfigOptions.key("attribution.inquiry-validity")
          .durationType()
          .defaultValue(Duration.ofDays(2))
          .withDescription(
              "How long an agent's answer can win an order (询单有效期), 1 to 15 days; also the"
                  + " window of 询单→最终付款.");

  public static final ConfigOption<Duration> ATTRIBUTION_FOLLOW_UP_WINDOW =
      ConfigOptions.key("attribution.follow-up-window")
          .durationType()
          .defaultValue(Duration.ofDays(3))
          .withDescription(
              "Agents answering after the decision and within this time of the order's creation"
                  + " (cut short when it completes, is cancelled or refunded) get assisted"
                  + " follow-up (协助跟进).");

  public static final ConfigOption<Duration> ATTRIBUTION_ORDER_RETENTION =
      ConfigOptions.key("attribution.order-retention")
          .durationType()
          .defaultValue(Duration.ofDays(30))
          .withDescription(
              "How long after its last event an order's attribution stays in state, so a late"
                  + " refund still reverses its owner's sales. Never less than 2 × inquiry-validity"
                  + " + follow-up-window + 2 days, which the job needs to finish the order's days.");

  // --- After-sales KPIs (AfterSalesJob) ----------------------------------------------------

  public static final ConfigOption<Duration> AFTERSALES_CORRECTION_WINDOW =
      ConfigOptions.key("aftersales.correction-window")
          .durationType()
          .defaultValue(Duration.ofDays(40))
          .withDescription(
              "How long after its shop-local day a KPI row (agent_kpi_daily) can still be"
                  + " corrected: a rating modified or a payout made up to this long after the day"
                  + " moves that day's row; later ones are dead letters (stage 'late'). 40 days"
                  + " lets a month be corrected early in the next (the shops close on the 3rd).");

  // --- Quality inspection (QaJob) ------------------------------------------------------------

  public static final ConfigOption<String> QA_MODEL_ROOT =
      ConfigOptions.key("qa.model-root")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Folder holding CoreNLP's edu/stanford/nlp/models/... files. Unset: the models on"
                  + " the classpath, e.g. servicepulse-qa-*-corenlp-models.jar in Flink's lib/.");

  public static final ConfigOption<Integer> QA_CACHE_SIZE =
      ConfigOptions.key("qa.cache-size")
          .intType()
          .defaultValue(50_000)
          .withDescription(
              "Inspection results kept per TaskManager, keyed by normalised text: agents repeat"
                  + " quick phrases all day, so most messages skip CoreNLP.");

  public static final ConfigOption<String> QA_SHOP_HOTLINES =
      ConfigOptions.key("qa.shop-hotlines")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "The shop's own service numbers, comma-separated, in any format (400-820-8820,"
                  + " +86 138 0013 8000): an agent giving them out is not a privacy leak. Toll-free"
                  + " numbers (NANP 800/833/844/855/866/877/888, China 400/800) never are.");

  /** All options above, in declaration order, for docs and validation. */
  public static List<ConfigOption<?>> all() {
    List<ConfigOption<?>> options = new ArrayList<>();
    for (Field field : ServicePulseOptions.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
        try {
          options.add((ConfigOption<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return options;
  }
}
