package io.servicepulse.common.deadletter;

import io.servicepulse.common.clickhouse.ClickHouseSink;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Sends dead letters to both places the QA and data engineers look: ClickHouse and Kafka. */
public final class DeadLetterSinks {

  private DeadLetterSinks() {}

  public static void attach(String job, DataStream<DeadLetter> deadLetters, JobConfig config) {
    deadLetters
        .sinkTo(ClickHouseSink.of(job, new DeadLetterTable(), config))
        .uid(job + "-dead-letters-clickhouse")
        .name("dead letters -> ClickHouse dead_letters");
    deadLetters
        .sinkTo(kafka(config))
        .uid(job + "-dead-letters-kafka")
        .name("dead letters -> Kafka " + config.get(ServicePulseOptions.KAFKA_DEAD_LETTER_TOPIC));
  }

  static KafkaSink<DeadLetter> kafka(JobConfig config) {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(config.get(ServicePulseOptions.KAFKA_BOOTSTRAP_SERVERS))
        .setRecordSerializer(
            KafkaRecordSerializationSchema.<DeadLetter>builder()
                .setTopic(config.get(ServicePulseOptions.KAFKA_DEAD_LETTER_TOPIC))
                .setKeySerializationSchema(d -> d.deadLetterId.getBytes(StandardCharsets.UTF_8))
                .setValueSerializationSchema(new DeadLetterJson())
                .build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
