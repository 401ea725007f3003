// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThresholdsTest {
  private static double[] scores(int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = (i + 0.5) / n; // evenly spread over (0, 1)
    }
    return s;
  }

  @Test
  void atMostTheAllowedShareReachesTheThreshold() {
    double[] s = scores(2000);
    double t = Thresholds.forFalseAlarmRate(s, 0.001, 0.0);
    assertThat(Thresholds.rate(s, t)).isLessThanOrEqualTo(0.001);
    // two of 2000 allowed: the third highest score is just below the threshold
    assertThat(t).isGreaterThan(s[1997]).isLessThanOrEqualTo(s[1998]);
    assertThat(Thresholds.rate(s, Math.nextDown(s[1997]))).isGreaterThan(0.001);
  }

  @Test
  void zeroRateMeansAboveTheHighestScore() {
    double[] s = scores(100);
    double t = Thresholds.forFalseAlarmRate(s, 0.0, 0.0);
    assertThat(t).isGreaterThan(s[99]);
    assertThat(Thresholds.rate(s, t)).isZero();
  }

  @Test
  void tiesStayBelowTheThreshold() {
    double[] s = {0.9, 0.9, 0.9, 0.1};
    double t = Thresholds.forFalseAlarmRate(s, 0.5, 0.0);
    assertThat(Thresholds.rate(s, t)).isZero();
  }

  @Test
  void neverBelowTheFloor() {
    assertThat(Thresholds.forFalseAlarmRate(scores(100), 0.5, 0.5)).isEqualTo(0.5);
    assertThat(Thresholds.forFalseAlarmRate(new double[0], 0.001, 0.5)).isEqualTo(0.5);
  }

  @Test
  void davidsonSplitIsDeterministicAndAboutOneInFive() {
    int dev = 0;
    for (int i = 0; i < 10_000; i++) {
      if (PublicSets.isDavidsonDev(Integer.toString(i))) {
        dev++;
      }
    }
    assertThat(dev).isBetween(1800, 2200);
    assertThat(PublicSets.isDavidsonDev("42")).isEqualTo(PublicSets.isDavidsonDev("42"));
  }
}
