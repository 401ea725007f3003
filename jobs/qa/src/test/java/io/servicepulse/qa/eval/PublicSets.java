// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled public sets in shared/data as rows, and Davidson's deterministic train/dev split: a
 * tweet is in dev when the FNV-1a hash of its row id (the file's first column) is 0 mod 5 (about
 * one in five). The classifier trains on COLD train and Davidson train only.
 */
final class PublicSets {
  /** A labelled text: offensive or not, and a sub-group (COLD topic, Davidson class). */
  record Row(String id, String text, boolean offensive, String group) {}

  private PublicSets() {}

  static List<Row> cold(Path csv) throws IOException {
    List<List<String>> rows = Csv.read(csv);
    List<String> header = rows.get(0);
    int id = 0;
    int topic = header.indexOf("topic");
    int label = header.indexOf("label");
    int text = header.indexOf("TEXT");
    List<Row> out = new ArrayList<>(rows.size());
    for (List<String> r : rows.subList(1, rows.size())) {
      out.add(new Row(r.get(id), r.get(text), r.get(label).equals("1"), "topic=" + r.get(topic)));
    }
    return out;
  }

  /** Davidson rows of one split: {@code dev} true for the dev part, false for train. */
  static List<Row> davidson(Path csv, boolean dev) throws IOException {
    List<List<String>> rows = Csv.read(csv);
    List<String> header = rows.get(0);
    int cls = header.indexOf("class");
    int tweet = header.indexOf("tweet");
    List<Row> out = new ArrayList<>(rows.size());
    for (List<String> r : rows.subList(1, rows.size())) {
      if (isDavidsonDev(r.get(0)) != dev) {
        continue;
      }
      String c = r.get(cls);
      String name = c.equals("0") ? " hate" : c.equals("1") ? " offensive" : " neither";
      out.add(new Row(r.get(0), r.get(tweet), !c.equals("2"), "class=" + c + name));
    }
    return out;
  }

  static boolean isDavidsonDev(String rowId) {
    int h = 0x811C9DC5;
    for (byte b : rowId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x01000193;
    }
    return Integer.remainderUnsigned(h, 5) == 0;
  }
}
