// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes); a leading BOM is skipped.
 */
final class Csv {
  private Csv() {}

  static List<List<String>> read(Path path) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean first = true;
      int ch;
      while ((ch = r.read()) != -1) {
        char c = (char) ch;
        if (first) {
          first = false;
          if (c == '\uFEFF') {
            continue;
          }
        }
        if (quoted) {
          if (c == '"') {
            r.mark(1);
            int next = r.read();
            if (next == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (next != -1) {
                r.reset();
              }
            }
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
        } else if (c == '\n') {
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
        } else if (c != '\r') {
          field.append(c);
        }
      }
      if (field.length() > 0 || !row.isEmpty()) {
        row.add(field.toString());
        rows.add(row);
      }
    }
    return rows;
  }
}
