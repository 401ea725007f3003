// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import io.servicepulse.review.Words;
import java.util.Locale;

/** What an account may do in the console. Each account also has the shops it may see. */
public enum Role implements Words.Named {
  /** Judges flagged messages (质检员). */
  REVIEWER("reviewer", "质检员", "Reviewer"),
  /** Judges, assigns work and decides appeals (质检主管). */
  QA_LEAD("qa_lead", "质检主管", "QA lead"),
  /** Sees only their own flags and appeals confirmed ones (客服). */
  AGENT("agent", "客服", "Agent"),
  /** Reads everything of their shops, changes nothing (客服主管). */
  MANAGER("manager", "客服主管（只读）", "Manager, read-only");

  private final Words words;

  Role(String id, String zh, String en) {
    this.words = new Words(id, zh, en);
  }

  @Override
  public Words words() {
    return words;
  }

  public boolean judges() {
    return this == REVIEWER || this == QA_LEAD;
  }

  public boolean decidesAppeals() {
    return this == QA_LEAD;
  }

  public static Role parse(String id) {
    return Words.find(values(), id.strip().toLowerCase(Locale.ROOT).replace('-', '_'))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown role '" + id + "'; one of reviewer, qa_lead, agent, manager"));
  }
}
