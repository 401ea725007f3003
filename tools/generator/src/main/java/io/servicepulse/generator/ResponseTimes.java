// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.util.Random;

/**
 * Agent response times: log-normal around a 20 s median (most 5–60 s, ~5 % slower than 100 s, ~1–2
 * % beyond 180 s), scaled by the agent's speed, capped well inside the reply timeout, and pushed
 * away from every threshold a job compares with so no rounding can flip a result.
 */
final class ResponseTimes {

  private static final double MEDIAN_MS = 20_000;
  private static final double SIGMA = 1.0;
  private static final long MIN_MS = 4_000;
  private static final long MAX_MS = 20 * 60_000;

  /** Buckets of the per-turn N-minute variant (DESIGN.md: N in {30 s, 60 s, 180 s}). */
  static final long[] WITHIN_BUCKETS_MS = {30_000, 60_000, 180_000};

  private ResponseTimes() {}

  static long[] thresholds(MetricRules rules) {
    return new long[] {
      WITHIN_BUCKETS_MS[0],
      WITHIN_BUCKETS_MS[1],
      WITHIN_BUCKETS_MS[2],
      rules.slowThresholdMs(),
      rules.nMinuteMs()
    };
  }

  static long sample(Random rng, double agentSpeed, MetricRules rules) {
    double ms = Math.exp(Math.log(MEDIAN_MS) + SIGMA * rng.nextGaussian()) * agentSpeed;
    long response = Math.max(MIN_MS, Math.min(MAX_MS, Math.round(ms)));
    long margin = BuyerTimeline.THRESHOLD_MARGIN_MS + 1_000;
    for (long threshold : thresholds(rules)) {
      if (Math.abs(response - threshold) < margin) {
        response = response < threshold ? threshold - margin : threshold + margin;
      }
    }
    return response;
  }
}
