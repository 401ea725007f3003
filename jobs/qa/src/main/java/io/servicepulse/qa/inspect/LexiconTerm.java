// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/** One normalised variant of a lexicon rule (terms.tsv). */
record LexiconTerm(
    String ruleId,
    Category category,
    int severity,
    String language,
    MatchMode mode,
    String surface) {

  boolean latin() {
    for (int i = 0; i < surface.length(); i++) {
      if (TextNormalizer.isHan(surface.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
