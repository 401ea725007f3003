// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.kafka;

import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.EventDecoder;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes inside the Kafka source, so the watermark of each partition is made from its decoded
 * events (and never from a dead letter), and no operator decodes again. Every record yields exactly
 * one {@link Decoded}: the event, or its dead letter with the record's address.
 */
public final class DecodingDeserializer<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {

  private final EventDecoder<T> decoder;

  public DecodingDeserializer(EventDecoder<T> decoder) {
    this.decoder = decoder;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    decoder.open();
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
    RawRecord raw =
        new RawRecord(
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestamp(),
            record.key(),
            record.value());
    out.collect(decoder.decode(raw, System.currentTimeMillis()));
  }

  @Override
  public TypeInformation<Decoded<T>> getProducedType() {
    return Decoded.typeOf(decoder.eventClass());
  }
}
