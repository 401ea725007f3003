// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums the agent-message contributions of each (shop, team, agent, minute) row before the shuffle
 * to the aggregator, so a row gets one record per watermark step instead of one per agent message
 * (about half of all messages). Such an item is final at once and never retracted, so a sum is
 * exactly what its messages would have added. Every other contribution passes at once. The sums
 * leave before each watermark (the aggregator writes its rows on the next one, so no row waits
 * longer), before each checkpoint barrier (nothing is held in a checkpoint: no state), every {@link
 * #FLUSH_MS} of processing time (an idle input sends no watermark) and at the end of input.
 */
public final class AgentMessageSums extends AbstractStreamOperator<MinuteContribution>
    implements OneInputStreamOperator<MinuteContribution, MinuteContribution> {

  static final long FLUSH_MS = 200;

  private transient Map<String, MinuteContribution> sums;

  @Override
  public void open() throws Exception {
    super.open();
    sums = new HashMap<>();
    scheduleFlush();
  }

  /**
   * An agent message's item: final at once, never retracted (MinuteContribution.ofAgentMessage).
   */
  static boolean summable(MinuteContribution c) {
    return c.finalAtMs == Long.MIN_VALUE && !c.retracted;
  }

  @Override
  public void processElement(StreamRecord<MinuteContribution> element) {
    MinuteContribution c = element.getValue();
    if (!summable(c)) {
      output.collect(element);
      return;
    }
    String row = c.rowKey();
    MinuteContribution sum = sums.get(row);
    if (sum == null) {
      // A copy: with object reuse the received item is not ours to change.
      sums.put(row, c.copy());
    } else {
      sum.values.add(c.values);
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  private void flush() {
    if (sums.isEmpty()) {
      return;
    }
    for (MinuteContribution sum : sums.values()) {
      output.collect(new StreamRecord<>(sum));
    }
    sums.clear();
  }

  private void scheduleFlush() {
    var timers = getProcessingTimeService();
    timers.registerTimer(
        timers.getCurrentProcessingTime() + FLUSH_MS,
        time -> {
          flush();
          scheduleFlush();
        });
  }
}
