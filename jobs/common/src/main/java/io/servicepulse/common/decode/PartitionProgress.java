// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event time each Kafka partition has reached: its newest event time read so far, and the
 * watermark that partition alone would make from it ({@code newest − out-of-orderness − 1}, as
 * {@link io.servicepulse.common.flink.PartitionWatermarks} does).
 *
 * <p>Why it is kept next to the job's watermark: Flink checkpoints no source watermark. After a
 * restore, a partition with nothing left to replay holds the job's watermark at nothing until it
 * counts as idle, and if its next event is a late one, that event sets its watermark. Judged
 * against its own partition's progress, which is checkpointed with the offsets it belongs to, the
 * late event stays late. The progress depends only on the partition's own order, never on how fast
 * the other partitions were read.
 */
public final class PartitionProgress {

  /** One partition's newest event time: the checkpointed form (a Flink POJO). */
  public static final class Entry {
    public String topic;
    public int partition;
    public long newestTs;

    public Entry() {}

    public Entry(String topic, int partition, long newestTs) {
      this.topic = topic;
      this.partition = partition;
      this.newestTs = newestTs;
    }
  }

  private final long outOfOrdernessMs;
  // Per topic, newest ts by partition number: one lookup per record, no boxing.
  private final Map<String, long[]> newestByTopic = new HashMap<>();

  public PartitionProgress(long outOfOrdernessMs) {
    this.outOfOrdernessMs = outOfOrdernessMs;
  }

  /** Notes an event read from {@code topic}/{@code partition}; a record with no address is none. */
  public void observe(String topic, int partition, long ts) {
    if (partition < 0) {
      return;
    }
    long[] newest = partitions(topic, partition);
    if (ts > newest[partition]) {
      newest[partition] = ts;
    }
  }

  /** The watermark the partition's own events make; {@code Long.MIN_VALUE} if none was read. */
  public long watermark(String topic, int partition) {
    long[] newest = partition < 0 ? null : newestByTopic.get(topic);
    if (newest == null || partition >= newest.length || newest[partition] == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    return newest[partition] - outOfOrdernessMs - 1;
  }

  /** What a checkpoint keeps. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    newestByTopic.forEach(
        (topic, newest) -> {
          for (int p = 0; p < newest.length; p++) {
            if (newest[p] != Long.MIN_VALUE) {
              entries.add(new Entry(topic, p, newest[p]));
            }
          }
        });
    return entries;
  }

  /**
   * Restores from the entries of every subtask that took the checkpoint (a partition's events are
   * spread over subtasks by key): each partition's newest over all of them.
   */
  public void restore(Iterable<Entry> entries) {
    for (Entry e : entries) {
      observe(e.topic, e.partition, e.newestTs);
    }
  }

  private long[] partitions(String topic, int partition) {
    long[] newest = newestByTopic.get(topic);
    if (newest == null || partition >= newest.length) {
      int size = Math.max(partition + 1, newest == null ? 4 : newest.length * 2);
      long[] grown = new long[size];
      Arrays.fill(grown, Long.MIN_VALUE);
      if (newest != null) {
        System.arraycopy(newest, 0, grown, 0, newest.length);
      }
      newest = grown;
      newestByTopic.put(topic, newest);
    }
    return newest;
  }
}
