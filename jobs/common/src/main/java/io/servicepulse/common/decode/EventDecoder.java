// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.events.OrderEvent;
import io.servicepulse.schemas.DecodeFailure;
import io.servicepulse.schemas.DecodeResult;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The one place records become events: bytes that do not decode, and events that break {@link
 * EventRules} or {@link EventLimits}, become dead letters with reason, topic, partition, offset and
 * the original bytes. Used inside the Kafka source ({@link
 * io.servicepulse.common.kafka.DecodingDeserializer}), so every job decodes once and event time
 * comes from the decoded event per partition. Call {@link #open} once per task before decoding.
 */
public final class EventDecoder<T> implements Serializable {

  private final String job;
  private final String schemasDir;
  private final Class<T> eventClass;
  private final EventLimits limits;
  private final SerializableFunction<ReleasedSchemas, EventCodec<?>> codecFactory;
  private final EventKind.Rules<T> rules;
  private final SerializableFunction<T, String> eventId;
  private transient EventCodec<?> codec;

  private EventDecoder(
      String job,
      String schemasDir,
      Class<T> eventClass,
      EventLimits limits,
      SerializableFunction<ReleasedSchemas, EventCodec<?>> codecFactory,
      EventKind.Rules<T> rules,
      SerializableFunction<T, String> eventId) {
    this.job = job;
    this.schemasDir = schemasDir;
    this.eventClass = eventClass;
    this.limits = limits;
    this.codecFactory = codecFactory;
    this.rules = rules;
    this.eventId = eventId;
  }

  public static EventDecoder<ChatMessage> chatMessages(
      String job, String schemasDir, EventLimits limits) {
    return of(EventKind.CHAT, job, schemasDir, limits);
  }

  public static EventDecoder<OrderEvent> orderEvents(
      String job, String schemasDir, EventLimits limits) {
    return of(EventKind.ORDER, job, schemasDir, limits);
  }

  /** The decoder of any {@link EventKind}: its codec, rules and event id. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> EventDecoder<T> of(
      EventKind<T> kind, String job, String schemasDir, EventLimits limits) {
    Class eventClass = kind.eventClass();
    return new EventDecoder<>(
        job,
        schemasDir,
        kind.eventClass(),
        limits,
        store -> EventCodec.of(eventClass, store),
        kind.rules(),
        kind.eventId());
  }

  public Class<T> eventClass() {
    return eventClass;
  }

  public void open() {
    ReleasedSchemas store =
        ReleasedSchemas.bundledPlus(schemasDir == null ? null : Path.of(schemasDir));
    codec = codecFactory.apply(store);
  }

  /** The event, or the dead letter saying why not; {@code nowMs} bounds the event's ts. */
  @SuppressWarnings("unchecked")
  public Decoded<T> decode(RawRecord record, long nowMs) {
    if (codec == null) {
      open();
    }
    DecodeResult<T> result = (DecodeResult<T>) codec.decode(record.value);
    if (!result.isOk()) {
      if (result.failure() == DecodeFailure.INVALID_UTF8) {
        // The structure decoded; its content breaks the model, like any invalid event.
        return Decoded.failed(
            DeadLetter.ofRecord(
                job,
                DeadLetter.STAGE_INVALID,
                EventRules.INVALID_UTF8,
                result.detail(),
                record,
                null));
      }
      return Decoded.failed(
          DeadLetter.ofRecord(
              job,
              DeadLetter.STAGE_DECODE,
              result.failure().name(),
              result.detail(),
              record,
              null));
    }
    T event = result.event();
    EventRules.Violation broken = rules.violation(event, limits, nowMs);
    if (broken != null) {
      return Decoded.failed(
          DeadLetter.ofRecord(
              job,
              DeadLetter.STAGE_INVALID,
              broken.reason(),
              broken.detail(),
              record,
              clip(eventId.apply(event))));
    }
    return Decoded.of(event, record);
  }

  /** An id too long to be one is still worth showing, not worth storing whole. */
  private static String clip(String id) {
    return id == null || id.length() <= EventLimits.MAX_ID_CHARS
        ? id
        : id.substring(0, EventLimits.MAX_ID_CHARS);
  }
}
