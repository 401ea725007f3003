// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.precision;

import io.servicepulse.review.queue.Decision;
import io.servicepulse.review.queue.FlagRow;
import io.servicepulse.review.queue.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Confirmed false alarms (latest decision: false alarm) as candidates for the QA lexicon, in its
 * own file formats (jobs/qa/src/main/resources/qa/lexicon/allow.tsv and
 * jobs/qa/src/test/resources/qa/gold.tsv): allow-list lines {@code word lang note} with the matched
 * span as the word, and gold lines {@code id lang role lookalike - text}. Candidates, not edits: a
 * person widens the word to the innocent longer word before adding it.
 */
public final class FalseAlarmExport {

  private FalseAlarmExport() {}

  public static String allowListCandidates(List<FlagRow> flags, Map<String, Verdict> latest) {
    StringBuilder out =
        new StringBuilder(
            "# allow.tsv candidates from verdicts (false alarms). Tab-separated: word  lang  note\n");
    Set<String> seen = new LinkedHashSet<>();
    for (FlagRow flag : falseAlarms(flags, latest)) {
      String word = clean(span(flag));
      if (word.isEmpty() || !seen.add(word + "\t" + flag.language())) {
        continue;
      }
      Verdict verdict = latest.get(flag.messageId());
      out.append(word)
          .append('\t')
          .append(clean(flag.language()))
          .append('\t')
          .append(
              clean(
                  "false alarm of "
                      + flag.ruleId()
                      + " on "
                      + flag.messageId()
                      + " ("
                      + verdict.reviewer()
                      + (verdict.comment().isEmpty() ? "" : ": " + verdict.comment())
                      + ")"))
          .append('\n');
    }
    return out.toString();
  }

  public static String goldCandidates(List<FlagRow> flags, Map<String, Verdict> latest) {
    StringBuilder out =
        new StringBuilder(
            "# gold.tsv candidates from verdicts (false alarms, expected: no flag)."
                + " Tab-separated: id  lang  role  kind  expected  text\n");
    Set<String> seen = new LinkedHashSet<>();
    for (FlagRow flag : falseAlarms(flags, latest)) {
      if (seen.add(flag.messageId())) {
        out.append(clean("rv-" + flag.messageId()))
            .append('\t')
            .append(clean(flag.language()))
            .append('\t')
            .append(clean(flag.senderRole()))
            .append("\tlookalike\t-\t")
            .append(clean(flag.maskedText()))
            .append('\n');
      }
    }
    return out.toString();
  }

  private static List<FlagRow> falseAlarms(List<FlagRow> flags, Map<String, Verdict> latest) {
    Map<String, FlagRow> byKey = new LinkedHashMap<>();
    for (FlagRow flag : flags) {
      Verdict verdict = latest.get(flag.messageId());
      if (verdict != null && verdict.decision() == Decision.FALSE_ALARM) {
        byKey.putIfAbsent(flag.messageId() + "\t" + flag.ruleId(), flag);
      }
    }
    return new ArrayList<>(byKey.values());
  }

  /** The matched text, or the span cut from the masked text when none was stored. */
  private static String span(FlagRow flag) {
    if (!flag.matchedText().isEmpty()) {
      return flag.matchedText();
    }
    String text = flag.maskedText();
    int start = Math.max(0, Math.min(flag.spanStart(), text.length()));
    int end = Math.max(start, Math.min(flag.spanEnd(), text.length()));
    return text.substring(start, end);
  }

  /** One TSV field: no tabs or line breaks. */
  private static String clean(String field) {
    return field.replaceAll("[\\t\\r\\n]+", " ").strip();
  }
}
