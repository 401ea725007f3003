// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

/**
 * The heap that objects really take in this JVM (headers, references, padding, maps): several
 * copies made at once, used heap after full collections before and after, so one copy's size stands
 * out of the JVM's noise. For benchmarks, not tests (it calls {@code System.gc()}).
 */
public final class HeapOfCopies {

  private HeapOfCopies() {}

  /** Opens a keyed operator restored from a checkpoint, or empty from {@code null}. */
  public interface Restore {
    AutoCloseable from(OperatorSubtaskState checkpoint) throws Exception;
  }

  /**
   * Heap per key of {@code checkpoint}, which holds {@code keys} keys: {@code copies} operators
   * restored from it at once, less as many restored from nothing (the operator's own objects).
   */
  public static long perKey(int copies, long keys, OperatorSubtaskState checkpoint, Restore restore)
      throws Exception {
    long empty = bytes(copies, () -> restore.from(null));
    long full = bytes(copies, () -> restore.from(checkpoint));
    return keys == 0 ? 0 : (full - empty) / (copies * keys);
  }

  /** Heap that {@code copies} objects made by {@code make} take together while all are open. */
  private static long bytes(int copies, Callable<? extends AutoCloseable> make) throws Exception {
    long before = usedAfterGc();
    List<AutoCloseable> made = new ArrayList<>();
    try {
      for (int i = 0; i < copies; i++) {
        made.add(make.call());
      }
      return usedAfterGc() - before;
    } finally {
      for (AutoCloseable c : made) {
        c.close();
      }
    }
  }

  /** Used heap after full collections, until it stops shrinking. */
  private static long usedAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        break;
      }
      used = now;
    }
    return used;
  }
}
