// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real Kafka and ClickHouse for integration tests, shared by every test class of the JVM.
 *
 * <pre>{@code
 * @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();
 * ...
 * String topic = STACK.createTopic("chat-messages", 2);
 * STACK.executeClickHouse("CREATE TABLE t (id UInt64) ENGINE = MergeTree ORDER BY id");
 * pollUntil(() -> STACK.queryClickHouse("SELECT count() FROM t").equals(List.of(List.of("1"))),
 *     Duration.ofSeconds(30), "one row in t");
 * }</pre>
 *
 * <p>The broker and the server start on first use (a ClickHouse-only test never starts Kafka) and
 * stop when the JVM exits. Each test class gets its own ClickHouse database, created before its
 * tests and dropped after them (kept with {@code -Dservicepulse.stack.keep-databases=true}, for a
 * look after a failure), and its own topic-name prefix, so classes never see each other's data.
 *
 * <p>To use a stack that is already running (for example {@code infra/stack.sh start}), export
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code CLICKHOUSE_TCP_PORT} and {@code CLICKHOUSE_HTTP_PORT}
 * (and {@code CLICKHOUSE_HOST} if not 127.0.0.1); {@code stack.env} holds exactly these keys.
 *
 * <p>Register it on a static field: the database exists from before-all to after-all.
 */
public final class LocalStackExtension implements BeforeAllCallback, AfterAllCallback {

  static final String KEEP_DATABASES_PROPERTY = "servicepulse.stack.keep-databases";
  private static final long TOPIC_TIMEOUT_SECONDS = 30;

  private Class<?> testClass;
  private String database;
  private String topicPrefix;
  private SharedStack.ClickHouseEndpoint clickHouse;
  private ClickHouseHttp http;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (testClass != null) {
      return; // A @Nested class shares its enclosing class's database and topics.
    }
    testClass = context.getRequiredTestClass();
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
    String name = testClass.getSimpleName().replaceAll("[^A-Za-z0-9]", "_");
    database = "t_" + name.toLowerCase(Locale.ROOT) + "_" + suffix;
    topicPrefix = name + "-" + suffix + "-";
    clickHouse = SharedStack.clickHouse();
    http = new ClickHouseHttp(clickHouse.host(), clickHouse.httpPort());
    http.createDatabase(database);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getRequiredTestClass() != testClass) {
      return;
    }
    // A fault test that failed half-way may have left a server down; the next class needs it.
    SharedStack.restoreStopped();
    if (!Boolean.getBoolean(KEEP_DATABASES_PROPERTY)) {
      http.dropDatabase(database);
    }
    testClass = null;
  }

  /** Kafka {@code bootstrap.servers}; starts the broker on first call. */
  public String bootstrapServers() {
    return SharedStack.kafkaBootstrapServers();
  }

  /** This class's topic name for {@code name}: a per-class prefix plus {@code name}. */
  public String topic(String name) {
    requireStarted();
    return topicPrefix + name;
  }

  /**
   * Creates this class's topic {@code name} (see {@link #topic}) with replication factor 1 and
   * returns its full name once the broker has created it.
   */
  public String createTopic(String name, int partitions) {
    String topic = topic(name);
    try (Admin admin = KafkaBroker.admin(bootstrapServers())) {
      admin
          .createTopics(Set.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(TOPIC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return topic;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + topic, e);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create topic " + topic, e);
    }
  }

  /** This class's ClickHouse database. */
  public String database() {
    requireStarted();
    return database;
  }

  /** {@code jdbc:clickhouse://host:tcpPort/database} for com.github.housepower's native driver. */
  public String clickHouseUrl() {
    return StackEnv.clickHouseUrl(clickHouseHost(), clickHouseTcpPort()) + "/" + database();
  }

  public String clickHouseHost() {
    requireStarted();
    return clickHouse.host();
  }

  public int clickHouseTcpPort() {
    requireStarted();
    return clickHouse.tcpPort();
  }

  public int clickHouseHttpPort() {
    requireStarted();
    return clickHouse.httpPort();
  }

  /**
   * The broker this JVM started, for fault tests: {@link KafkaBroker#stop}, {@link
   * KafkaBroker#kill}, {@link KafkaBroker#pause}/{@link KafkaBroker#resume}, {@link
   * KafkaBroker#start()} (same port, same topics and offsets), {@link KafkaBroker#pid}. Whatever a
   * class leaves down is started again after it. Fails if Kafka comes from the environment.
   */
  public KafkaBroker kafkaBroker() {
    return SharedStack.kafkaBroker();
  }

  /**
   * The ClickHouse server this JVM started, for fault tests, like {@link #kafkaBroker()}: a restart
   * keeps its ports and databases. Fails if ClickHouse comes from the environment.
   */
  public ClickHouseServer clickHouseServer() {
    return SharedStack.clickHouseServer();
  }

  /** Stops Kafka cleanly (SIGTERM); {@link #startKafka} brings it back on the same port. */
  public void stopKafka() {
    kafkaBroker().stop();
  }

  /** Kills Kafka (SIGKILL), as a crash; {@link #startKafka} brings it back on the same port. */
  public void killKafka() {
    kafkaBroker().kill();
  }

  /** Starts Kafka again on the same port and data; returns once it serves (no-op if running). */
  public void startKafka() {
    kafkaBroker().start();
  }

  /** The PID of the Kafka broker's JVM, for signals of a test's own (SIGSTOP, SIGKILL). */
  public long kafkaPid() {
    return kafkaBroker().pid();
  }

  /** Stops ClickHouse cleanly (SIGTERM); {@link #startClickHouse} brings it back. */
  public void stopClickHouse() {
    clickHouseServer().stop();
  }

  /** Kills ClickHouse (SIGKILL), as a crash; {@link #startClickHouse} brings it back. */
  public void killClickHouse() {
    clickHouseServer().kill();
  }

  /** Starts ClickHouse again on the same ports and data; returns once it answers. */
  public void startClickHouse() {
    clickHouseServer().start();
  }

  /** The PID of the ClickHouse server, for signals of a test's own (SIGSTOP, SIGKILL). */
  public long clickHousePid() {
    return clickHouseServer().pid();
  }

  /** Runs a statement that returns no rows in this class's database. */
  public void executeClickHouse(String sql) {
    clickHouseHttp().execute(database, sql);
  }

  /** Runs a query in this class's database; rows of TabSeparated fields, NULL as {@code null}. */
  public List<List<String>> queryClickHouse(String sql) {
    return clickHouseHttp().query(database, sql);
  }

  /** HTTP client of the shared server, for statements in other databases. */
  public ClickHouseHttp clickHouseHttp() {
    requireStarted();
    return http;
  }

  private void requireStarted() {
    if (testClass == null) {
      throw new IllegalStateException(
          "LocalStackExtension is not active: register it on a static field with"
              + " @RegisterExtension, and use it from tests or @BeforeAll/@AfterAll methods.");
    }
  }
}
