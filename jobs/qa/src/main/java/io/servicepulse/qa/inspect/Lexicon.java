// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The versioned rule set: terms, the allow-list of innocent longer words and phrase patterns,
 * loaded from {@code qa/lexicon/} on the classpath. Immutable once loaded.
 */
public final class Lexicon {
  static final String ROOT = "qa/lexicon/";

  private final String version;
  private final List<LexiconTerm> terms;
  private final List<String> allowWords;
  private final List<PatternRule> patterns;

  Lexicon(
      String version,
      List<LexiconTerm> terms,
      List<String> allowWords,
      List<PatternRule> patterns) {
    this.version = version;
    this.terms = List.copyOf(terms);
    this.allowWords = List.copyOf(allowWords);
    this.patterns = List.copyOf(patterns);
  }

  /** Loads the lexicon shipped in this jar. */
  public static Lexicon load(TextNormalizer normalizer) {
    Properties props = new Properties();
    try (InputStream in = open("lexicon.properties")) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<LexiconTerm> terms = new ArrayList<>();
    for (String[] row : rows("terms.tsv", 6)) {
      for (String variant : row[5].split(",")) {
        String surface = normalizer.normalizeTerm(variant.trim());
        if (!surface.isEmpty()) {
          terms.add(
              new LexiconTerm(
                  row[0],
                  Category.valueOf(row[1]),
                  Integer.parseInt(row[2]),
                  row[3],
                  MatchMode.parse(row[4]),
                  surface));
        }
      }
    }
    List<String> allow = new ArrayList<>();
    for (String[] row : rows("allow.tsv", 1)) {
      allow.add(normalizer.normalizeTerm(row[0].trim()));
    }
    List<PatternRule> patterns = new ArrayList<>();
    for (String[] row : rows("patterns.tsv", 7)) {
      List<String> triggers =
          Arrays.stream(row[5].split(","))
              .map(t -> normalizer.normalizeTerm(t.trim()))
              .filter(t -> !t.isEmpty())
              .toList();
      patterns.add(
          new PatternRule(
              row[0],
              Category.valueOf(row[1]),
              Integer.parseInt(row[2]),
              row[3],
              MatchMode.parse(row[4]),
              triggers,
              Pattern.compile(row[6])));
    }
    return new Lexicon(props.getProperty("version"), terms, allow, patterns);
  }

  public String version() {
    return version;
  }

  List<LexiconTerm> terms() {
    return terms;
  }

  List<String> allowWords() {
    return allowWords;
  }

  List<PatternRule> patterns() {
    return patterns;
  }

  private static InputStream open(String name) {
    InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IllegalStateException("missing lexicon resource " + ROOT + name);
    }
    return in;
  }

  private static List<String[]> rows(String name, int minColumns) {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        if (cols.length < minColumns) {
          throw new IllegalStateException(
              name + ":" + lineNo + ": expected " + minColumns + " columns");
        }
        rows.add(cols);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
