// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent's initials signed at the end of a message ("Thanks, ^JB", "-SB", "— JB", a last line
 * "JB"): a name, never the Chinese abbreviation it spells.
 */
final class Signature {
  private static final Pattern TRAILING =
      Pattern.compile("(?:[\\^\\-—–~]|\\n)[ \\t]*([a-z]{2,4})[\\s.!]*$");

  private Signature() {}

  /** Offset in the folded (= original) text where the signed initials start, or -1. */
  static int start(String folded) {
    Matcher m = TRAILING.matcher(folded);
    if (!m.find()) {
      return -1;
    }
    int marker = m.start();
    if (folded.substring(0, marker).isBlank()) {
      return -1; // "-SB" alone signs nothing
    }
    if (folded.charAt(marker) != '\n' && TextNormalizer.isLatinOrDigit(folded.charAt(marker - 1))) {
      return -1; // X-SB is a code, not a sign-off
    }
    return m.start(1);
  }
}
