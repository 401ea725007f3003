// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.web;

import java.util.List;
import java.util.Map;

/** The console's words: Chinese first, English second, as the platforms' own tools say them. */
public final class Labels {

  /** The inspector's categories ({@code qa_flags.category}) in the order the form offers them. */
  public static final List<String> CATEGORY_IDS =
      List.of(
          "PROFANITY",
          "INSULT",
          "THREAT",
          "DISCRIMINATION",
          "IMPATIENCE",
          "SHIRKING",
          "OFF_PLATFORM",
          "REVIEW_BRIBE",
          "PRIVACY_LEAK");

  private static final Map<String, String> CATEGORIES =
      Map.ofEntries(
          Map.entry("PROFANITY", "脏话"),
          Map.entry("INSULT", "辱骂"),
          Map.entry("THREAT", "威胁"),
          Map.entry("DISCRIMINATION", "歧视"),
          Map.entry("IMPATIENCE", "反问/不耐烦"),
          Map.entry("SHIRKING", "推诿"),
          Map.entry("OFF_PLATFORM", "引导站外交易"),
          Map.entry("REVIEW_BRIBE", "诱导好评"),
          Map.entry("PRIVACY_LEAK", "泄露隐私"));

  private Labels() {}

  /** "脏话 PROFANITY" for a known category, the id alone otherwise. */
  public static String category(String id) {
    String zh = CATEGORIES.get(id);
    return zh == null ? id : zh + " " + id;
  }

  public static String severity(int severity) {
    return switch (severity) {
      case 3 -> "严重 3 high";
      case 2 -> "中 2 medium";
      case 1 -> "轻 1 low";
      default -> "-";
    };
  }
}
