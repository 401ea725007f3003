// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.kafka;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.EventDecoder;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.common.decode.EventLimits;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import java.util.Locale;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka sources of decoded events for the configured topics: decoding happens in the source ({@link
 * DecodingDeserializer}), so watermarks are made per partition from the decoded events. The
 * builders are returned so tests can bound them ({@code setBounded}); jobs call {@code build()}.
 */
public final class KafkaSources {

  private KafkaSources() {}

  public static KafkaSourceBuilder<Decoded<ChatMessage>> chatMessages(
      JobConfig config, String jobName) {
    return builder(
        config,
        config.get(ServicePulseOptions.KAFKA_CHAT_TOPIC),
        jobName,
        EventDecoder.chatMessages(
            jobName, config.get(ServicePulseOptions.SCHEMAS_DIR), EventLimits.from(config)));
  }

  public static KafkaSourceBuilder<Decoded<OrderEvent>> orderEvents(
      JobConfig config, String jobName) {
    return builder(
        config,
        config.get(ServicePulseOptions.KAFKA_ORDER_TOPIC),
        jobName,
        EventDecoder.orderEvents(
            jobName, config.get(ServicePulseOptions.SCHEMAS_DIR), EventLimits.from(config)));
  }

  /** The source of any {@link EventKind}'s topic, decoded and validated once. */
  public static <T> KafkaSourceBuilder<Decoded<T>> of(
      EventKind<T> kind, JobConfig config, String jobName) {
    return builder(
        config,
        config.get(kind.topic()),
        jobName,
        EventDecoder.of(
            kind, jobName, config.get(ServicePulseOptions.SCHEMAS_DIR), EventLimits.from(config)));
  }

  private static <T> KafkaSourceBuilder<Decoded<T>> builder(
      JobConfig config, String topic, String jobName, EventDecoder<T> decoder) {
    KafkaSourceBuilder<Decoded<T>> builder =
        KafkaSource.<Decoded<T>>builder()
            .setBootstrapServers(config.get(ServicePulseOptions.KAFKA_BOOTSTRAP_SERVERS))
            .setTopics(topic)
            .setGroupId(groupId(config.get(ServicePulseOptions.KAFKA_GROUP_ID_PREFIX), jobName))
            .setStartingOffsets(startingOffsets(config))
            .setDeserializer(new DecodingDeserializer<>(decoder))
            // Offsets live in checkpoints; committing them too only shows progress in Kafka tools.
            .setProperty("commit.offsets.on.checkpoint", "true");
    if (isBounded(config)) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder;
  }

  /** True if the job's sources stop at the end offsets ({@code kafka.stopping-offsets latest}). */
  public static boolean isBounded(JobConfig config) {
    String value = config.get(ServicePulseOptions.KAFKA_STOPPING_OFFSETS).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "none" -> false;
      case "latest" -> true;
      default ->
          throw new IllegalArgumentException(
              "kafka.stopping-offsets must be none or latest, not " + value);
    };
  }

  /** The consumer group a job's sources commit their offsets under (for progress in tools). */
  public static String groupId(String prefix, String jobName) {
    return prefix + "-" + jobName;
  }

  static OffsetsInitializer startingOffsets(JobConfig config) {
    String value = config.get(ServicePulseOptions.KAFKA_STARTING_OFFSETS).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "earliest" -> OffsetsInitializer.earliest();
      case "latest" -> OffsetsInitializer.latest();
      case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
      default ->
          throw new IllegalArgumentException(
              "kafka.starting-offsets must be earliest, latest or committed, not " + value);
    };
  }
}
