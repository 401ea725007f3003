package io.servicepulse.common.testing;

import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/** Bounded sources of raw records, standing in for a Kafka topic in tests without a broker. */
public final class RecordSources {

  private RecordSources() {}

  public static DataGeneratorSource<RawRecord> of(List<RawRecord> records) {
    ListFunction function = new ListFunction(new ArrayList<>(records));
    return new DataGeneratorSource<>(function, records.size(), TypeInformation.of(RawRecord.class));
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

  private record ListFunction(List<RawRecord> records)
      implements GeneratorFunction<Long, RawRecord> {
    @Override
    public RawRecord map(Long index) {
      return records.get(index.intValue());
    }
  }
}
