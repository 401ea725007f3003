// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.common.deadletter.DeadLetters;
import io.servicepulse.common.flink.EventTypeInfo;
import io.servicepulse.common.flink.StringKeyTypeInfo;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by event id ({@link #key}): lets the first copy of each event id through, drops identical
 * copies and dead-letters conflicting ones ({@link EventIdentity}); records that already are dead
 * letters go to {@link DeadLetters#TAG} untouched. Each id's fingerprint is kept for {@code
 * retention} of processing time (state TTL), so state is bounded by the id rate × retention.
 *
 * <p>A first copy more than {@code allowedLateness} behind this operator's watermark is a late dead
 * letter ({@link LateEvents}) with its Kafka address, and the event itself goes to {@link #late}: a
 * job that also stores facts can store it there, since a fact has no window to miss. A job without
 * event time has no watermark here, so nothing is late in it. Flink does not checkpoint watermarks;
 * this operator does (the least over its subtasks), so after a restore a late event is judged
 * against the watermark the job had reached, not against a watermark that starts again from
 * nothing. It also keeps each Kafka partition's own progress ({@link PartitionProgress}): an event
 * is late too if it is more than {@code allowedLateness} behind the watermark its own partition's
 * events make. That one is checkpointed with the partition's offset, so it holds even when the
 * restored checkpoint predates every watermark of the job.
 */
public final class FirstCopyWins<T> extends KeyedProcessFunction<String, Decoded<T>, T>
    implements CheckpointedFunction {

  private static final Logger LOG = LoggerFactory.getLogger(FirstCopyWins.class);

  private final String job;
  private final Duration retention;
  private final SerializableFunction<T, String> eventId;
  private final SerializableFunction<T, Long> tsMs;
  private final Duration allowedLateness;
  private final OutputTag<T> lateTag;
  private final Duration outOfOrderness;

  private transient ValueState<Long> fingerprint;
  private transient Counter duplicates;
  private transient Counter conflicting;
  private transient ListState<Long> checkpointedWatermark;
  private transient long watermark = Long.MIN_VALUE;
  private transient Counter late;
  private transient PartitionProgress progress;
  private transient ListState<PartitionProgress.Entry> checkpointedProgress;

  /**
   * @param outOfOrderness the sources' bound ({@code events.max-out-of-orderness}), for each
   *     partition's own watermark; {@code null} in a job without event time, where nothing is late
   */
  public FirstCopyWins(
      String job,
      Duration retention,
      EventKind<T> kind,
      Duration allowedLateness,
      Duration outOfOrderness) {
    this.job = job;
    this.retention = retention;
    this.eventId = kind.eventId();
    this.tsMs = kind.tsMs();
    this.allowedLateness = allowedLateness;
    this.lateTag = late(kind);
    this.outOfOrderness = outOfOrderness;
  }

  /** The late first copies of {@code kind}'s events (each also a late dead letter). */
  public static <T> OutputTag<T> late(EventKind<T> kind) {
    return new OutputTag<>("late-" + kind.label(), EventTypeInfo.of(kind.eventClass()));
  }

  /**
   * The key's type: a String, whose checkpointed bytes are Flink's, written a key at a time (the
   * ids are most of a job's checkpoint); state of the release before restores unchanged.
   */
  public static final TypeInformation<String> KEY_TYPE = StringKeyTypeInfo.INSTANCE;

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
            // One entry visited per state access (two per record) keeps up with one new id per
            // record; Flink's default of five was 40 % of this operator's time (JFR, metrics job).
            .cleanupIncrementally(1, false)
            .build());
    fingerprint = getRuntimeContext().getState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    conflicting = getRuntimeContext().getMetricGroup().counter("conflictingDuplicates");
    late = getRuntimeContext().getMetricGroup().counter("lateEvents");
  }

  @Override
  public void processElement(Decoded<T> record, Context ctx, Collector<T> out) throws Exception {
    if (!record.isEvent()) {
      ctx.output(DeadLetters.TAG, record.deadLetter);
      return;
    }
    T event = record.event;
    long print = record.fingerprint;
    Long remembered = fingerprint.value();
    switch (EventIdentity.Copy.of(remembered, print)) {
      case FIRST -> {
        fingerprint.update(print);
        long ts = tsMs.apply(event);
        // The operator has kept every watermark so far (observeWatermark); the current one only
        // matters at the end of input, which is not kept.
        long current = ctx.timerService().currentWatermark();
        long partition = partitionWatermark(record);
        long judgedBy = Math.max(Math.max(watermark, current), partition);
        if (outOfOrderness != null) {
          progress.observe(record.sourceTopic, record.sourcePartition, ts);
        }
        if (LateEvents.isLate(ts, judgedBy, allowedLateness)) {
          if (late.getCount() == 0) {
            LOG.info(
                "{}: first late event {} at {} ms, judged by watermark {}"
                    + " (kept {}, current {}, its partition {}/{} {})",
                job,
                eventId.apply(event),
                ts,
                judgedBy,
                watermark,
                current,
                record.sourceTopic,
                record.sourcePartition,
                partition);
          }
          late.inc();
          ctx.output(
              DeadLetters.TAG,
              record.addressed(LateEvents.letter(job, eventId.apply(event), ts, judgedBy, event)));
          ctx.output(lateTag, event);
        } else {
          out.collect(event);
        }
      }
      case SAME -> duplicates.inc();
      case CONFLICTING -> {
        conflicting.inc();
        ctx.output(
            DeadLetters.TAG,
            record.addressed(
                EventIdentity.conflictingLetter(
                    job, eventId.apply(event), event, remembered, print, retention)));
      }
    }
  }

  private long partitionWatermark(Decoded<T> record) {
    return outOfOrderness == null
        ? Long.MIN_VALUE
        : progress.watermark(record.sourceTopic, record.sourcePartition);
  }

  /** Keeps the watermark to checkpoint; called for every watermark ({@link Operator}). */
  void observeWatermark(long current) {
    // The end of input (stop --drain) is no watermark to resume from.
    if (current != Long.MAX_VALUE) {
      watermark = Math.max(watermark, current);
    }
  }

  /**
   * This function as a keyed operator that sees every watermark, not only those a record follows: a
   * job that has read all its input before the last watermark must still checkpoint that one.
   */
  public static <T> OneInputStreamOperator<Decoded<T>, T> operator(FirstCopyWins<T> function) {
    return new Operator<>(function);
  }

  private static final class Operator<T> extends KeyedProcessOperator<String, Decoded<T>, T> {
    private final FirstCopyWins<T> function;

    Operator(FirstCopyWins<T> function) {
      super(function);
      this.function = function;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
      function.observeWatermark(mark.getTimestamp());
      super.processWatermark(mark);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpointedWatermark.update(List.of(watermark));
    checkpointedProgress.update(progress.entries());
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpointedWatermark =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("event-time-watermark", Types.LONG));
    watermark = restoredWatermark(checkpointedWatermark.get());
    checkpointedProgress =
        context
            .getOperatorStateStore()
            .getUnionListState(
                new ListStateDescriptor<>(
                    "partition-event-time", TypeInformation.of(PartitionProgress.Entry.class)));
    progress = new PartitionProgress(outOfOrderness == null ? 0 : outOfOrderness.toMillis());
    progress.restore(checkpointedProgress.get());
    if (context.isRestored()) {
      LOG.info(
          "{}: restored event-time watermark {} and {} partitions' progress for lateness",
          job,
          watermark,
          progress.entries().size());
    }
  }

  /** The least watermark of the subtasks that took the checkpoint (none: no event time yet). */
  static long restoredWatermark(Iterable<Long> subtasks) {
    long least = Long.MAX_VALUE;
    for (long w : subtasks) {
      least = Math.min(least, w);
    }
    return least == Long.MAX_VALUE ? Long.MIN_VALUE : least;
  }
}
