// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/** What a flag is about; the QA team filters and counts by it. */
public enum Category {
  PROFANITY,
  INSULT,
  THREAT,
  DISCRIMINATION,
  IMPATIENCE,
  SHIRKING,
  OFF_PLATFORM,
  REVIEW_BRIBE,
  PRIVACY_LEAK,
  /** Abuse found by the classifier stage alone (no lexicon rule fired): severity at most 2. */
  ABUSE_MODEL;

  /** Categories that describe abuse of the other person; the only ones checked for buyers. */
  public boolean isAbuse() {
    return this == PROFANITY
        || this == INSULT
        || this == THREAT
        || this == DISCRIMINATION
        || this == ABUSE_MODEL;
  }
}
