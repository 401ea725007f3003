// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.web;

import io.servicepulse.review.queue.Decision;

/** Checks the console's form fields; anything off is a 400 with a bilingual message. */
public final class Forms {

  /** Longest comment or appeal reason accepted, in characters. */
  public static final int MAX_TEXT = 2000;

  /** A verdict form, checked. */
  public record VerdictInput(
      Decision decision, int severityOverride, String categoryCorrection, String comment) {}

  private Forms() {}

  public static VerdictInput verdict(
      String decision, String severity, String category, String comment) {
    Decision parsed =
        Decision.parse(decision).orElseThrow(() -> HttpError.badRequest("请选择结论 Choose a decision"));
    int severityOverride =
        switch (severity == null ? "0" : severity) {
          case "", "0" -> 0;
          case "1" -> 1;
          case "2" -> 2;
          case "3" -> 3;
          default -> throw HttpError.badRequest("严重度无效 Invalid severity");
        };
    String correction = category == null ? "" : category;
    if (!correction.isEmpty() && !Labels.CATEGORY_IDS.contains(correction)) {
      throw HttpError.badRequest("类别无效 Invalid category");
    }
    return new VerdictInput(parsed, severityOverride, correction, text(comment, false));
  }

  /** A comment or reason: at most {@link #MAX_TEXT} characters, stripped; required if asked. */
  public static String text(String value, boolean required) {
    String text = value == null ? "" : value.strip();
    if (text.length() > MAX_TEXT) {
      throw HttpError.badRequest("内容过长 Text too long (max " + MAX_TEXT + ")");
    }
    if (required && text.isEmpty()) {
      throw HttpError.badRequest("请填写理由 Please give a reason");
    }
    return text;
  }
}
