// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import io.servicepulse.common.clickhouse.ClickHouseSink;
import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.kafka.KafkaSinks;
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
    return KafkaSinks.keyed(
        config,
        config.get(ServicePulseOptions.KAFKA_DEAD_LETTER_TOPIC),
        d -> d.deadLetterId,
        new DeadLetterJson());
  }
}
