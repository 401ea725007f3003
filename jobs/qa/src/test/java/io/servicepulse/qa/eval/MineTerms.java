// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.Flag;
import io.servicepulse.qa.inspect.SenderRole;
import io.servicepulse.qa.inspect.TextInspector;
import io.servicepulse.qa.inspect.TextNormalizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Candidate lexicon additions mined from the training splits (COLD train, Davidson train): the
 * Chinese char 2-3-grams and English words with the highest smoothed log-odds of occurring in an
 * offensive row the lexicon misses versus a civil row, among those seen in at least {@code
 * --min-count} missed offensive rows and never in the civil agent samples. A list to read, not to
 * paste: each candidate goes into the lexicon only with a gold row and a civil-text check. Run:
 * {@code jobs/qa/run-main.sh io.servicepulse.qa.eval.MineTerms --data ../shared/data --civil DIR}.
 */
@Command(name = "MineTerms", mixinStandardHelpOptions = true)
public final class MineTerms implements Callable<Integer> {
  /** --civil: candidates seen in the civil agent samples drop. */
  @Mixin DataOptions in;

  @Option(names = "--min-count", defaultValue = "15")
  int minCount;

  @Option(names = "--top", defaultValue = "40")
  int top;

  private final TextNormalizer normalizer = new TextNormalizer();

  public static void main(String[] args) {
    System.exit(new CommandLine(new MineTerms()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    TextInspector lexicon = TextInspector.create(null, 10_000, false);
    Set<String> civilGrams = new HashSet<>();
    for (LabelledRow r : in.civilRows()) {
      civilGrams.addAll(grams(normalizer.normalize(r.text()).compact()));
    }
    mine(
        "zh (COLD train)",
        PublicSets.cold(in.data.resolve("cold/train.csv")),
        lexicon,
        civilGrams,
        true);
    mine(
        "en (Davidson train)",
        PublicSets.davidson(in.data.resolve("davidson/labeled_data.csv"), false),
        lexicon,
        civilGrams,
        false);
    return 0;
  }

  private void mine(
      String name,
      List<PublicSets.Row> rows,
      TextInspector lexicon,
      Set<String> civilGrams,
      boolean chinese) {
    Map<String, int[]> counts = new HashMap<>(); // [missed offensive rows, civil rows]
    int missed = 0;
    int civilRows = 0;
    for (PublicSets.Row r : rows) {
      boolean flagged = false;
      for (Flag f : lexicon.inspect(r.text(), SenderRole.BUYER).flags()) {
        flagged |= f.category().isAbuse();
      }
      if (r.offensive() && flagged) {
        continue;
      }
      int side = r.offensive() ? 0 : 1;
      if (side == 0) {
        missed++;
      } else {
        civilRows++;
      }
      for (String g : grams(normalizer.normalize(r.text()).compact())) {
        if (chinese == (g.charAt(0) >= '\u4E00')) {
          counts.computeIfAbsent(g, k -> new int[2])[side]++;
        }
      }
    }
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      if (c[0] >= minCount && !civilGrams.contains(e.getKey())) {
        double odds =
            Math.log((c[0] + 0.5) / (missed - c[0] + 0.5))
                - Math.log((c[1] + 0.5) / (civilRows - c[1] + 0.5));
        scored.add(Map.entry(e.getKey(), odds));
      }
    }
    scored.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    System.out.printf(
        "%n== %s: %d offensive rows the lexicon misses, %d civil rows%n", name, missed, civilRows);
    for (Map.Entry<String, Double> e : scored.subList(0, Math.min(top, scored.size()))) {
      int[] c = counts.get(e.getKey());
      System.out.printf(
          Locale.ROOT,
          "  %-16s log-odds %5.2f  offensive %4d  civil %4d%n",
          e.getKey(),
          e.getValue(),
          c[0],
          c[1]);
    }
  }

  /** Distinct Han char 2-3-grams and Latin words (3+ letters) of a compact text. */
  static Set<String> grams(String compact) {
    Set<String> out = new HashSet<>();
    int n = compact.length();
    for (int i = 0; i < n; i++) {
      for (int len = 2; len <= 3 && i + len <= n; len++) {
        String g = compact.substring(i, i + len);
        if (g.chars().allMatch(ch -> ch >= '\u4E00' && ch <= '\u9FFF')) {
          out.add(g);
        }
      }
    }
    for (String w : compact.split("[^a-z']+")) {
      if (w.length() >= 3) {
        out.add(w);
      }
    }
    return out;
  }
}
