// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import java.util.ArrayList;
import java.util.List;

/** Parses ClickHouse's TabSeparated output: rows by '\n', fields by '\t', '\N' for NULL. */
final class TabSeparated {

  private TabSeparated() {}

  /**
   * Rows of fields with escapes resolved; a NULL field is {@code null}. A single row holding one
   * empty string cannot be told apart from no rows in this format and parses as no rows.
   */
  static List<List<String>> parse(String body) {
    String content = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    List<List<String>> rows = new ArrayList<>();
    if (!content.isEmpty()) {
      for (String line : content.split("\n", -1)) {
        rows.add(parseRow(line));
      }
    }
    return rows;
  }

  private static List<String> parseRow(String line) {
    List<String> fields = new ArrayList<>();
    for (String raw : line.split("\t", -1)) {
      fields.add(raw.equals("\\N") ? null : unescape(raw));
    }
    return fields;
  }

  private static String unescape(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 == raw.length()) {
        out.append(c);
        continue;
      }
      char escaped = raw.charAt(++i);
      out.append(
          switch (escaped) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case '0' -> '\0';
            default -> escaped;
          });
    }
    return out.toString();
  }
}
