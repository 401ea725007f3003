// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

/**
 * Backslash escapes that keep one message on one TSV line: {@code \t}, {@code \n}, {@code \r} and
 * {@code \\}. Unescaping keeps any other backslash as written (a Windows path in a chat survives).
 */
final class TsvText {
  private TsvText() {}

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        sb.append(c);
        continue;
      }
      char next = s.charAt(i + 1);
      switch (next) {
        case '\\' -> sb.append('\\');
        case 't' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        default -> {
          sb.append(c);
          continue;
        }
      }
      i++;
    }
    return sb.toString();
  }
}
