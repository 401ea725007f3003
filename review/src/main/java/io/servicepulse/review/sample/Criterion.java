package io.servicepulse.review.sample;

/** How agents are chosen for a spot check (抽查). */
public enum Criterion {
  RANDOM("random", "随机 Random", false),
  LOW_CONVERSION("conversion", "询单转化率低 Low conversion", true),
  HIGH_REFUND("refund", "退款率高 High refund rate", false),
  LOW_REPLY("reply", "回复率低 Low reply rate", true);

  private final String id;
  private final String label;
  private final boolean lowIsBad;

  Criterion(String id, String label, boolean lowIsBad) {
    this.id = id;
    this.label = label;
    this.lowIsBad = lowIsBad;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  /** True if a low rate is the abnormal end (conversion, reply rate). */
  public boolean lowIsBad() {
    return lowIsBad;
  }

  public static Criterion parse(String id) {
    for (Criterion c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    return RANDOM;
  }
}
