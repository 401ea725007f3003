// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.kafka;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Kafka sinks of the jobs' own outputs (dead letters, alerts): keyed, at least once. */
public final class KafkaSinks {

  /** The longest a record waits in the producer for others to share its request. */
  private static final int LINGER_MS = 50;

  private KafkaSinks() {}

  /**
   * Records to {@code topic}, keyed by {@code key} (readers keep the latest per key), flushed on
   * every checkpoint.
   */
  public static <T> KafkaSink<T> keyed(
      JobConfig config,
      String topic,
      SerializableFunction<T, String> key,
      SerializationSchema<T> value) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(config.get(ServicePulseOptions.KAFKA_BOOTSTRAP_SERVERS))
        .setRecordSerializer(
            KafkaRecordSerializationSchema.<T>builder()
                .setTopic(topic)
                .setKeySerializationSchema(r -> key.apply(r).getBytes(StandardCharsets.UTF_8))
                .setValueSerializationSchema(value)
                .build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        // Fewer, larger produce requests: with the client's defaults (5 ms, 16 KB, uncompressed)
        // the metrics replay's 121 k alerts cost the broker 4–8 CPU-s, with these 1 s; an alert
        // waits at most LINGER_MS more, far inside the 2 s a manager is promised.
        .setProperty(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER_MS))
        .setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024))
        .setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .build();
  }
}
