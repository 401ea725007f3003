// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.config;

import io.servicepulse.common.chat.NoReplyNeeded;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The configuration keys every ServicePulse job shares (Kafka, ClickHouse, schemas, the Flink job,
 * event time, the shop calendar), typed, namespaced, with default and description. A job's own keys
 * live in its module ({@link JobOptions}). The README's configuration table is printed from these
 * classes ({@link ConfigTable}), so the two cannot drift apart. Values come from {@link JobConfig}.
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

  public static final ConfigOption<Duration> CLICKHOUSE_LIVE_FLUSH_INTERVAL =
      ConfigOptions.key("clickhouse.live-flush-interval")
          .durationType()
          .defaultValue(Duration.ofMillis(250))
          .withDescription(
              "The same for the tables managers watch live (turns, service_minute, wait_alerts):"
                  + " shorter, so a turn shows within 2 s; the other tables keep fewer, larger"
                  + " inserts. Up to 4 inserts/s per table and subtask at the default: raise it if"
                  + " ClickHouse reports too many parts. Rows of a catch-up wait for"
                  + " clickhouse.catch-up-flush-interval.");

  public static final ConfigOption<Duration> CLICKHOUSE_CATCH_UP_FLUSH_INTERVAL =
      ConfigOptions.key("clickhouse.catch-up-flush-interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withDescription(
              "The same for a buffer that holds only rows of a catch-up (record time over 1 min"
                  + " behind the clock: a replay, a backlog after an outage), which nobody watches"
                  + " arrive: fewer, larger inserts, so ClickHouse merges less while the job"
                  + " catches up (a metrics replay: 3.3–4.1 CPU-s of ClickHouse instead of"
                  + " 6.8–6.9). At least clickhouse.flush-interval; a checkpoint still writes"
                  + " every row before it completes.");

  public static final ConfigOption<Integer> CLICKHOUSE_MAX_RETRIES =
      ConfigOptions.key("clickhouse.max-retries")
          .intType()
          .defaultValue(8)
          .withDescription(
              "Retries per sink flush while ClickHouse is unreachable or fails for a reason"
                  + " other than a bad value (missing table, too many parts, memory, timeout,"
                  + " read-only), with exponential backoff; then the job fails and its restart"
                  + " strategy restarts it from the last checkpoint, which rides out longer"
                  + " outages. Retries run on the sink's writer thread; a checkpoint waits for"
                  + " them.");

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

  public static final ConfigOption<String> EVENTS_NO_REPLY_NEEDED =
      ConfigOptions.key("events.no-reply-needed")
          .stringType()
          .defaultValue(NoReplyNeeded.ACKNOWLEDGEMENTS)
          .withDescription(
              "A Java regular expression: a buyer message whose whole text (NFKC-normalised,"
                  + " trimmed, any case) matches it needs no reply (“好的/谢谢”, “ok thanks”, emoji,"
                  + " ads): it never opens a turn, so it counts in no reply rate, response time,"
                  + " unanswered turn, waiting buyer or N-minute rate. Inside an open turn it is just another"
                  + " message of that turn. Empty: every buyer message can open a turn.");

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
                  + " duplicate'). About 174 bytes of heap per remembered id (infra/bench.sh metrics --phases state).");

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

  // --- Shop calendar (every job; the keys keep the metrics. prefix they were born with) -----

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

  /**
   * The key prefixes of the jobs' own options ({@link JobOptions}). A key under one of them that no
   * option on this classpath declares belongs to another job: a config shared by every job may hold
   * it, and this job leaves it alone. Any other unknown key is an error.
   */
  public static final List<String> JOB_PREFIXES =
      List.of("metrics.", "attribution.", "aftersales.", "qa.");

  /** The shared options above, in declaration order, for docs and validation. */
  public static List<ConfigOption<?>> all() {
    return declaredIn(ServicePulseOptions.class);
  }

  /** The {@code static ConfigOption} fields of {@code holder}, in declaration order. */
  static List<ConfigOption<?>> declaredIn(Class<?> holder) {
    List<ConfigOption<?>> options = new ArrayList<>();
    for (Field field : holder.getDeclaredFields()) {
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
