package io.servicepulse.review.queue;

import java.util.Optional;

/** A reviewer's judgement of a flagged message. */
public enum Decision {
  CONFIRM("confirm", "确认违规", "Confirmed"),
  FALSE_ALARM("false_alarm", "误报", "False alarm"),
  UNSURE("unsure", "不确定", "Unsure");

  private final String id;
  private final String zh;
  private final String en;

  Decision(String id, String zh, String en) {
    this.id = id;
    this.zh = zh;
    this.en = en;
  }

  public String id() {
    return id;
  }

  public String zh() {
    return zh;
  }

  public String en() {
    return en;
  }

  public static Optional<Decision> parse(String id) {
    for (Decision decision : values()) {
      if (decision.id.equals(id)) {
        return Optional.of(decision);
      }
    }
    return Optional.empty();
  }
}
