// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A keyed function in Flink's test harness, open, restored from a snapshot or empty. */
public final class KeyedHarness {

  private KeyedHarness() {}

  /** {@code restored}: a snapshot to start from, as after a failover or an upgrade; null: none. */
  public static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> open(
      KeyedProcessFunction<String, I, O> function,
      KeySelector<I, String> key,
      OperatorSubtaskState restored)
      throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), key, Types.STRING);
    if (restored != null) {
      h.initializeState(restored);
    }
    h.open();
    return h;
  }
}
