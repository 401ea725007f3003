// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads single Kafka records by address (assign + seek), without a consumer group, so nothing is
 * committed. Callers that ask in (topic, partition, offset) order reuse each fetched batch.
 */
final class KafkaOriginals implements AutoCloseable {

  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(15);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private Map<String, List<PartitionInfo>> topics;
  private TopicPartition buffered;
  private final Map<Long, ConsumerRecord<byte[], byte[]>> buffer = new HashMap<>();

  KafkaOriginals(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "servicepulse-dead-letter-replay");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    // A bad record can be big; the broker still returns a first batch larger than this.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Whether the topic exists (listed once per run). */
  boolean topicExists(String topic) {
    return partitions(topic) > 0;
  }

  /** The record at this address, or empty if it is gone (retention, compaction) or never was. */
  Optional<ConsumerRecord<byte[], byte[]>> fetch(String topic, int partition, long offset) {
    if (partition >= partitions(topic)) {
      return Optional.empty();
    }
    TopicPartition tp = new TopicPartition(topic, partition);
    if (tp.equals(buffered) && buffer.containsKey(offset)) {
      return Optional.of(buffer.get(offset));
    }
    long first = consumer.beginningOffsets(Set.of(tp)).get(tp);
    long end = consumer.endOffsets(Set.of(tp)).get(tp);
    if (offset < first || offset >= end) {
      return Optional.empty();
    }
    consumer.assign(Set.of(tp));
    consumer.seek(tp, offset);
    buffered = tp;
    buffer.clear();
    long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        buffer.put(record.offset(), record);
      }
      if (buffer.containsKey(offset)) {
        return Optional.of(buffer.get(offset));
      }
      // Offsets past the wanted one, or a position beyond it: it was compacted away.
      if (!buffer.isEmpty() || consumer.position(tp) > offset) {
        return Optional.empty();
      }
    }
    throw new IllegalStateException(
        "no answer from Kafka for "
            + topic
            + "/"
            + partition
            + "@"
            + offset
            + " in "
            + FETCH_TIMEOUT);
  }

  private int partitions(String topic) {
    if (topics == null) {
      topics = consumer.listTopics();
    }
    List<PartitionInfo> infos = topics.get(topic);
    return infos == null ? 0 : infos.size();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
