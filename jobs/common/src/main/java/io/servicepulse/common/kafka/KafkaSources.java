package io.servicepulse.common.kafka;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import java.util.Locale;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Kafka sources of raw records for the configured topics. */
public final class KafkaSources {

  private KafkaSources() {}

  public static KafkaSource<RawRecord> raw(JobConfig config, String topic, String jobName) {
    return KafkaSource.<RawRecord>builder()
        .setBootstrapServers(config.get(ServicePulseOptions.KAFKA_BOOTSTRAP_SERVERS))
        .setTopics(topic)
        .setGroupId(groupId(config.get(ServicePulseOptions.KAFKA_GROUP_ID_PREFIX), jobName))
        .setStartingOffsets(startingOffsets(config))
        .setDeserializer(new RawRecordDeserializer())
        // Offsets live in checkpoints; committing them too only shows progress in Kafka tools.
        .setProperty("commit.offsets.on.checkpoint", "true")
        .build();
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
