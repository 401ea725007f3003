// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.decode.EventDecoder;
import io.servicepulse.common.decode.EventKind;
import io.servicepulse.common.decode.EventLimits;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Bounded sources standing in for a Kafka topic in tests without a broker: raw records are decoded
 * as the Kafka source decodes them ({@link EventDecoder}, default {@link EventLimits}), so bad
 * records arrive as dead letters with their addresses.
 */
public final class RecordSources {

  private RecordSources() {}

  /** Chat records decoded for {@code job}. */
  public static DataGeneratorSource<Decoded<ChatMessage>> chat(
      String job, List<RawRecord> records) {
    return decoded(EventDecoder.chatMessages(job, null, EventLimits.defaults()), records);
  }

  /** Order records decoded for {@code job}. */
  public static DataGeneratorSource<Decoded<OrderEvent>> orders(
      String job, List<RawRecord> records) {
    return decoded(EventDecoder.orderEvents(job, null, EventLimits.defaults()), records);
  }

  /** Records of any {@link EventKind} decoded for {@code job}. */
  public static <T> DataGeneratorSource<Decoded<T>> of(
      EventKind<T> kind, String job, List<RawRecord> records) {
    return decoded(EventDecoder.of(kind, job, null, EventLimits.defaults()), records);
  }

  /** Encodes events of any generated class as a topic would hold them, offsets 0, 1, 2, …. */
  public static <T extends SpecificRecord> List<RawRecord> records(
      String topic, Class<T> type, List<T> events) {
    EventCodec<T> codec = EventCodec.of(type, ReleasedSchemas.bundled());
    List<RawRecord> records = new ArrayList<>();
    for (T e : events) {
      records.add(raw(topic, records.size(), codec.encode(e)));
    }
    return records;
  }

  private static <T> DataGeneratorSource<Decoded<T>> decoded(
      EventDecoder<T> decoder, List<RawRecord> records) {
    long now = System.currentTimeMillis();
    List<Decoded<T>> decoded = new ArrayList<>();
    for (RawRecord r : records) {
      decoded.add(decoder.decode(r, now));
    }
    ListFunction<Decoded<T>> function = new ListFunction<>(decoded);
    return new DataGeneratorSource<>(
        function, decoded.size(), Decoded.typeOf(decoder.eventClass()));
  }

  /** Encodes events as a topic would hold them, offsets 0, 1, 2, … on partition 0. */
  public static List<RawRecord> chatRecords(String topic, List<ChatMessage> messages) {
    EventCodec<ChatMessage> codec = EventCodec.chatMessages(ReleasedSchemas.bundled());
    List<RawRecord> records = new ArrayList<>();
    for (ChatMessage m : messages) {
      records.add(raw(topic, records.size(), codec.encode(m)));
    }
    return records;
  }

  public static List<RawRecord> orderRecords(String topic, List<OrderEvent> orders) {
    EventCodec<OrderEvent> codec = EventCodec.orderEvents(ReleasedSchemas.bundled());
    List<RawRecord> records = new ArrayList<>();
    for (OrderEvent o : orders) {
      records.add(raw(topic, records.size(), codec.encode(o)));
    }
    return records;
  }

  public static RawRecord raw(String topic, long offset, byte[] value) {
    return new RawRecord(topic, 0, offset, EventFixtures.BEGINNING.toEpochMilli(), null, value);
  }

  private record ListFunction<T>(List<T> records) implements GeneratorFunction<Long, T> {
    @Override
    public T map(Long index) {
      return records.get(index.intValue());
    }
  }
}
