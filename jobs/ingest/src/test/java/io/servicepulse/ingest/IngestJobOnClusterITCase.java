// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.ingest;

import static io.servicepulse.common.testing.EventFixtures.agentReplies;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.message;
import static io.servicepulse.common.testing.EventFixtures.order;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.testing.JobJars;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.events.SenderRole;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import io.servicepulse.stack.ConditionTimeoutException;
import io.servicepulse.stack.FlinkRest;
import io.servicepulse.stack.FlinkSessionCluster;
import io.servicepulse.stack.LocalStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed path: the shaded job jar ({@code *-job.jar}, built by {@code package}) submitted
 * through the REST API to a real Flink standalone cluster (JobManager and TaskManager JVMs),
 * reading the real Kafka and writing the real ClickHouse, exactly as {@code infra/flink.sh submit}
 * does. Then cancelled and restarted from its retained checkpoint with {@code --job.restore-from}.
 */
class IngestJobOnClusterITCase {

  private static final String JOB_JAR_PROPERTY = "ingest.job.jar";
  private static final int CHAT_PAIRS = 150;
  private static final int ORDERS = 200;
  private static final int LATER_CHATS = 50;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir static Path flinkDir;

  private static FlinkSessionCluster cluster;

  @BeforeAll
  static void startCluster() {
    // Not in parallel with Kafka: servers that start together can take each other's free ports.
    cluster = FlinkSessionCluster.start(flinkDir, 1, false);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void jobJarIngestsOnTheClusterAndResumesFromItsRetainedCheckpoint() throws Exception {
    Path jar = JobJars.fromProperty(JOB_JAR_PROPERTY);
    String chatTopic = STACK.createTopic("chat-messages", 2);
    String orderTopic = STACK.createTopic("order-events", 2);
    String deadLetterTopic = STACK.createTopic("dead-letters", 1);
    List<String> jobArgs =
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
            "1 s");
    EventCodec<ChatMessage> chats = EventCodec.chatMessages(ReleasedSchemas.bundled());
    EventCodec<OrderEvent> orders = EventCodec.orderEvents(ReleasedSchemas.bundled());
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int i = 0; i < CHAT_PAIRS; i++) {
        send(producer, chatTopic, chats.encode(buyerSays(secs(2L * i), "在吗 " + i)));
        send(producer, chatTopic, chats.encode(agentReplies(secs(2L * i + 1), "agent-1")));
      }
      for (int i = 0; i < ORDERS; i++) {
        send(
            producer,
            orderTopic,
            orders.encode(order(secs(i), "o-" + i, OrderStatus.CREATED, "9")));
      }
      send(
          producer,
          chatTopic,
          chats.encode(message(secs(1), SenderRole.AGENT, "no agent id").build()));
      send(producer, chatTopic, new byte[] {(byte) 0xC3, 0x01, 9, 9, 9, 9, 9, 9, 9, 9, 2});
      send(producer, chatTopic, new byte[0]);
      send(producer, orderTopic, "garbage".getBytes());
    }

    FlinkRest rest = cluster.rest();
    String firstRun = rest.submit(jar, jobArgs);
    awaitJob(
        rest,
        firstRun,
        () ->
            count("messages FINAL") == 2 * CHAT_PAIRS
                && count("orders FINAL") == ORDERS
                && count("dead_letters FINAL") == 4,
        "all valid events in ClickHouse and the 4 bad records as dead letters");

    assertThat(rest.jobStatus(firstRun)).as("bad input does not stop the job").isEqualTo("RUNNING");
    // What an operator's Prometheus scrapes: restarts and checkpoints from the JobManager, the
    // Kafka source's backlog from the TaskManager.
    pollUntil(
        () -> {
          String scraped = scrapeMetrics();
          return scraped.contains("flink_jobmanager_job_numRestarts")
              && scraped.contains("flink_jobmanager_job_lastCheckpointDuration")
              && scraped.contains("pendingRecords");
        },
        TIMEOUT,
        "Prometheus metrics of the job on the cluster's metrics ports");
    // Every Flink metric the pipeline-health dashboard's PromQL reads is one the cluster exports,
    // labelled by job name as the panels group it.
    String scraped = scrapeMetrics();
    assertThat(dashboardMetricNames()).isNotEmpty().allMatch(scraped::contains);
    assertThat(scraped).contains("job_name=\"ServicePulse_ingest\"");
    assertThat(STACK.queryClickHouse("SELECT source_topic, stage, reason FROM dead_letters FINAL"))
        .extracting(row -> String.join(" ", row))
        .containsExactlyInAnyOrder(
            chatTopic + " invalid AGENT message without agent_id",
            chatTopic + " decode UNKNOWN_SCHEMA",
            chatTopic + " decode EMPTY",
            orderTopic + " decode BAD_HEADER");

    awaitJob(
        rest,
        firstRun,
        () -> latestCheckpoint(firstRun).isPresent(),
        "a completed checkpoint of the first run");
    rest.cancel(firstRun);
    pollUntil(() -> rest.jobStatus(firstRun).equals("CANCELED"), TIMEOUT, "the cancellation");
    Path checkpoint = latestCheckpoint(firstRun).orElseThrow();

    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int i = 0; i < LATER_CHATS; i++) {
        send(producer, chatTopic, chats.encode(buyerSays(secs(1000 + i), "还在吗 " + i)));
      }
    }
    String secondRun =
        rest.submit(
            jar,
            Stream.concat(jobArgs.stream(), Stream.of("--job.restore-from", checkpoint.toString()))
                .toList());
    awaitJob(
        rest,
        secondRun,
        () -> count("messages FINAL") == 2 * CHAT_PAIRS + LATER_CHATS,
        "the messages sent while the job was down");

    assertThat(rest.restoredFrom(secondRun))
        .hasValueSatisfying(path -> assertThat(path).endsWith(checkpoint.getFileName().toString()));
    assertThat(count("orders FINAL")).isEqualTo(ORDERS);
    assertThat(count("dead_letters FINAL")).isEqualTo(4);
    rest.cancel(secondRun);
  }

  /** Polls {@code condition}; on timeout fails with the job's state and latest exception. */
  private static void awaitJob(
      FlinkRest rest, String jobId, Callable<Boolean> condition, String description) {
    try {
      pollUntil(condition, TIMEOUT, description);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage()
              + "; job "
              + jobId
              + " is "
              + rest.jobStatus(jobId)
              + ", logs in "
              + cluster.dir().resolve("log")
              + "\n"
              + rest.rootException(jobId),
          e);
    }
  }

  /** The Flink metric names in the PromQL ({@code "expr"}) of the provisioned dashboards. */
  private static Set<String> dashboardMetricNames() throws IOException {
    Set<String> names = new TreeSet<>();
    Pattern expr = Pattern.compile("\"expr\"\\s*:\\s*\"([^\"]*)\"");
    Pattern metric = Pattern.compile("\\bflink_\\w+");
    try (var files = Files.list(Path.of("../../dashboards/json"))) {
      for (Path f : files.toList()) {
        Matcher e = expr.matcher(Files.readString(f));
        while (e.find()) {
          metric.matcher(e.group(1)).results().forEach(m -> names.add(m.group()));
        }
      }
    }
    return names;
  }

  /** Every process's /metrics page, concatenated (a port not bound yet gives nothing). */
  private static String scrapeMetrics() {
    StringBuilder all = new StringBuilder();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (int port : cluster.metricsPorts()) {
      try {
        all.append(
            http.send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body());
      } catch (java.io.IOException e) {
        // not bound (yet)
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return all.toString();
  }

  private static long count(String table) {
    return Long.parseLong(STACK.queryClickHouse("SELECT count() FROM " + table).get(0).get(0));
  }

  /** The newest chk-N folder with a _metadata file: a completed, retained checkpoint. */
  private static Optional<Path> latestCheckpoint(String jobId) {
    Path dir = cluster.dir().resolve("checkpoints").resolve(jobId);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_metadata")))
          .max(
              Comparator.comparingInt(
                  p -> Integer.parseInt(p.getFileName().toString().substring(4))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    Properties props = new Properties();
    props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
    props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) {
    producer.send(new ProducerRecord<>(topic, value));
  }
}
