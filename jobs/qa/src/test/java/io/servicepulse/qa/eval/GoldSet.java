// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.Category;
import io.servicepulse.qa.inspect.SenderRole;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Loads src/test/resources/qa/gold.tsv. */
public final class GoldSet {
  private GoldSet() {}

  public static List<GoldRow> load() {
    InputStream in = GoldSet.class.getClassLoader().getResourceAsStream("qa/gold.tsv");
    if (in == null) {
      throw new IllegalStateException("qa/gold.tsv not on the classpath");
    }
    List<GoldRow> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t", -1);
        if (c.length != 6) {
          throw new IllegalStateException("gold.tsv: 6 columns expected: " + line);
        }
        rows.add(new GoldRow(c[0], c[1], SenderRole.valueOf(c[2]), c[3], categories(c[4]), c[5]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static Set<Category> categories(String s) {
    Set<Category> out = EnumSet.noneOf(Category.class);
    if (!s.equals("-")) {
      Arrays.stream(s.split(",")).map(String::trim).map(Category::valueOf).forEach(out::add);
    }
    return out;
  }
}
