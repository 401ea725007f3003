// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import java.util.Arrays;

/** How the training command picks the classifier's decision threshold from civil text. */
final class Thresholds {
  private Thresholds() {}

  /**
   * The lowest threshold, not below {@code floor}, at which at most {@code maxRate} of the civil
   * scores reach it (a score counts as flagged when {@code score >= threshold}).
   */
  static double forFalseAlarmRate(double[] civilScores, double maxRate, double floor) {
    if (civilScores.length == 0) {
      return floor;
    }
    double[] s = civilScores.clone();
    Arrays.sort(s);
    int allowed = (int) Math.floor(maxRate * s.length + 1e-9);
    if (allowed >= s.length) {
      return floor;
    }
    // s[n-1-allowed] is the (allowed+1)-th highest score: it and every score equal to it must stay
    // below the threshold, so the threshold is the next double above it.
    double t = Math.nextUp(s[s.length - 1 - allowed]);
    return Math.max(floor, t);
  }

  /** Share of scores at or above the threshold. */
  static double rate(double[] scores, double threshold) {
    long n = Arrays.stream(scores).filter(x -> x >= threshold).count();
    return scores.length == 0 ? 0 : (double) n / scores.length;
  }
}
