// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.precision;

import java.util.OptionalDouble;

/** Verdict counts of one rule (or category): how often reviewers confirmed what it flagged. */
public record PrecisionRow(String key, int confirmed, int falseAlarms, int unsure) {

  /** confirmed / (confirmed + false alarms); empty while neither was decided. */
  public OptionalDouble precision() {
    int decided = confirmed + falseAlarms;
    return decided == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) confirmed / decided);
  }
}
