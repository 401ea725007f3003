// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.clickhouse.ClickHouseMigrations;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.common.testing.EventFixtures;
import io.servicepulse.common.testing.StackConfigs;
import io.servicepulse.events.OrderStatus;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import io.servicepulse.stack.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Records in a real Kafka, their dead letters in a real ClickHouse, replayed by the command. */
class DeadLetterReplayITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  private static final DeadLetterTable TABLE = new DeadLetterTable();

  private static JobConfig config;
  private static String chat;
  private static String expired;

  // chat topic: an event two jobs dead-lettered, a value larger than the stored cap, garbage.
  private static RawRecord event;
  private static RawRecord huge;
  private static RawRecord garbage;
  private static DeadLetter ingestInvalid;
  private static DeadLetter metricsInvalid;
  private static DeadLetter hugeLetter;
  private static DeadLetter garbageLetter;
  // expired topic: both records deleted (as retention would) after they were dead-lettered.
  private static DeadLetter expiredSmall;
  private static DeadLetter expiredHuge;
  // no address: a late event whose stored payload is the encoded order.
  private static DeadLetter late;
  private static byte[] orderBytes;

  @BeforeAll
  static void recordsAndTheirDeadLetters() throws Exception {
    config = StackConfigs.forStack(STACK, Map.of());
    new ClickHouseMigrations(ClickHouseConnectionFactory.from(config)).migrate();
    chat = STACK.createTopic("chat-messages", 2);
    expired = STACK.createTopic("expired", 1);

    ReleasedSchemas schemas = ReleasedSchemas.bundled();
    byte[] eventBytes =
        EventCodec.chatMessages(schemas)
            .encode(EventFixtures.agentSays(EventFixtures.secs(1), "agent-1", "x".repeat(5000)));
    byte[] hugeBytes = new byte[100_000];
    new Random(7).nextBytes(hugeBytes);
    event = produce(chat, 0, "shop-1|buyer-1".getBytes(StandardCharsets.UTF_8), eventBytes);
    huge = produce(chat, 1, "k-huge".getBytes(StandardCharsets.UTF_8), hugeBytes);
    garbage = produce(chat, 0, null, "not avro".getBytes(StandardCharsets.UTF_8));
    RawRecord small = produce(expired, 0, null, "small".getBytes(StandardCharsets.UTF_8));
    RawRecord big = produce(expired, 0, null, hugeBytes);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
      admin
          .deleteRecords(
              Map.of(new TopicPartition(expired, 0), RecordsToDelete.beforeOffset(big.offset + 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    ingestInvalid = DeadLetter.ofRecord("ingest", "invalid", "text too long", "", event, "m-1");
    metricsInvalid = DeadLetter.ofRecord("metrics", "invalid", "text too long", "", event, "m-1");
    hugeLetter = DeadLetter.ofRecord("ingest", "decode", "CORRUPT", "", huge, null);
    garbageLetter = DeadLetter.ofRecord("ingest", "decode", "BAD_HEADER", "", garbage, null);
    expiredSmall = DeadLetter.ofRecord("ingest", "decode", "BAD_HEADER", "", small, null);
    expiredHuge = DeadLetter.ofRecord("ingest", "decode", "CORRUPT", "", big, null);
    orderBytes =
        EventCodec.orderEvents(schemas)
            .encode(EventFixtures.order(EventFixtures.secs(0), "o-1", OrderStatus.PAID, "9.90"));
    late = DeadLetter.ofEvent("metrics", "late", "older than allowed lateness", "", "o-1-paid", "");
    late.payload = orderBytes;

    try (Connection connection = ClickHouseConnectionFactory.from(config).open();
        PreparedStatement st = connection.prepareStatement(TABLE.insertSql())) {
      for (DeadLetter letter :
          List.of(
              ingestInvalid,
              metricsInvalid,
              hugeLetter,
              garbageLetter,
              expiredSmall,
              expiredHuge,
              late,
              ingestInvalid)) { // written twice, as after a job restart: still one row
        TABLE.bind(st, letter, 0, System.currentTimeMillis());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  @Test
  void sendsTheExactOriginalsOncePerAddressEvenWhenTwoJobsDeadLetteredOne() {
    String target = STACK.createTopic("target-all", 1);
    Result result = replay("--where", "source_topic = '" + chat + "'", "--to-topic", target);

    assertThat(result.code).as(result.out).isZero();
    List<ConsumerRecord<byte[], byte[]>> records = readAll(target);
    assertThat(records).hasSize(3);
    assertSame(find(records, event), event);
    assertSame(find(records, huge), huge);
    assertSame(find(records, garbage), garbage);
    assertThat(find(records, huge).value()).hasSize(100_000);
    assertThat(result.out)
        .contains("已重发 sent: " + ingestInvalid.deadLetterId)
        .contains("同一记录 same record as")
        .contains("合计 total: 4 封死信 dead letters, 3 条不同记录 distinct records; 已重发 sent 4");
  }

  @Test
  void whereChoosesTheLetters() {
    String target = STACK.createTopic("target-invalid", 1);
    Result result =
        replay(
            "--where",
            "stage = 'invalid' AND reason = 'text too long'",
            "--to-topic",
            target,
            "--limit",
            "2");

    assertThat(result.code).as(result.out).isZero();
    List<ConsumerRecord<byte[], byte[]>> records = readAll(target);
    assertThat(records).hasSize(1);
    assertSame(records.get(0), event);
  }

  @Test
  void aDryRunListsButSendsNothing() {
    String target = STACK.createTopic("target-dry", 1);
    Result result = replay("--where", "1 = 1", "--to-topic", target, "--dry-run");

    assertThat(result.code).as(result.out).isZero();
    assertThat(readAll(target)).isEmpty();
    assertThat(result.out)
        .contains("将重发 would send: " + hugeLetter.deadLetterId)
        .contains("未找到 not found: " + expiredHuge.deadLetterId)
        .contains("nothing sent");
  }

  @Test
  void aRecordGoneFromKafkaFallsBackToACompleteStoredPayloadElseIsNotFound() {
    String target = STACK.createTopic("target-expired", 1);
    Result result = replay("--where", "source_topic = '" + expired + "'", "--to-topic", target);

    assertThat(result.code).as(result.out).isEqualTo(1);
    List<ConsumerRecord<byte[], byte[]>> records = readAll(target);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isNull();
    assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("small");
    assertThat(result.out)
        .contains("未找到 not found: " + expiredHuge.deadLetterId)
        .contains("stored payload is cut at 65536 bytes")
        .contains("已重发 sent 1, 已跳过 skipped 0, 未找到 not found 1");
  }

  @Test
  void withoutToTopicEachRecordGoesBackToItsSourceTopic() {
    Result result = replay("--id", garbageLetter.deadLetterId);

    assertThat(result.code).as(result.out).isZero();
    assertThat(
            readAll(chat).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals("not avro")))
        .hasSize(2);
  }

  @Test
  void aLetterWithoutAddressIsSentAsStoredKeyedLikeProducersOrSkippedWithoutATopic() {
    Result skipped = replay("--id", late.deadLetterId);
    assertThat(skipped.code).as(skipped.out).isEqualTo(1);
    assertThat(skipped.out).contains("已跳过 skipped: " + late.deadLetterId).contains("--to-topic");

    String target = STACK.createTopic("target-late", 1);
    Result result = replay("--id", late.deadLetterId, "--to-topic", target);
    assertThat(result.code).as(result.out).isZero();
    List<ConsumerRecord<byte[], byte[]>> records = readAll(target);
    assertThat(records).hasSize(1);
    assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
        .isEqualTo(EventFixtures.SHOP + "|" + EventFixtures.BUYER);
    assertThat(records.get(0).value()).isEqualTo(orderBytes);
  }

  @Test
  void moreMatchesThanTheLimitAreRefused() {
    String target = STACK.createTopic("target-limit", 1);
    Result result = replay("--where", "1 = 1", "--to-topic", target, "--limit", "3");
    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("more than 3 dead letters match");
    assertThat(readAll(target)).isEmpty();
  }

  @Test
  void anUnknownFlagOrTopicIsAUsageError() {
    assertThat(replay("--where", "1 = 1", "--to", "x").code).isEqualTo(2);
    Result result = replay("--where", "1 = 1", "--to-topic", STACK.topic("missing"));
    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("does not exist");
  }

  private record Result(int code, String out, String err) {}

  private static Result replay(String... args) {
    String[] all =
        Stream.concat(
                Stream.of(
                    "--kafka.bootstrap-servers",
                    bootstrap(),
                    "--clickhouse.url",
                    STACK.clickHouseUrl()),
                Stream.of(args))
            .toArray(String[]::new);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        DeadLetterReplay.run(
            all,
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String bootstrap() {
    return STACK.bootstrapServers();
  }

  private static RawRecord produce(String topic, int partition, byte[] key, byte[] value)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key, value);
      record.headers().add("origin", "test".getBytes(StandardCharsets.UTF_8));
      RecordMetadata meta = producer.send(record).get(30, TimeUnit.SECONDS);
      return new RawRecord(topic, partition, meta.offset(), meta.timestamp(), key, value);
    }
  }

  /** Every record of the topic, up to its end offsets now (the replay has flushed). */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static ConsumerRecord<byte[], byte[]> find(
      List<ConsumerRecord<byte[], byte[]>> records, RawRecord original) {
    String address = original.address();
    return records.stream()
        .filter(
            r ->
                address.equals(
                    new String(
                        r.headers().lastHeader(DeadLetterReplay.REPLAY_HEADER).value(),
                        StandardCharsets.UTF_8)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no replay of " + address));
  }

  private static void assertSame(ConsumerRecord<byte[], byte[]> replayed, RawRecord original) {
    assertThat(replayed.key()).isEqualTo(original.key);
    assertThat(replayed.value()).isEqualTo(original.value);
    assertThat(replayed.headers().lastHeader("origin").value())
        .isEqualTo("test".getBytes(StandardCharsets.UTF_8));
  }
}
