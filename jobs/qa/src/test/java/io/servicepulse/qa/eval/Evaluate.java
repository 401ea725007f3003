// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.Flag;
import io.servicepulse.qa.inspect.SenderRole;
import io.servicepulse.qa.inspect.TextInspector;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Prints P, R, F1, accuracy and the flag rates of the inspector per evaluation set: the gold set
 * (also per category and language), COLD dev (and train, marked as training data), Davidson,
 * LDNOOBW and the civil agent-text samples; or, with {@code --tsv}, on any labelled file. Run:
 * {@code jobs/qa/evaluate.sh [path/to/shared/data]} or {@code jobs/qa/evaluate.sh --tsv FILE --out
 * RESULTS}.
 *
 * <p>A message counts as "offensive" when the inspector raises an abuse flag ({@link Verdict}); on
 * the public sets it runs with the BUYER policy, on the civil agent samples with the AGENT policy
 * (every category). The flag rates count any flag on rows not labelled offensive.
 */
@Command(
    name = "evaluate.sh",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Precision, recall, F1, accuracy and flag rates of the QA inspector per set.")
public final class Evaluate implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "shared/data: cold/, davidson/, ldnoobw/ (default: ${DEFAULT-VALUE})",
      defaultValue = "../shared/data")
  Path data;

  @Option(
      names = "--civil",
      paramLabel = "DIR",
      description = "folder of civil agent-text samples (*.tsv, labelled-file format)")
  Path civil;

  @Option(
      names = "--tsv",
      paramLabel = "FILE",
      description =
          "evaluate this labelled file only: set, id, role (AGENT|BUYER), label (1|0|-), text;"
              + " tab-separated, text with \\t \\n \\r \\\\ escapes")
  Path tsv;

  @Option(
      names = "--out",
      paramLabel = "RESULTS",
      description =
          "with --tsv: write a header, then per input row: set, id, role, label, any, abuse,"
              + " impatience, cats, rules, maxsev")
  Path out;

  @Option(
      names = "--examples",
      paramLabel = "N",
      defaultValue = "15",
      description =
          "false positives and misses shown per public set; flagged civil rows shown per set"
              + " and rule (default: ${DEFAULT-VALUE})")
  int examples;

  @Option(
      names = "--no-model",
      description = "lexicon stages only, without the abuse classifier (the figures before it)")
  boolean noModel;

  @Spec CommandSpec spec;

  private final Supplier<TextInspector> inspectors;
  private final PrintStream print;

  public Evaluate() {
    this(null, System.out);
  }

  /** {@code inspectors} null: the shipped inspector, with the model unless --no-model. */
  Evaluate(Supplier<TextInspector> inspectors, PrintStream print) {
    this.inspectors = inspectors;
    this.print = print;
  }

  public static void main(String[] args) {
    System.exit(command(new Evaluate()).execute(args));
  }

  static CommandLine command(Evaluate evaluate) {
    // evaluate.sh passes default --data/--civil first; the user's own come after and win
    return new CommandLine(evaluate).setOverwrittenOptionsAllowed(true);
  }

  @Override
  public Integer call() throws IOException {
    if (out != null && tsv == null) {
      throw new ParameterException(
          spec.commandLine(), "--out needs --tsv: the results file lists that file's rows");
    }
    TextInspector inspector =
        inspectors != null ? inspectors.get() : TextInspector.create(null, 10_000, !noModel);
    print.println("inspector " + inspector.version());
    List<SetFigures> sets = tsv != null ? labelledFile(inspector) : builtInSets(inspector);
    summary(sets);
    return 0;
  }

  private List<SetFigures> labelledFile(TextInspector inspector) throws IOException {
    List<LabelledRow> rows = LabelledTsv.read(tsv);
    LabelledEvaluation eval;
    if (out == null) {
      eval = LabelledEvaluation.run(inspector, rows, null, examples);
    } else {
      try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        eval = LabelledEvaluation.run(inspector, rows, w, examples);
      }
      print.println("results: " + out + " (" + rows.size() + " rows)");
    }
    print.print(eval.falseAlarms());
    return eval.sets();
  }

  private List<SetFigures> builtInSets(TextInspector inspector) throws IOException {
    List<SetFigures> sets = new ArrayList<>();
    sets.add(gold(inspector));
    Path cold = data.resolve("cold");
    if (Files.exists(cold.resolve("dev.csv"))) {
      sets.add(cold(inspector, cold.resolve("dev.csv"), "COLD dev", examples));
      sets.add(cold(inspector, cold.resolve("train.csv"), "COLD train (training data)", 0));
    } else {
      print.println("skipped COLD: " + cold + " not found");
    }
    Path davidson = data.resolve("davidson/labeled_data.csv");
    if (Files.exists(davidson)) {
      sets.add(davidson(inspector, davidson, true, examples));
      sets.add(davidson(inspector, davidson, false, 0));
    } else {
      print.println("skipped Davidson: " + davidson + " not found");
    }
    for (String lang : List.of("zh", "en")) {
      Path list = data.resolve("ldnoobw/" + lang);
      if (Files.exists(list)) {
        sets.addAll(ldnoobw(inspector, list, lang));
      }
    }
    sets.addAll(civilSamples(inspector));
    return sets;
  }

  private void summary(List<SetFigures> sets) {
    print.print(
        SetFigures.table(
            "per set: offensive = an abuse flag; flag rates = rows not labelled offensive with any"
                + " flag",
            sets));
    List<SetFigures> civilSets = sets.stream().filter(SetFigures::isCivilAgentText).toList();
    if (!civilSets.isEmpty()) {
      print.printf(
          "%n== civil agent text (target: <= %.1f %% flagged at severity >= 2)%n",
          100 * SetFigures.CIVIL_TARGET);
      civilSets.forEach(s -> print.println(s.targetLine()));
    }
  }

  /** Per category and language as before, then one message-level line: any flag vs any label. */
  private SetFigures gold(TextInspector inspector) {
    GoldEvaluation gold = GoldEvaluation.run(inspector, GoldSet.load());
    print.print(gold.scores().table("gold set: per category and language"));
    print.println("gold mismatches (" + gold.mismatches().size() + "):");
    gold.mismatches().forEach(m -> print.println("  " + m));
    return gold.messages();
  }

  private SetFigures cold(TextInspector inspector, Path file, String name, int show)
      throws IOException {
    List<PublicSets.Row> rows = PublicSets.cold(file);
    return publicSet(
        inspector, name + " (label 1 = offensive), " + rows.size() + " posts", name, rows, show);
  }

  /** Davidson's dev part (held out from the classifier's training) or its train part. */
  private SetFigures davidson(TextInspector inspector, Path file, boolean dev, int show)
      throws IOException {
    List<PublicSets.Row> rows = PublicSets.davidson(file, dev);
    String name = dev ? "Davidson dev" : "Davidson train (training data)";
    return publicSet(
        inspector,
        name + " (class 0 hate / 1 offensive vs 2 neither), " + rows.size() + " tweets",
        name,
        rows,
        show);
  }

  private record Example(String text, List<Flag> flags, String label) {}

  /** Inspects a public set with the BUYER policy: a table per sub-group, then examples. */
  private SetFigures publicSet(
      TextInspector inspector, String title, String name, List<PublicSets.Row> rows, int show) {
    Scores scores = new Scores();
    SetFigures figures = new SetFigures(name);
    List<Example> fps = new ArrayList<>();
    List<Example> misses = new ArrayList<>();
    long t0 = System.nanoTime();
    rows.forEach(
        row -> {
          List<Flag> flags = inspector.inspect(row.text(), SenderRole.BUYER).flags();
          Verdict v = Verdict.of(flags);
          scores.add(row.offensive(), v.abuse(), "ALL", row.group());
          figures.add(
              row.offensive() ? Label.OFFENSIVE : Label.CIVIL,
              SenderRole.BUYER,
              v.abuse(),
              v.maxSeverity());
          if (v.abuse() && !row.offensive()) {
            fps.add(new Example(row.text(), flags, row.group()));
          } else if (row.offensive() && !v.abuse()) {
            misses.add(new Example(row.text(), flags, row.group()));
          }
        });
    print.print(scores.table(title));
    print.printf("(%.1f s)%n", (System.nanoTime() - t0) / 1e9);
    if (show > 0) {
      print.println("worst false positives (highest severity first):");
      fps.sort(Comparator.comparingInt((Example e) -> -maxSeverity(e.flags())));
      fps.stream()
          .limit(show)
          .forEach(
              e ->
                  print.println(
                      "  ["
                          + e.label()
                          + "] "
                          + oneLine(e.text())
                          + "  <- "
                          + describe(e.flags())));
      print.println("misses (sample):");
      misses.stream()
          .limit(show)
          .forEach(e -> print.println("  [" + e.label() + "] " + oneLine(e.text())));
    }
    return figures;
  }

  /** Recall of the listed terms, alone and in a sentence ("你这个…", "you …"). */
  private List<SetFigures> ldnoobw(TextInspector inspector, Path file, String lang)
      throws IOException {
    List<String> terms =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .filter(s -> !s.isBlank())
            .toList();
    SetFigures alone = new SetFigures("LDNOOBW " + lang + " (term alone)");
    SetFigures inSentence = new SetFigures("LDNOOBW " + lang + " (in a sentence)");
    List<String> missed = new ArrayList<>();
    for (String term : terms) {
      String sentence = lang.equals("zh") ? "你这个" + term : "you " + term;
      Verdict a = Verdict.of(inspector.inspect(term, SenderRole.BUYER).flags());
      Verdict s = Verdict.of(inspector.inspect(sentence, SenderRole.BUYER).flags());
      alone.add(Label.OFFENSIVE, SenderRole.BUYER, a.abuse(), a.maxSeverity());
      inSentence.add(Label.OFFENSIVE, SenderRole.BUYER, s.abuse(), s.maxSeverity());
      if (!a.abuse() && !s.abuse()) {
        missed.add(term);
      }
    }
    print.printf("%nLDNOOBW %s: %d listed terms%n", lang, terms.size());
    print.println("not flagged (" + missed.size() + "): " + String.join(" | ", missed));
    return List.of(alone, inSentence);
  }

  /** Every *.tsv in the civil folder (labelled-file format), inspected as written. */
  private List<SetFigures> civilSamples(TextInspector inspector) throws IOException {
    if (civil == null || !Files.isDirectory(civil)) {
      print.println(
          "\nskipped civil agent text: no folder "
              + civil
              + " (jobs/qa/civil-sample.sh makes it, see jobs/qa/eval-data/civil/README.md)");
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(civil)) {
      files = list.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
    }
    List<SetFigures> sets = new ArrayList<>();
    for (Path file : files) {
      print.printf("%n== civil agent text: %s%n", file);
      LabelledEvaluation eval =
          LabelledEvaluation.run(inspector, LabelledTsv.read(file), null, examples);
      print.print(eval.falseAlarms());
      sets.addAll(eval.sets());
    }
    return sets;
  }

  private static int maxSeverity(List<Flag> flags) {
    return flags.stream().mapToInt(Flag::severity).max().orElse(0);
  }

  static String describe(List<Flag> flags) {
    StringBuilder sb = new StringBuilder();
    for (Flag f : flags) {
      sb.append(f.ruleId())
          .append('"')
          .append(f.text())
          .append("\"s")
          .append(f.severity())
          .append(' ');
    }
    return sb.toString().trim();
  }

  static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ");
    return t.length() > 120 ? t.substring(0, 120) + "…" : t;
  }
}
