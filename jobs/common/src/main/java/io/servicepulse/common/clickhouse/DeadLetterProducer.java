// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.clickhouse;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetterJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the sink's own dead letters (rows ClickHouse refused) to the Kafka dead-letter topic, as
 * the Kafka sink of {@code DeadLetterSinks} does for every other letter. {@link #publish} returns
 * only once Kafka has them, so a checkpoint never covers an unsent letter. The producer starts on
 * the first letter: most sink subtasks never need one.
 */
final class DeadLetterProducer implements AutoCloseable {

  private final String bootstrapServers;
  private final String topic;
  private final DeadLetterJson json = new DeadLetterJson();
  private KafkaProducer<byte[], byte[]> producer;

  /** {@code bootstrapServers} null: letters go to ClickHouse only. */
  DeadLetterProducer(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  void publish(List<DeadLetter> letters) throws IOException, InterruptedException {
    if (letters.isEmpty() || bootstrapServers == null) {
      return;
    }
    if (producer == null) {
      producer = create();
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (DeadLetter letter : letters) {
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  topic,
                  letter.deadLetterId.getBytes(StandardCharsets.UTF_8),
                  json.serialize(letter))));
    }
    producer.flush();
    for (Future<RecordMetadata> result : sent) {
      try {
        result.get();
      } catch (ExecutionException e) {
        throw new IOException(
            "cannot write dead letters to Kafka topic "
                + topic
                + "; failing so the job restarts from its last checkpoint",
            e.getCause());
      }
    }
  }

  private KafkaProducer<byte[], byte[]> create() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }
}
