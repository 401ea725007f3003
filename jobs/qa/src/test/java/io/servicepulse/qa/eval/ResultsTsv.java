// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

/**
 * One line of the RESULTS file of {@code evaluate.sh --tsv FILE --out RESULTS} per input row:
 * {@code set, id, role, label, any, abuse, impatience, cats, rules, maxsev}. The flags are 1 or 0;
 * cats and rules are comma-separated, {@code -} when none fired; maxsev is 0 when none fired.
 */
final class ResultsTsv {
  static final String HEADER = "set\tid\trole\tlabel\tany\tabuse\timpatience\tcats\trules\tmaxsev";

  private ResultsTsv() {}

  static String line(LabelledRow row, Verdict v) {
    return String.join(
        "\t",
        LabelledTsv.columns(row),
        bit(v.any()),
        bit(v.abuse()),
        bit(v.impatience()),
        list(String.join(",", v.categories())),
        list(String.join(",", v.rules())),
        Integer.toString(v.maxSeverity()));
  }

  private static String bit(boolean b) {
    return b ? "1" : "0";
  }

  private static String list(String joined) {
    return joined.isEmpty() ? "-" : TsvText.escape(joined);
  }
}
