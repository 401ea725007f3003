package io.servicepulse.common.decode;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Turns raw Kafka records into events. Bytes that do not decode, and events that break {@link
 * EventRules}, go to the {@link DeadLetters#TAG} side output with reason, topic, partition and
 * offset; the job keeps running.
 */
public final class EventDecoder<T> extends ProcessFunction<RawRecord, T> {

  private final String job;
  private final String schemasDir;
  private final SerializableFunction<ReleasedSchemas, EventCodec<?>> codecFactory;
  private final SerializableFunction<T, String> violation;
  private final SerializableFunction<T, String> eventId;
  private transient Function<byte[], DecodeResult<T>> decode;

  private EventDecoder(
      String job,
      String schemasDir,
      SerializableFunction<ReleasedSchemas, EventCodec<?>> codecFactory,
      SerializableFunction<T, String> violation,
      SerializableFunction<T, String> eventId) {
    this.job = job;
    this.schemasDir = schemasDir;
    this.codecFactory = codecFactory;
    this.violation = violation;
    this.eventId = eventId;
  }

  public static EventDecoder<ChatMessage> chatMessages(String job, String schemasDir) {
    return new EventDecoder<>(
        job, schemasDir, EventCodec::chatMessages, EventRules::violation, ChatMessage::getEventId);
  }

  public static EventDecoder<OrderEvent> orderEvents(String job, String schemasDir) {
    return new EventDecoder<>(
        job, schemasDir, EventCodec::orderEvents, EventRules::violation, OrderEvent::getEventId);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open(OpenContext openContext) {
    ReleasedSchemas store =
        ReleasedSchemas.bundledPlus(schemasDir == null ? null : Path.of(schemasDir));
    EventCodec<?> codec = codecFactory.apply(store);
    decode = bytes -> (DecodeResult<T>) codec.decode(bytes);
  }

  @Override
  public void processElement(RawRecord record, Context ctx, Collector<T> out) {
    DecodeResult<T> result = decode.apply(record.value);
    if (!result.isOk()) {
      ctx.output(
          DeadLetters.TAG,
          DeadLetter.ofRecord(
              job,
              DeadLetter.STAGE_DECODE,
              result.failure().name(),
              result.detail(),
              record,
              null));
      return;
    }
    T event = result.event();
    String broken = violation.apply(event);
    if (broken != null) {
      ctx.output(
          DeadLetters.TAG,
          DeadLetter.ofRecord(
              job, DeadLetter.STAGE_INVALID, broken, broken, record, eventId.apply(event)));
      return;
    }
    out.collect(event);
  }
}
