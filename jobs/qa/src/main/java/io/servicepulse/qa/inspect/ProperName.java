// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.Locale;
import java.util.Set;

/**
 * An English insult word that names a business or venue: "Clowns Cafe", "the Joker's Bar", "clowns
 * cafe" (a booking agent's lower case). The word is then part of a name, not said of anyone.
 *
 * <p>Read as a name when the next word is a business or venue noun and the insult word is written
 * as a name's part: capitalised, or in the plural or possessive ("clowns", "clown's"). Still an
 * insult: "this clown shop", "you clowns" (no venue noun), "YOU CLOWN CAFE" (shouted, all
 * capitals), or any form after "you"/"your".
 */
final class ProperName {
  /** Nouns that close a business's or a venue's name. */
  private static final Set<String> VENUE_NOUNS =
      Set.of(
          "cafe",
          "café",
          "coffee",
          "bar",
          "pub",
          "inn",
          "tavern",
          "restaurant",
          "bistro",
          "grill",
          "diner",
          "kitchen",
          "pizzeria",
          "bakery",
          "brewery",
          "lounge",
          "hotel",
          "motel",
          "guesthouse",
          "hostel",
          "lodge",
          "club",
          "theatre",
          "theater",
          "cinema",
          "museum",
          "gallery",
          "college",
          "school",
          "church",
          "shop",
          "store",
          "market",
          "records",
          "studio",
          "studios",
          "circus",
          "company",
          "co",
          "ltd",
          "inc",
          "llc",
          "toys");

  private static final Set<String> ADDRESSEE = Set.of("you", "your", "ur", "u", "ya", "youre");

  private ProperName() {}

  /**
   * The Latin word at {@code [begin, wordEnd)} of the compact text (the term, ending at {@code
   * termEnd}, plus any ending) is part of a business's or venue's name.
   */
  static boolean at(NormalizedText nt, int begin, int termEnd, int wordEnd) {
    String compact = nt.compact();
    int i = wordEnd;
    boolean possessive = false;
    if (i + 1 < compact.length()
        && (compact.charAt(i) == '\'' || compact.charAt(i) == '’')
        && compact.charAt(i + 1) == 's') {
      possessive = true;
      i += 2;
    }
    if (i >= compact.length() || compact.charAt(i) != ' ') {
      return false;
    }
    int nextStart = i + 1;
    int nextEnd = nextStart;
    while (nextEnd < compact.length() && TextNormalizer.isLatinOrDigit(compact.charAt(nextEnd))) {
      nextEnd++;
    }
    if (nextEnd == nextStart || !VENUE_NOUNS.contains(compact.substring(nextStart, nextEnd))) {
      return false;
    }
    if (ADDRESSEE.contains(previousWord(compact, begin))) {
      return false;
    }
    String word = nt.original().substring(nt.originalStart(begin), nt.originalEnd(wordEnd));
    boolean capitalised = Character.isUpperCase(word.charAt(0));
    boolean shouted = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
    boolean plural = wordEnd > termEnd && compact.charAt(wordEnd - 1) == 's';
    return !shouted && (capitalised || plural || possessive);
  }

  private static String previousWord(String compact, int begin) {
    int end = begin;
    while (end > 0 && compact.charAt(end - 1) == ' ') {
      end--;
    }
    int start = end;
    while (start > 0 && TextNormalizer.isLatinOrDigit(compact.charAt(start - 1))) {
      start--;
    }
    return compact.substring(start, end);
  }
}
