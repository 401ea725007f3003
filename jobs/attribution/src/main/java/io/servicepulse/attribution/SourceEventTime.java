package io.servicepulse.attribution;

import io.servicepulse.common.config.JobConfig;
import io.servicepulse.common.config.ServicePulseOptions;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time at the Kafka sources, so watermarks are per partition and the two topics are aligned
 * (Flink watermark alignment, max drift = {@code events.max-out-of-orderness}). Whether an event is
 * late then depends on event time, not on how far one topic's reader ran ahead of the other while
 * catching up. The timestamp is read by decoding the record (the decoder decodes it again); bytes
 * that do not decode get no timestamp and become dead letters downstream.
 */
public final class SourceEventTime {

  private static final String ALIGNMENT_GROUP = "attribution-sources";

  private SourceEventTime() {}

  public static WatermarkStrategy<RawRecord> chatMessages(JobConfig config) {
    return strategy(
        config, new EventTimestamps(false, config.get(ServicePulseOptions.SCHEMAS_DIR)));
  }

  public static WatermarkStrategy<RawRecord> orderEvents(JobConfig config) {
    return strategy(config, new EventTimestamps(true, config.get(ServicePulseOptions.SCHEMAS_DIR)));
  }

  private static WatermarkStrategy<RawRecord> strategy(
      JobConfig config, TimestampAssignerSupplier<RawRecord> timestamps) {
    Duration outOfOrderness = config.get(ServicePulseOptions.EVENTS_MAX_OUT_OF_ORDERNESS);
    return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner(timestamps)
        .withIdleness(config.get(ServicePulseOptions.EVENTS_SOURCE_IDLENESS))
        .withWatermarkAlignment(ALIGNMENT_GROUP, outOfOrderness, Duration.ofSeconds(1));
  }

  /** Creates, per source reader, an assigner that reads the event's ts from its bytes. */
  static final class EventTimestamps implements TimestampAssignerSupplier<RawRecord> {
    private final boolean orders;
    private final String schemasDir;

    EventTimestamps(boolean orders, String schemasDir) {
      this.orders = orders;
      this.schemasDir = schemasDir;
    }

    @Override
    public TimestampAssigner<RawRecord> createTimestampAssigner(Context context) {
      ReleasedSchemas store =
          ReleasedSchemas.bundledPlus(schemasDir == null ? null : Path.of(schemasDir));
      if (orders) {
        EventCodec<OrderEvent> codec = EventCodec.orderEvents(store);
        return (record, previous) -> timestamp(codec.decode(record.value), OrderEvent::getTs);
      }
      EventCodec<ChatMessage> codec = EventCodec.chatMessages(store);
      return (record, previous) -> timestamp(codec.decode(record.value), ChatMessage::getTs);
    }

    private static <T> long timestamp(DecodeResult<T> result, Function<T, Instant> ts) {
      return result.isOk() ? ts.apply(result.event()).toEpochMilli() : Long.MIN_VALUE;
    }
  }
}
