// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import io.servicepulse.common.clickhouse.ClickHouseConnectionFactory;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-sends chosen dead letters to Kafka after a fix: reads them from ClickHouse {@code dead_letters
 * FINAL}, takes each record's original key and value from Kafka by address (the stored payload is
 * capped at 64 KiB), and sends each distinct record once with an idempotent producer. Safe to
 * repeat: the jobs are idempotent on event_id, and a record that is still bad is dead-lettered
 * again. See the README's "Replaying dead letters".
 *
 * <p>Exit code: 0 if every chosen letter was sent (or a dry run), 1 otherwise, 2 on usage errors.
 */
public final class DeadLetterReplay {

  /** Header on every replayed record: the address it was replayed from, for tracing. */
  static final String REPLAY_HEADER = "servicepulse-replay-of";

  private DeadLetterReplay() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** One row of dead_letters. */
  record StoredLetter(
      String id,
      String job,
      String stage,
      String reason,
      String sourceTopic,
      int sourcePartition,
      long sourceOffset,
      byte[] payload) {

    boolean hasAddress() {
      return sourcePartition >= 0;
    }

    String address() {
      return sourceTopic + "/" + sourcePartition + "@" + sourceOffset;
    }

    /** Stored payloads are cut at the table's cap; one at the cap may be cut. */
    boolean payloadComplete() {
      return payload.length < DeadLetterJson.MAX_PAYLOAD_BYTES;
    }

    String describe() {
      return id + " " + job + "/" + stage + " '" + reason + "'";
    }
  }

  /** What to send for one distinct record, or why nothing. */
  private record Plan(
      Outcome outcome, String topic, byte[] key, byte[] value, RecordHeaders headers, String note) {

    static Plan send(String topic, byte[] key, byte[] value, RecordHeaders headers, String from) {
      return new Plan(Outcome.SEND, topic, key, value, headers, from);
    }

    Plan withoutBytes() {
      return new Plan(outcome, topic, null, null, null, note);
    }

    static Plan not(Outcome outcome, String why) {
      return new Plan(outcome, null, null, null, null, why);
    }
  }

