// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.sample;

import io.servicepulse.review.Words;

/** How agents are chosen for a spot check (抽查). */
public enum Criterion implements Words.Named {
  RANDOM(new Words("random", "随机", "Random"), false),
  LOW_CONVERSION(new Words("conversion", "询单转化率低", "Low conversion"), true),
  HIGH_REFUND(new Words("refund", "退款率高", "High refund rate"), false),
  LOW_REPLY(new Words("reply", "回复率低", "Low reply rate"), true);

  private final Words words;
  private final boolean lowIsBad;

  Criterion(Words words, boolean lowIsBad) {
    this.words = words;
    this.lowIsBad = lowIsBad;
  }

  @Override
  public Words words() {
    return words;
  }

  /** True if a low rate is the abnormal end (conversion, reply rate). */
  public boolean lowIsBad() {
    return lowIsBad;
  }

  public static Criterion parse(String id) {
    return Words.find(values(), id).orElse(RANDOM);
  }
}
