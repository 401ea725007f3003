// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.Flag;
import io.servicepulse.qa.inspect.TextInspector;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the inspector over labelled rows ({@link LabelledTsv}), one {@link SetFigures} per set in
 * the order the sets first appear, optionally writing one {@link ResultsTsv} line per row. Flags on
 * rows not labelled offensive are kept per set (count per rule, the first rows of each rule) to
 * show what the false alarms are.
 */
final class LabelledEvaluation {
  private final int examples;
  private final Map<String, SetFigures> sets = new LinkedHashMap<>();
  private final Map<String, Map<String, Integer>> alarmRules = new LinkedHashMap<>();
  private final Map<String, List<String>> alarmExamples = new LinkedHashMap<>();

  private LabelledEvaluation(int examples) {
    this.examples = examples;
  }

  /**
   * @param results where to write the header and one results line per row, or null
   * @param examples how many flagged rows not labelled offensive to keep per set and rule
   */
  static LabelledEvaluation run(
      TextInspector inspector, List<LabelledRow> rows, Writer results, int examples)
      throws IOException {
    LabelledEvaluation eval = new LabelledEvaluation(examples);
    if (results != null) {
      results.write(ResultsTsv.HEADER + "\n");
    }
    for (LabelledRow row : rows) {
      List<Flag> flags = inspector.inspect(row.text(), row.role()).flags();
      Verdict v = Verdict.of(flags);
      eval.sets.computeIfAbsent(row.set(), SetFigures::new).add(row, v);
      if (v.any() && row.label() != Label.OFFENSIVE) {
        eval.alarm(row, flags);
      }
      if (results != null) {
        results.write(ResultsTsv.line(row, v) + "\n");
      }
    }
    return eval;
  }

  private void alarm(LabelledRow row, List<Flag> flags) {
    Map<String, Integer> rules = alarmRules.computeIfAbsent(row.set(), s -> new TreeMap<>());
    boolean show = false;
    for (Flag f : flags) {
      show |= rules.merge(f.ruleId(), 1, Integer::sum) <= examples;
    }
    if (show) {
      alarmExamples
          .computeIfAbsent(row.set(), s -> new ArrayList<>())
          .add(row.id() + " " + Evaluate.oneLine(row.text()) + "  <- " + Evaluate.describe(flags));
    }
  }

  List<SetFigures> sets() {
    return List.copyOf(sets.values());
  }

  /** Per set: the rules that fired on rows not labelled offensive, and the first examples. */
  String falseAlarms() {
    StringBuilder sb = new StringBuilder();
    alarmRules.forEach(
        (set, rules) -> {
          sb.append("flags on rows not labelled offensive, ").append(set).append(": ");
          sb.append(rules).append('\n');
          alarmExamples
              .getOrDefault(set, List.of())
              .forEach(e -> sb.append("  ").append(e).append('\n'));
        });
    return sb.toString();
  }
}
