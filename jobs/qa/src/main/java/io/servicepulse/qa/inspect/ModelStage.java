// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import io.servicepulse.qa.model.AbuseModel;
import java.util.List;
import java.util.Locale;

/**
 * Stage 3: the abuse classifier ({@link AbuseModel}) on what the lexicon let through.
 *
 * <p>It scores a message only when the sender is an AGENT or a BUYER (a buyer's abuse of the agent;
 * bots send canned text and system notices are not inspected) and the lexicon raised no flag about
 * the message's tone (any category but PRIVACY_LEAK): when the lexicon flagged abuse, impatience or
 * shirking, its flag stands. The text scored is the compact text with the lexicon's allow-list
 * words (垃圾袋, 病毒, 神经酰胺…) blanked, so the model gets the same exemptions as the rules. A score at or
 * above the language's threshold gives one {@link Category#ABUSE_MODEL} flag, severity {@value
 * #SEVERITY}, rule id {@value #RULE_ID}, spanning the whole message, its text the score ({@code
 * "score=0.973"}): the model alone never raises severity 3.
 *
 * <p>Public for the training command, which scores its data exactly as the inspector does.
 */
public final class ModelStage {
  public static final String RULE_ID = "model.abuse";
  public static final int SEVERITY = 2;

  private final AbuseModel model;
  private final CandidateMatcher allowWords;

  /** {@code model} may be null for {@link #modelText} and {@link #scores} alone (training). */
  public ModelStage(AbuseModel model, Lexicon lexicon) {
    this.model = model;
    this.allowWords = new CandidateMatcher(lexicon);
  }

  /** Whether stage 3 scores a message of this sender with these lexicon flags. */
  public static boolean scores(SenderRole role, List<Flag> lexiconFlags) {
    if (role != SenderRole.AGENT && role != SenderRole.BUYER) {
      return false;
    }
    for (Flag f : lexiconFlags) {
      if (f.category() != Category.PRIVACY_LEAK) {
        return false;
      }
    }
    return true;
  }

  /** The compact text with allow-list words replaced by spaces (the same string when none). */
  public String modelText(String compact) {
    List<int[]> spans = allowWords.scan(compact).allowSpans();
    if (spans.isEmpty()) {
      return compact;
    }
    char[] c = compact.toCharArray();
    for (int[] s : spans) {
      for (int i = s[0]; i < s[1]; i++) {
        c[i] = ' ';
      }
    }
    return new String(c);
  }

  /** The model's language: zh when the text has a Han char. */
  public static boolean chinese(String compact) {
    return TextInspector.hasHan(compact);
  }

  String version() {
    return model.version();
  }

  /** The model's flag, or null. */
  Flag flag(NormalizedText nt, SenderRole role, List<Flag> lexiconFlags) {
    if (!scores(role, lexiconFlags) || nt.compact().isEmpty()) {
      return null;
    }
    String text = modelText(nt.compact());
    boolean chinese = chinese(text);
    double score = model.score(text);
    if (!(score >= model.threshold(chinese))) {
      return null;
    }
    return new Flag(
        Category.ABUSE_MODEL,
        SEVERITY,
        RULE_ID,
        0,
        nt.original().length(),
        String.format(Locale.ROOT, "score=%.3f", score),
        chinese ? "zh" : "en",
        Mitigation.NONE);
  }
}
