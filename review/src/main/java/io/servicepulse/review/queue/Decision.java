// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.queue;

import io.servicepulse.review.Words;
import java.util.Optional;

/** A reviewer's judgement of a flagged message. */
public enum Decision implements Words.Named {
  CONFIRM("confirm", "确认违规", "Confirmed"),
  FALSE_ALARM("false_alarm", "误报", "False alarm"),
  UNSURE("unsure", "不确定", "Unsure");

  private final Words words;

  Decision(String id, String zh, String en) {
    this.words = new Words(id, zh, en);
  }

  @Override
  public Words words() {
    return words;
  }

  public static Optional<Decision> parse(String id) {
    return Words.find(values(), id);
  }
}
