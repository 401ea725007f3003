// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.SenderRole;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled file, one message a line: {@code set, id, role, label, text}, tab-separated, UTF-8.
 * Role is AGENT or BUYER (BOT and SYSTEM are accepted too), label 1 offensive, 0 civil or - not
 * labelled; the text keeps tab, newline, CR and backslash as {@code \t \n \r \\} ({@link TsvText}).
 * Blank lines, lines starting with {@code #} and the {@link #HEADER} line are skipped.
 */
final class LabelledTsv {
  static final String HEADER = "set\tid\trole\tlabel\ttext";

  private LabelledTsv() {}

  static List<LabelledRow> read(Path file) throws IOException {
    List<LabelledRow> rows = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank() || line.startsWith("#") || line.equals(HEADER)) {
          continue;
        }
        try {
          rows.add(parse(line));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
        }
      }
    }
    return rows;
  }

  static LabelledRow parse(String line) {
    String[] c = line.split("\t", 5);
    if (c.length != 5) {
      throw new IllegalArgumentException(
          "5 tab-separated columns expected (set, id, role, label, text), got " + c.length);
    }
    SenderRole role;
    try {
      role = SenderRole.valueOf(c[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("role must be AGENT or BUYER: '" + c[2] + "'", e);
    }
    return new LabelledRow(
        TsvText.unescape(c[0]),
        TsvText.unescape(c[1]),
        role,
        Label.parse(c[3]),
        TsvText.unescape(c[4]));
  }

  static String format(LabelledRow row) {
    return columns(row) + "\t" + TsvText.escape(row.text());
  }

  /** The columns before the text, {@code set, id, role, label}: the results file starts so too. */
  static String columns(LabelledRow row) {
    return String.join(
        "\t",
        TsvText.escape(row.set()),
        TsvText.escape(row.id()),
        row.role().name(),
        row.label().code());
  }

  /** Writes the header line, then one line a row. */
  static void write(Path file, List<LabelledRow> rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (LabelledRow row : rows) {
        w.write(format(row));
        w.write('\n');
      }
    }
  }
}
