// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.HashSet;
import java.util.Set;

/**
 * Latin initialisms of Chinese abuse (sb, jb, nmsl, cnm, tmd): in English text they are initials,
 * names and other words ("I sent sb the link", "JB" signing a reply), so they count only in Chinese
 * text.
 */
final class LatinAbbreviations {
  /** Longer Latin variants are pinyin words (shabi, caonima), not initials English also uses. */
  private static final int MAX_LENGTH = 4;

  private final Set<String> surfaces = new HashSet<>();

  LatinAbbreviations(Lexicon lexicon) {
    for (LexiconTerm term : lexicon.terms()) {
      if (is(term)) {
        surfaces.add(term.surface());
      }
    }
  }

  static boolean is(LexiconTerm term) {
    return "zh".equals(term.language()) && term.latin() && term.surface().length() <= MAX_LENGTH;
  }

  /**
   * The message has Chinese, or no Latin word but these initialisms ("NMSL", "nmsl!!"): a buyer
   * typing only the abbreviation means it.
   */
  boolean inChineseContext(String compact) {
    int i = 0;
    while (i < compact.length()) {
      char c = compact.charAt(i);
      if (TextNormalizer.isHan(c)) {
        return true;
      }
      if (!TextNormalizer.isLatinLetter(c)) {
        i++;
        continue;
      }
      int j = i;
      while (j < compact.length() && TextNormalizer.isLatinLetter(compact.charAt(j))) {
        j++;
      }
      if (j - i >= 2 && !surfaces.contains(compact.substring(i, j))) {
        return hasHan(compact, j);
      }
      i = j;
    }
    return true;
  }

  private static boolean hasHan(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (TextNormalizer.isHan(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
