// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import io.servicepulse.qa.inspect.SenderRole;
import java.util.Collection;
import java.util.Locale;

/**
 * The figures of one evaluation set. Rows labelled 1 or 0 count to P, R, F1 and accuracy (predicted
 * offensive = an abuse flag, unless the caller decides otherwise); rows labelled 0 or - count to
 * the flag rates (any flag at any severity, and at severity 2 or more).
 */
final class SetFigures {
  /** Civil agent text: at most this share flagged at severity ≥ 2 (issue 10). */
  static final double CIVIL_TARGET = 0.001;

  private final String name;
  private long rows;
  private long tp;
  private long fp;
  private long fn;
  private long tn;
  private long notOffensive;
  private long flaggedAny;
  private long flaggedSev2;
  private boolean allAgent = true;

  SetFigures(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  /** A row of a labelled file: predicted offensive = an abuse flag fired. */
  void add(LabelledRow row, Verdict v) {
    add(row.label(), row.role(), v.abuse(), v.maxSeverity());
  }

  /**
   * @param predicted the inspector called the row offensive
   * @param maxSeverity the highest severity of any flag on the row, 0 when none fired
   */
  void add(Label label, SenderRole role, boolean predicted, int maxSeverity) {
    rows++;
    allAgent &= role == SenderRole.AGENT;
    if (label != Label.UNKNOWN) {
      boolean expected = label == Label.OFFENSIVE;
      if (expected && predicted) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (expected) {
        fn++;
      } else {
        tn++;
      }
    }
    if (label != Label.OFFENSIVE) {
      notOffensive++;
      flaggedAny += maxSeverity > 0 ? 1 : 0;
      flaggedSev2 += maxSeverity >= 2 ? 1 : 0;
    }
  }

  long rows() {
    return rows;
  }

  double precision() {
    return ratio(tp, tp + fp);
  }

  double recall() {
    return ratio(tp, tp + fn);
  }

  double f1() {
    double p = precision();
    double r = recall();
    return Double.isNaN(p) || Double.isNaN(r) ? Double.NaN : p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  double accuracy() {
    return ratio(tp + tn, tp + fp + fn + tn);
  }

  long notOffensive() {
    return notOffensive;
  }

  long flaggedAny() {
    return flaggedAny;
  }

  long flaggedSev2() {
    return flaggedSev2;
  }

  double flagRateAny() {
    return ratio(flaggedAny, notOffensive);
  }

  double flagRateSev2() {
    return ratio(flaggedSev2, notOffensive);
  }

  /** Agent messages with no offensive label: the set the civil target is about. */
  boolean isCivilAgentText() {
    return rows > 0 && allAgent && tp + fn == 0;
  }

  boolean meetsCivilTarget() {
    return flagRateSev2() <= CIVIL_TARGET;
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "%-36s %7s %6s %6s %6s %6s %8s %18s %18s",
        "set",
        "rows",
        "P",
        "R",
        "F1",
        "acc",
        "not-off",
        "flagged any",
        "flagged sev>=2");
  }

  /** One line of the table: "–" where a figure is undefined (no row to compute it from). */
  String line() {
    return String.format(
        Locale.ROOT,
        "%-36s %7d %6s %6s %6s %6s %8d %18s %18s",
        name,
        rows,
        figure(precision()),
        figure(recall()),
        figure(f1()),
        figure(accuracy()),
        notOffensive,
        rate(flaggedAny, notOffensive),
        rate(flaggedSev2, notOffensive));
  }

  /** The civil target line: "crosswoz-agent: 3 of 4229 flagged at severity ≥ 2 = ...". */
  String targetLine() {
    return String.format(
        Locale.ROOT,
        "%s: %d of %d flagged at severity >= 2 = %.3f %% (target <= %.3f %%: %s); any severity:"
            + " %d = %.3f %%",
        name,
        flaggedSev2,
        notOffensive,
        100 * flagRateSev2(),
        100 * CIVIL_TARGET,
        meetsCivilTarget() ? "met" : "MISSED",
        flaggedAny,
        100 * flagRateAny());
  }

  static String table(String title, Collection<SetFigures> sets) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%n== %s%n%s%n", title, header()));
    sets.forEach(s -> sb.append(s.line()).append('\n'));
    return sb.toString();
  }

  private static String figure(double x) {
    return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.3f", x);
  }

  private static String rate(long count, long of) {
    return of == 0 ? "–" : String.format(Locale.ROOT, "%d (%.3f %%)", count, 100.0 * count / of);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
