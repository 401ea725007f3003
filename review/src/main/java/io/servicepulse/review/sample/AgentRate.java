// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.sample;

/** One agent's rate over a period: {@code numerator / denominator} (e.g. paid / inquiring). */
public record AgentRate(String shopId, String agentId, long numerator, long denominator) {

  public double rate() {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
