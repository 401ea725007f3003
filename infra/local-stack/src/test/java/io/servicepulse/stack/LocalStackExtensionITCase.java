// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalStackExtensionITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void producedRecordIsConsumedFromTheRealBroker() throws Exception {
    String topic = STACK.createTopic("chat-messages", 2);
    assertThat(topic).startsWith("LocalStackExtensionITCase-").endsWith("-chat-messages");

    RecordMetadata sent;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                // A compressed batch proves the broker's classpath carries the codecs.
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "zstd"),
            new StringSerializer(),
            new StringSerializer())) {
      sent = producer.send(new ProducerRecord<>(topic, "buyer-1", "你好, is this in stock?")).get();
    }

    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "round-trip",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      pollUntil(
          () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return !received.isEmpty();
          },
          DEADLINE,
          "the produced record on " + topic);
    }

    assertThat(received).hasSize(1);
    ConsumerRecord<String, String> record = received.get(0);
    assertThat(record.key()).isEqualTo("buyer-1");
    assertThat(record.value()).isEqualTo("你好, is this in stock?");
    assertThat(record.partition()).isEqualTo(sent.partition());
    assertThat(record.offset()).isEqualTo(sent.offset());
  }

  @Test
  void rowInsertedOverHttpIsReadBackFromTheClassDatabase() {
    STACK.executeClickHouse(
        "CREATE TABLE messages (event_id String, shop_id String, text Nullable(String))"
            + " ENGINE = MergeTree ORDER BY event_id");
    STACK.executeClickHouse(
        "INSERT INTO messages VALUES ('e1', 'shop-1', 'line one\\nline\\ttwo'), ('e2', 'shop-1',"
            + " NULL)");

    assertThat(STACK.queryClickHouse("SELECT event_id, shop_id, text FROM messages ORDER BY 1"))
        .containsExactly(
            Arrays.asList("e1", "shop-1", "line one\nline\ttwo"),
            Arrays.asList("e2", "shop-1", null));
    assertThat(STACK.queryClickHouse("SELECT currentDatabase()"))
        .containsExactly(List.of(STACK.database()));
  }

  @Test
  void endpointsNameTheClassDatabaseAndTheNativePortAcceptsConnections() throws Exception {
    assertThat(STACK.database()).startsWith("t_localstackextensionitcase_");
    assertThat(STACK.clickHouseUrl())
        .isEqualTo(
            "jdbc:clickhouse://"
                + STACK.clickHouseHost()
                + ":"
                + STACK.clickHouseTcpPort()
                + "/"
                + STACK.database());
    assertThat(
            STACK.queryClickHouse(
                "SELECT count() FROM system.databases WHERE name = currentDatabase()"))
        .containsExactly(List.of("1"));
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(STACK.clickHouseHost(), STACK.clickHouseTcpPort()), 2000);
      assertThat(socket.isConnected()).isTrue();
    }
  }
}
