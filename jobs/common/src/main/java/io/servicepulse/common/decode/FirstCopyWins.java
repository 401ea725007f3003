package io.servicepulse.common.decode;

import io.servicepulse.common.deadletter.DeadLetters;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Keyed by event id ({@link #key}): lets the first copy of each event id through, drops identical
 * copies and dead-letters conflicting ones ({@link EventIdentity}); records that already are dead
 * letters go to {@link DeadLetters#TAG} untouched. Each id's fingerprint is kept for {@code
 * retention} of processing time (state TTL), so state is bounded by the id rate × retention.
 */
public final class FirstCopyWins<T> extends KeyedProcessFunction<String, Decoded<T>, T> {

  private final String job;
  private final Duration retention;
  private final SerializableFunction<T, String> eventId;

  private transient ValueState<Long> fingerprint;
  private transient Counter duplicates;
  private transient Counter conflicting;

  public FirstCopyWins(String job, Duration retention, SerializableFunction<T, String> eventId) {
    this.job = job;
    this.retention = retention;
    this.eventId = eventId;
  }

  /** The key: the event id, or the dead letter's own id (dead letters only pass through). */
  public static <T> KeySelector<Decoded<T>, String> key(SerializableFunction<T, String> eventId) {
    return d -> d.isEvent() ? eventId.apply(d.event) : "dead-letter|" + d.deadLetter.deadLetterId;
  }

  @Override
  public void open(OpenContext context) {
    ValueStateDescriptor<Long> descriptor =
        new ValueStateDescriptor<>("event-id-fingerprint", Types.LONG);
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(retention)
            .updateTtlOnCreateAndWrite()
            .neverReturnExpired()
            .cleanupFullSnapshot()
            .build());
    fingerprint = getRuntimeContext().getState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    conflicting = getRuntimeContext().getMetricGroup().counter("conflictingDuplicates");
  }

  @Override
  public void processElement(Decoded<T> record, Context ctx, Collector<T> out) throws Exception {
    if (!record.isEvent()) {
      ctx.output(DeadLetters.TAG, record.deadLetter);
      return;
    }
    T event = record.event;
    long print = EventIdentity.fingerprint(event);
    Long remembered = fingerprint.value();
    switch (EventIdentity.Copy.of(remembered, print)) {
      case FIRST -> {
        fingerprint.update(print);
        out.collect(event);
      }
      case SAME -> duplicates.inc();
      case CONFLICTING -> {
        conflicting.inc();
        ctx.output(
            DeadLetters.TAG,
            EventIdentity.conflictingLetter(
                job, eventId.apply(event), event, remembered, print, retention));
      }
    }
  }
}
