// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/**
 * Model and part codes (ASS-200, X1-SB, 型号ASS3): letters inside a letter-and-digit code are not a
 * word, so no Latin term matches there.
 */
final class ProductCode {
  private static final String CONNECTORS = "-_/.#";

  private ProductCode() {}

  /** The code-like token around {@code [begin, end)} of the compact text has a digit. */
  static boolean contains(String compact, int begin, int end) {
    int from = begin;
    while (from > 0 && codeChar(compact, from - 1, -1)) {
      from--;
    }
    int to = end;
    while (to < compact.length() && codeChar(compact, to, 1)) {
      to++;
    }
    for (int i = from; i < to; i++) {
      char c = compact.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  /** A letter or digit, or a connector with one beyond it ({@code step} is the direction). */
  private static boolean codeChar(String s, int i, int step) {
    char c = s.charAt(i);
    if (TextNormalizer.isLatinOrDigit(c)) {
      return true;
    }
    int next = i + step;
    return CONNECTORS.indexOf(c) >= 0
        && next >= 0
        && next < s.length()
        && TextNormalizer.isLatinOrDigit(s.charAt(next));
  }
}
