// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import io.servicepulse.events.SenderRole;

/**
 * Records that decode (valid header, current schema's fingerprint) but break a validity rule; every
 * job that reads the topic must dead-letter them with stage {@code invalid} and {@link #reason}.
 */
enum PoisonKind {
  /** Event ts in the year 2100: would drag any watermark into the future. */
  TS_AHEAD("ts ahead of clock"),
  /** Event ts 1990-01-01T00:00:00Z. */
  TS_BEFORE_FLOOR("ts before floor"),
  /** OrderEvent amount 10^28 (precision 31 > the schema's 18). */
  AMOUNT_OUT_OF_RANGE("amount out of range"),
  /** ChatMessage text of 1 MiB + 1 byte of UTF-8. */
  TEXT_TOO_LONG("text too long"),
  /** ChatMessage text with bytes that are not UTF-8 (Avro decodes them to U+FFFD). */
  INVALID_UTF8("invalid UTF-8"),
  /**
   * A real buyer's event again, 5–60 s after it, with the same event_id but its ts 7 s later: the
   * first copy counts, this one is a dead letter in every job.
   */
  CONFLICTING_DUPLICATE("conflicting duplicate");

  /** The kinds per topic, in the order the records cycle through them. */
  static final PoisonKind[] CHAT = {
    TS_AHEAD, TS_BEFORE_FLOOR, TEXT_TOO_LONG, INVALID_UTF8, CONFLICTING_DUPLICATE
  };

  static final PoisonKind[] ORDER = {
    TS_AHEAD, TS_BEFORE_FLOOR, AMOUNT_OUT_OF_RANGE, CONFLICTING_DUPLICATE
  };

  /** The dead letter's reason text, exactly. */
  final String reason;

  PoisonKind(String reason) {
    this.reason = reason;
  }

  /** Poison chat messages alternate buyer and agent senders, so both paths get them. */
  static SenderRole role(int number) {
    return number % 2 == 0 ? SenderRole.BUYER : SenderRole.AGENT;
  }
}
