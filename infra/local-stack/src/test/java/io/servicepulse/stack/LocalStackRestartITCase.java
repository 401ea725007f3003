// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fault-test API: one server restarts on its ports with its data while the other runs. */
class LocalStackRestartITCase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void killedClickHouseComesBackOnItsPortsWithItsTablesWhileKafkaRuns() {
    String bootstrapServers = STACK.bootstrapServers();
    long kafkaPid = STACK.kafkaPid();
    STACK.executeClickHouse("CREATE TABLE kept (id UInt64) ENGINE = MergeTree ORDER BY id");
    STACK.executeClickHouse("INSERT INTO kept VALUES (1), (2)");
    int tcpPort = STACK.clickHouseTcpPort();
    int httpPort = STACK.clickHouseHttpPort();
    long pid = STACK.clickHousePid();

    STACK.killClickHouse();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(STACK.clickHouseHttp().ping()).isFalse();

    STACK.startClickHouse();
    assertThat(STACK.clickHousePid()).isNotEqualTo(pid);
    assertThat(STACK.clickHouseServer().tcpPort()).isEqualTo(tcpPort);
    assertThat(STACK.clickHouseServer().httpPort()).isEqualTo(httpPort);
    // The extension's client still points at the old port: it answers again.
    assertThat(STACK.queryClickHouse("SELECT id FROM kept ORDER BY id"))
        .containsExactly(List.of("1"), List.of("2"));
    assertThat(Ports.accepts(tcpPort)).isTrue();

    assertThat(STACK.kafkaPid()).as("Kafka untouched").isEqualTo(kafkaPid);
    assertThat(KafkaBroker.isReachable(bootstrapServers)).isTrue();
  }

  @Test
  void stoppedKafkaComesBackOnItsPortWithItsRecords() throws Exception {
    String topic = STACK.createTopic("kept", 1);
    String bootstrapServers = STACK.bootstrapServers();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "before the restart")).get();
    }
    long clickHousePid = STACK.clickHousePid();
    long pid = STACK.kafkaPid();

    STACK.stopKafka();
    assertThat(Ports.accepts(STACK.kafkaBroker().brokerPort())).isFalse();
    STACK.startKafka();

    assertThat(STACK.kafkaPid()).isNotEqualTo(pid);
    assertThat(STACK.kafkaBroker().bootstrapServers()).isEqualTo(bootstrapServers);
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "after-restart",
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
          "the record produced before the restart");
    }
    assertThat(received).extracting(ConsumerRecord::value).containsExactly("before the restart");
    assertThat(STACK.clickHousePid()).as("ClickHouse untouched").isEqualTo(clickHousePid);
  }

  @Test
  void pausedClickHouseAnswersAgainAfterResume() {
    ClickHouseServer server = STACK.clickHouseServer();

    server.pause();
    try {
      assertThat(STACK.clickHouseHttp().ping()).isFalse();
    } finally {
      server.resume();
    }
    assertThat(STACK.queryClickHouse("SELECT 1")).containsExactly(List.of("1"));
  }
}
