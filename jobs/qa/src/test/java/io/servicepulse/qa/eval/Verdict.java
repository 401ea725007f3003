// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.Category;
import io.servicepulse.qa.inspect.Flag;
import java.util.List;
import java.util.TreeSet;

/**
 * What the inspector said of one message, as the evaluation counts it.
 *
 * @param abuse an abuse flag fired: PROFANITY, INSULT, THREAT, DISCRIMINATION, or a category named
 *     ABUSE_MODEL (the classifier stage of issue 10, once it exists)
 * @param impatience an IMPATIENCE flag fired
 * @param categories the categories that fired, distinct, sorted by name
 * @param rules the rule ids that fired, in the order of the flags
 * @param maxSeverity the highest severity, 0 when nothing fired
 */
record Verdict(
    boolean abuse,
    boolean impatience,
    List<String> categories,
    List<String> rules,
    int maxSeverity) {

  static final String ABUSE_MODEL = "ABUSE_MODEL";

  static Verdict of(List<Flag> flags) {
    TreeSet<String> categories = new TreeSet<>();
    boolean abuse = false;
    boolean impatience = false;
    int max = 0;
    for (Flag f : flags) {
      categories.add(f.category().name());
      abuse |= isAbuse(f.category());
      impatience |= f.category() == Category.IMPATIENCE;
      max = Math.max(max, f.severity());
    }
    List<String> rules = flags.stream().map(Flag::ruleId).distinct().toList();
    return new Verdict(abuse, impatience, List.copyOf(categories), rules, max);
  }

  static boolean isAbuse(Category c) {
    return c.isAbuse() || c.name().equals(ABUSE_MODEL);
  }

  /** Any flag fired. */
  boolean any() {
    return maxSeverity > 0;
  }
}
