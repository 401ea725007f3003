// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Negation and quoting. They only lower severity for the reviewer: a "negator within N chars" rule
 * misfires (不买就滚, 你是不是有病, "Don't be an asshole"), so it never drops a flag.
 */
final class Mitigations {
  private static final List<String> ZH_NEGATORS =
      List.of(
          "不是说", "没有说", "没说", "并没有", "并不是", "并非", "不是", "没有", "不会说", "从没", "从来没", "哪有说", "没骂",
          "不该说", "不能说", "不敢说", "绝对没");
  private static final Pattern EN_NEGATOR =
      Pattern.compile("\\b(not|never|nobody|no one)\\b|n['’]t\\b");
  private static final List<String> REPORTED_SPEECH =
      List.of(
          "你说",
          "您说",
          "你刚才说",
          "您刚才说",
          "你刚说",
          "您刚说",
          "你骂",
          "您骂",
          "你叫我",
          "您叫我",
          "你讲",
          "您讲",
          "你称",
          "您称",
          "you said",
          "you say",
          "you called",
          "you wrote",
          "your words",
          "you just said");
  private static final String CLAUSE_END = ",.!?;:\n，。！？；：";
  private static final String[][] QUOTE_PAIRS = {{"“", "”"}, {"「", "」"}, {"『", "』"}, {"‘", "’"}};
  private static final int ZH_WINDOW = 8;
  private static final int EN_WINDOW = 30;
  private static final int SPEECH_WINDOW = 20;

  private Mitigations() {}

  static Mitigation of(NormalizedText text, int begin, int end, String language) {
    int os = text.originalStart(begin);
    int oe = text.originalEnd(end);
    if (quoted(text.folded(), os, oe)) {
      return Mitigation.QUOTED;
    }
    if (negated(text.compact(), begin, language)) {
      return Mitigation.NEGATED;
    }
    return Mitigation.NONE;
  }

  private static boolean quoted(String folded, int os, int oe) {
    for (String[] pair : QUOTE_PAIRS) {
      int open = folded.lastIndexOf(pair[0], os - 1);
      if (open >= 0 && folded.indexOf(pair[1], open) >= oe) {
        return true;
      }
    }
    int straightBefore = 0;
    for (int i = 0; i < os; i++) {
      if (folded.charAt(i) == '"') {
        straightBefore++;
      }
    }
    if (straightBefore % 2 == 1 && folded.indexOf('"', oe) >= 0) {
      return true;
    }
    String before = folded.substring(Math.max(0, os - SPEECH_WINDOW), os);
    for (String cue : REPORTED_SPEECH) {
      if (before.contains(cue)) {
        return true;
      }
    }
    return false;
  }

  private static boolean negated(String compact, int begin, String language) {
    boolean zh = "zh".equals(language);
    int from = Math.max(0, begin - (zh ? ZH_WINDOW : EN_WINDOW));
    for (int i = begin - 1; i >= from; i--) {
      if (CLAUSE_END.indexOf(compact.charAt(i)) >= 0) {
        from = i + 1;
        break;
      }
    }
    String window = compact.substring(from, begin);
    if (!zh) {
      return EN_NEGATOR.matcher(window).find();
    }
    for (String negator : ZH_NEGATORS) {
      int at = window.indexOf(negator);
      // 是不是 is a rhetorical question (你是不是有病), not a negation.
      if (at >= 0 && !(negator.startsWith("不是") && at > 0 && window.charAt(at - 1) == '是')) {
        return true;
      }
    }
    return false;
  }
}
