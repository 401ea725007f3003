// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

/** A contribution that may still change: its values and when it stops being able to. */
public class PendingItem {

  public MinuteSums values;
  public long finalAtMs;

  public PendingItem() {}

  public PendingItem(MinuteSums values, long finalAtMs) {
    this.values = values;
    this.finalAtMs = finalAtMs;
  }
}
