// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.Category;
import io.servicepulse.qa.inspect.Flag;
import io.servicepulse.qa.inspect.TextInspector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Scores the inspector on the gold set at (message, category) level: a flag of the expected
 * category is a true positive, any other category a false positive, a missing one a miss.
 */
public final class GoldEvaluation {
  /** A row whose predicted categories differ from the expected ones. */
  public record Mismatch(GoldRow row, Set<Category> predicted, List<Flag> flags) {
    @Override
    public String toString() {
      return row.id()
          + " expected="
          + row.expected()
          + " got="
          + predicted
          + " text="
          + row.text()
          + " flags="
          + flags;
    }
  }

  private final Scores scores = new Scores();
  private final List<Mismatch> mismatches = new ArrayList<>();
  private final SetFigures messages = new SetFigures("gold set (any category)");

  public static GoldEvaluation run(TextInspector inspector, List<GoldRow> rows) {
    GoldEvaluation eval = new GoldEvaluation();
    for (GoldRow row : rows) {
      List<Flag> flags = inspector.inspect(row.text(), row.role()).flags();
      Set<Category> predicted = EnumSet.noneOf(Category.class);
      flags.forEach(f -> predicted.add(f.category()));
      for (Category c : Category.values()) {
        boolean e = row.expected().contains(c);
        boolean p = predicted.contains(c);
        eval.scores.add(
            e, p, "ALL", "lang=" + row.language(), c.name(), c.name() + "/" + row.language());
      }
      eval.messages.add(
          row.expected().isEmpty() ? Label.CIVIL : Label.OFFENSIVE,
          row.role(),
          !flags.isEmpty(),
          flags.stream().mapToInt(Flag::severity).max().orElse(0));
      if (!predicted.equals(row.expected())) {
        eval.mismatches.add(new Mismatch(row, predicted, flags));
      }
    }
    return eval;
  }

  public Scores scores() {
    return scores;
  }

  public List<Mismatch> mismatches() {
    return mismatches;
  }

  /** Message level: a row with any expected category vs a row with any flag. */
  SetFigures messages() {
    return messages;
  }
}
