package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.Flag;
import io.servicepulse.qa.inspect.SenderRole;
import io.servicepulse.qa.inspect.TextInspector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prints precision/recall/F1 of the inspector on the gold set (per category and language) and on
 * the public labelled sets in shared/data (COLD dev, Davidson, LDNOOBW), with the worst false
 * positives and misses. Run: {@code jobs/qa/evaluate.sh [path/to/shared/data]}.
 *
 * <p>For the public sets a message counts as "offensive" when the inspector raises any abuse flag
 * (profanity, insult, threat, discrimination) with the BUYER policy.
 */
public final class Evaluate {
  private static final int SHOW = 15;

  private record Example(String text, List<Flag> flags, String label) {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args.length > 0 ? args[0] : "../../../shared/data");
    TextInspector inspector = TextInspector.create(null, 10_000);
    System.out.println("inspector " + inspector.version());

    GoldEvaluation gold = GoldEvaluation.run(inspector, GoldSet.load());
    System.out.print(gold.scores().table("gold set: per category and language"));
    System.out.println("gold mismatches (" + gold.mismatches().size() + "):");
    gold.mismatches().forEach(m -> System.out.println("  " + m));

    Path cold = data.resolve("cold/dev.csv");
    if (Files.exists(cold)) {
      cold(inspector, cold);
    } else {
      System.out.println("skipped COLD: " + cold + " not found");
    }
    Path davidson = data.resolve("davidson/labeled_data.csv");
    if (Files.exists(davidson)) {
      davidson(inspector, davidson);
    } else {
      System.out.println("skipped Davidson: " + davidson + " not found");
    }
    for (String lang : List.of("zh", "en")) {
      Path list = data.resolve("ldnoobw/" + lang);
      if (Files.exists(list)) {
        ldnoobw(inspector, list, lang);
      }
    }
  }

  private static void cold(TextInspector inspector, Path file) throws IOException {
    List<List<String>> rows = Csv.read(file);
    List<String> header = rows.get(0);
    int topic = header.indexOf("topic");
    int label = header.indexOf("label");
    int text = header.indexOf("TEXT");
    Scores scores = new Scores();
    List<Example> fps = new ArrayList<>();
    List<Example> misses = new ArrayList<>();
    long t0 = System.nanoTime();
    for (List<String> row : rows.subList(1, rows.size())) {
      boolean expected = row.get(label).equals("1");
      List<Flag> flags = inspector.inspect(row.get(text), SenderRole.BUYER).flags();
      boolean predicted = !flags.isEmpty();
      scores.add(expected, predicted, "ALL", "topic=" + row.get(topic));
      collect(expected, predicted, row.get(text), flags, row.get(topic), fps, misses);
    }
    report(
        "COLD dev (label 1 = offensive), " + (rows.size() - 1) + " posts", scores, fps, misses, t0);
  }

  private static void davidson(TextInspector inspector, Path file) throws IOException {
    List<List<String>> rows = Csv.read(file);
    List<String> header = rows.get(0);
    int cls = header.indexOf("class");
    int tweet = header.indexOf("tweet");
    Scores scores = new Scores();
    List<Example> fps = new ArrayList<>();
    List<Example> misses = new ArrayList<>();
    long t0 = System.nanoTime();
    for (List<String> row : rows.subList(1, rows.size())) {
      String c = row.get(cls);
      boolean expected = !c.equals("2");
      String text = row.get(tweet);
      List<Flag> flags = inspector.inspect(text, SenderRole.BUYER).flags();
      boolean predicted = !flags.isEmpty();
      scores.add(
          expected,
          predicted,
          "ALL",
          "class=" + c + (c.equals("0") ? " hate" : c.equals("1") ? " offensive" : " neither"));
      collect(expected, predicted, text, flags, "class " + c, fps, misses);
    }
    report(
        "Davidson (class 0 hate / 1 offensive vs 2 neither), " + (rows.size() - 1) + " tweets",
        scores,
        fps,
        misses,
        t0);
  }

  private static void ldnoobw(TextInspector inspector, Path file, String lang) throws IOException {
    List<String> terms =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .filter(s -> !s.isBlank())
            .toList();
    Scores scores = new Scores();
    List<String> missed = new ArrayList<>();
    for (String term : terms) {
      String sentence = lang.equals("zh") ? "你这个" + term : "you " + term;
      boolean alone = inspector.inspect(term, SenderRole.BUYER).flagged();
      boolean inSentence = inspector.inspect(sentence, SenderRole.BUYER).flagged();
      scores.add(true, alone, "term alone");
      scores.add(true, inSentence, "in a sentence");
      if (!alone && !inSentence) {
        missed.add(term);
      }
    }
    System.out.print(
        scores.table("LDNOOBW " + lang + ": recall of the " + terms.size() + " listed terms"));
    System.out.println("not flagged (" + missed.size() + "): " + String.join(" | ", missed));
  }

  private static void collect(
      boolean expected,
      boolean predicted,
      String text,
      List<Flag> flags,
      String label,
      List<Example> fps,
      List<Example> misses) {
    if (predicted && !expected) {
      fps.add(new Example(text, flags, label));
    } else if (expected && !predicted) {
      misses.add(new Example(text, flags, label));
    }
  }

  private static void report(
      String title, Scores scores, List<Example> fps, List<Example> misses, long t0) {
    System.out.print(scores.table(title));
    System.out.printf("(%.1f s)%n", (System.nanoTime() - t0) / 1e9);
    System.out.println("worst false positives (highest severity first):");
    fps.sort(Comparator.comparingInt((Example e) -> -maxSeverity(e.flags())));
    fps.stream()
        .limit(SHOW)
        .forEach(
            e ->
                System.out.println(
                    "  [" + e.label() + "] " + oneLine(e.text()) + "  <- " + describe(e.flags())));
    System.out.println("misses (sample):");
    misses.stream()
        .limit(SHOW)
        .forEach(e -> System.out.println("  [" + e.label() + "] " + oneLine(e.text())));
  }

  private static int maxSeverity(List<Flag> flags) {
    return flags.stream().mapToInt(Flag::severity).max().orElse(0);
  }

  private static String describe(List<Flag> flags) {
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

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ");
    return t.length() > 120 ? t.substring(0, 120) + "…" : t;
  }
}