  private enum Outcome {
    SEND,
    SKIP,
    NOT_FOUND
  }

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      out.print(ReplayOptions.USAGE);
      return 0;
    }
    ReplayOptions options;
    try {
      options = ReplayOptions.parse(args, env);
    } catch (ReplayOptions.UsageException e) {
      err.println("用法错误 usage error: " + e.getMessage());
      err.print(ReplayOptions.USAGE);
      return 2;
    }
    try {
      return replay(options, out);
    } catch (ReplayOptions.UsageException e) {
      err.println("用法错误 usage error: " + e.getMessage());
      return 2;
    } catch (SQLException e) {
      err.println("ClickHouse 查询失败 query failed: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("重发失败 replay failed: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("已中断 interrupted");
      return 1;
    }
  }

  private static int replay(ReplayOptions options, PrintStream out)
      throws ReplayOptions.UsageException, SQLException, InterruptedException {
    List<StoredLetter> letters = select(options);
    if (letters.size() > options.limit()) {
      throw new ReplayOptions.UsageException(
          "more than "
              + options.limit()
              + " dead letters match; narrow the selection or raise --limit");
    }
    String schemasDir = options.config().get(ServicePulseOptions.SCHEMAS_DIR);
    Keys keys =
        new Keys(ReleasedSchemas.bundledPlus(schemasDir == null ? null : Path.of(schemasDir)));
    String bootstrap = options.config().get(ServicePulseOptions.KAFKA_BOOTSTRAP_SERVERS);
    try (KafkaOriginals originals = new KafkaOriginals(bootstrap)) {
      if (options.toTopic() != null && !originals.topicExists(options.toTopic())) {
        throw new ReplayOptions.UsageException(
            "--to-topic " + options.toTopic() + " does not exist");
      }
      // One plan per distinct record: the Kafka address, or the bytes when there is none.
      // Each is sent as soon as it is read and its bytes dropped, so memory stays bounded.
      Map<String, Plan> plans = new LinkedHashMap<>();
      Map<String, String> firstLetter = new HashMap<>();
      Map<String, Future<RecordMetadata>> sent = new HashMap<>();
      List<String> recordOf = new ArrayList<>();
      try (KafkaProducer<byte[], byte[]> producer = options.dryRun() ? null : producer(bootstrap)) {
        for (StoredLetter letter : letters) {
          String record = recordKey(letter, options.toTopic());
          recordOf.add(record);
          if (plans.containsKey(record)) {
            continue;
          }
          Plan plan = plan(letter, options.toTopic(), originals, keys);
          if (producer != null && plan.outcome() == Outcome.SEND) {
            sent.put(
                record,
                producer.send(
                    new ProducerRecord<>(
                        plan.topic(), null, plan.key(), plan.value(), plan.headers())));
          }
          plans.put(record, plan.withoutBytes());
          firstLetter.put(record, letter.id());
        }
        if (producer != null) {
          producer.flush();
        }
      }
      int sentCount = 0;
      int skipped = 0;
      int notFound = 0;
      int failed = 0;
      for (int i = 0; i < letters.size(); i++) {
        StoredLetter letter = letters.get(i);
        String record = recordOf.get(i);
        Plan plan = plans.get(record);
        String line =
            letter.describe() + " " + (letter.hasAddress() ? letter.address() : "(no address)");
        String first = firstLetter.get(record);
        String from = first.equals(letter.id()) ? plan.note() : "同一记录 same record as " + first;
        switch (plan.outcome()) {
          case SKIP -> {
            skipped++;
            out.println("已跳过 skipped: " + line + ": " + plan.note());
          }
          case NOT_FOUND -> {
            notFound++;
            out.println("未找到 not found: " + line + ": " + plan.note());
          }
          case SEND -> {
            if (options.dryRun()) {
              sentCount++;
              out.println("将重发 would send: " + line + " → " + plan.topic() + " (" + from + ")");
              continue;
            }
            try {
              RecordMetadata meta = sent.get(record).get();
              sentCount++;
              out.println(
                  "已重发 sent: "
                      + line
                      + " → "
                      + meta.topic()
                      + "/"
                      + meta.partition()
                      + "@"
                      + meta.offset()
                      + " ("
                      + from
                      + ")");
            } catch (ExecutionException e) {
              failed++;
              out.println("发送失败 send failed: " + line + " → " + plan.topic() + ": " + e.getCause());
            }
          }
        }
      }
      out.println(
          "合计 total: "
              + letters.size()
              + " 封死信 dead letters, "
              + plans.size()
              + " 条不同记录 distinct records; "
              + (options.dryRun() ? "将重发 would send " : "已重发 sent ")
              + sentCount
              + ", 已跳过 skipped "
              + skipped
              + ", 未找到 not found "
              + notFound
              + (failed > 0 ? ", 发送失败 failed " + failed : "")
              + (options.dryRun() ? " (dry run: 未发送 nothing sent)" : ""));
      return options.dryRun() || skipped + notFound + failed == 0 ? 0 : 1;
    }
  }

  static List<StoredLetter> select(ReplayOptions options) throws SQLException {
    Map<String, StoredLetter> letters = new LinkedHashMap<>();
    try (Connection connection = ClickHouseConnectionFactory.from(options.config()).open();
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(options.selectSql())) {
      while (rs.next()) {
        StoredLetter letter =
            new StoredLetter(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getLong(7),
                Base64.getDecoder().decode(rs.getString(8)));
        letters.putIfAbsent(letter.id(), letter);
      }
    }
    return new ArrayList<>(letters.values());
  }

  /** Same Kafka address, or (without one) same bytes to the same topic: the same record. */
  private static String recordKey(StoredLetter letter, String toTopic) {
    if (letter.hasAddress()) {
      return "address " + letter.address();
    }
    String topic = toTopic != null ? toTopic : letter.sourceTopic();
    return "bytes " + topic + " " + Base64.getEncoder().encodeToString(letter.payload());
  }

  private static Plan plan(
      StoredLetter letter, String toTopic, KafkaOriginals originals, Keys keys) {
    String topic = toTopic != null ? toTopic : letter.sourceTopic();
    RecordHeaders headers = new RecordHeaders();
    if (letter.hasAddress()) {
      Optional<ConsumerRecord<byte[], byte[]>> original =
          originals.fetch(letter.sourceTopic(), letter.sourcePartition(), letter.sourceOffset());
      original.ifPresent(r -> r.headers().forEach(headers::add));
      headers.remove(REPLAY_HEADER);
      headers.add(REPLAY_HEADER, letter.address().getBytes(StandardCharsets.UTF_8));
      if (original.isPresent()) {
        ConsumerRecord<byte[], byte[]> record = original.get();
        return Plan.send(topic, record.key(), record.value(), headers, "Kafka 原始记录 original");
      }
      if (!letter.payloadComplete()) {
        return Plan.not(
            Outcome.NOT_FOUND,
            "Kafka 中已无此记录, 存储的载荷不完整 gone from Kafka and the stored payload is cut at "
                + letter.payload().length
                + " bytes");
      }
      return Plan.send(
          topic,
          keys.of(letter.payload()),
          letter.payload(),
          headers,
          "Kafka 中已无, 用存储的载荷 gone from Kafka, stored payload");
    }
    if (topic.isEmpty() || !originals.topicExists(topic)) {
      return Plan.not(
          Outcome.SKIP,
          "无地址, '"
              + topic
              + "' 不是 topic; no address and '"
              + topic
              + "' is not a topic: use --to-topic");
    }
    if (letter.payload().length == 0 || !letter.payloadComplete()) {
      return Plan.not(
          Outcome.SKIP, "无地址, 载荷为空或不完整 no address and the stored payload is empty or cut");
    }
    headers.add(REPLAY_HEADER, ("dead letter " + letter.id()).getBytes(StandardCharsets.UTF_8));
    return Plan.send(
        topic, keys.of(letter.payload()), letter.payload(), headers, "存储的载荷 stored payload");
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "servicepulse-dead-letter-replay");
    // The originals passed the broker once; let the broker's limit, not the client's, decide.
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(64 * 1024 * 1024));
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * The key producers use for bytes that decode as an event — shop_id|buyer_id, shop_id|agent_id
   * for agent events — else none.
   */
  static final class Keys {
    private final List<Keyer<?>> keyers;

    Keys(ReleasedSchemas schemas) {
      this.keyers =
          List.of(
              new Keyer<>(
                  EventCodec.chatMessages(schemas), m -> key(m.getShopId(), m.getBuyerId())),
              new Keyer<>(EventCodec.orderEvents(schemas), o -> key(o.getShopId(), o.getBuyerId())),
              new Keyer<>(
                  EventCodec.serviceFeedback(schemas), f -> key(f.getShopId(), f.getBuyerId())),
              new Keyer<>(
                  EventCodec.afterSalesEvents(schemas), a -> key(a.getShopId(), a.getBuyerId())),
              new Keyer<>(
                  EventCodec.agentEvents(schemas), g -> key(g.getShopId(), g.getAgentId())));
    }

    byte[] of(byte[] value) {
      for (Keyer<?> keyer : keyers) {
        byte[] key = keyer.of(value);
        if (key != null) {
          return key;
        }
      }
      return null;
    }

    private static byte[] key(CharSequence shop, CharSequence second) {
      return (shop + "|" + second).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** One event type's codec and key. */
  private record Keyer<T extends SpecificRecord>(
      EventCodec<T> codec, java.util.function.Function<T, byte[]> key) {
    byte[] of(byte[] value) {
      DecodeResult<T> decoded = codec.decode(value);
      return decoded.isOk() ? key.apply(decoded.event()) : null;
    }
  }
}
