// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

/** Quality-inspection categories of DESIGN.md ("Quality inspection"). */
public enum QaCategory {
  PROFANITY,
  INSULT,
  THREAT,
  DISCRIMINATION,
  IMPATIENCE,
  SHIRKING,
  OFF_PLATFORM,
  REVIEW_BRIBE,
  PRIVACY_LEAK
}
