// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import java.util.Map;
import java.util.TreeMap;

/** True/false positives and misses per key (category, language, ...), and P/R/F1 from them. */
public final class Scores {
  /** Counts for one key. */
  public static final class Counts {
    long tp;
    long fp;
    long fn;

    public double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public long tp() {
      return tp;
    }

    public long fp() {
      return fp;
    }

    public long fn() {
      return fn;
    }
  }

  private final Map<String, Counts> byKey = new TreeMap<>();

  /** Records one (row, label) decision under each of the keys. */
  public void add(boolean expected, boolean predicted, String... keys) {
    for (String key : keys) {
      Counts c = byKey.computeIfAbsent(key, k -> new Counts());
      if (expected && predicted) {
        c.tp++;
      } else if (predicted) {
        c.fp++;
      } else if (expected) {
        c.fn++;
      }
    }
  }

  public Counts get(String key) {
    return byKey.getOrDefault(key, new Counts());
  }

  public String table(String title) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%n== %s%n%-34s %6s %6s %6s %7s %7s %7s%n",
            title, "key", "tp", "fp", "fn", "P", "R", "F1"));
    byKey.forEach(
        (k, c) ->
            sb.append(
                String.format(
                    "%-34s %6d %6d %6d %7.3f %7.3f %7.3f%n",
                    k, c.tp, c.fp, c.fn, c.precision(), c.recall(), c.f1())));
    return sb.toString();
  }
}
