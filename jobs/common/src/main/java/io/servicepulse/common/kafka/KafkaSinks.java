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

/** Kafka sinks of the jobs' own outputs (dead letters, alerts): keyed, at least once. */
public final class KafkaSinks {

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
        .build();
  }
}
