// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.wait;

/**
 * A waiting-buyer alert: turn {@code turnId} of (shop, buyer) has waited longer than {@code
 * thresholdMs} for an answer. One row per (turn, threshold), upserted by {@code version}: first
 * {@code WAITING} when the threshold passes, then {@code ANSWERED} (with the wait) or {@code
 * UNANSWERED} (reply timeout or the conversation ended), or {@code retracted} if a late message
 * shows the buyer had not waited that long. A Flink POJO.
 */
public class WaitAlert {

  public static final String WAITING = "WAITING";
  public static final String ANSWERED = "ANSWERED";
  public static final String UNANSWERED = "UNANSWERED";

  public String shopId;
  public String buyerId;
  public String platform;
  public String turnId;
  public long turnStartMs;
  public long thresholdMs;
  public String status;

  /** Routed agent while waiting or unanswered; the answering agent once answered; "" if none. */
  public String agentId;

  public String teamId;

  /** Answer time and wait of an ANSWERED alert; -1 otherwise. */
  public long answerMs = -1;

  public long waitedMs = -1;

  public boolean retracted;
  public long version;

  /** Wall-clock time the row was emitted (for the alert's own delay figure). */
  public long emittedMs;

  public WaitAlert() {}

  public String alertId() {
    return turnId + "@" + thresholdMs / 1000 + "s";
  }

  /** Same alert and same content, version and emission time aside. */
  boolean sameAs(WaitAlert o) {
    return o != null
        && turnId.equals(o.turnId)
        && thresholdMs == o.thresholdMs
        && status.equals(o.status)
        && agentId.equals(o.agentId)
        && teamId.equals(o.teamId)
        && answerMs == o.answerMs
        && retracted == o.retracted;
  }

  WaitAlert copy() {
    WaitAlert c = new WaitAlert();
    c.shopId = shopId;
    c.buyerId = buyerId;
    c.platform = platform;
    c.turnId = turnId;
    c.turnStartMs = turnStartMs;
    c.thresholdMs = thresholdMs;
    c.status = status;
    c.agentId = agentId;
    c.teamId = teamId;
    c.answerMs = answerMs;
    c.waitedMs = waitedMs;
    c.retracted = retracted;
    c.version = version;
    c.emittedMs = emittedMs;
    return c;
  }

  @Override
  public String toString() {
    return alertId() + " " + status + (retracted ? " retracted" : "") + " v" + version;
  }
}
