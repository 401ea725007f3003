// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers and postal addresses typed in a message, found on the folded text (same offsets as
 * the original), and the masking applied to what is stored.
 */
final class PrivacyDetector {
  /**
   * A personal-data span in original offsets, and the severity of its flag: 0 (masked, not flagged)
   * for the shop's address, a venue's address, its hotlines, toll-free numbers and a business's
   * contact list; 1 for an address nobody's is attributed to; 2 for a person's data.
   */
  record Span(String ruleId, int start, int end, boolean phone, int severity) {
    boolean flag() {
      return severity > 0;
    }
  }

  private static final Pattern CN_MOBILE =
      Pattern.compile("(?<![0-9])(?:\\+?86[ -]?)?1[3-9][0-9](?:[ .-]?[0-9]){8}(?![0-9])");
  private static final Pattern NANP_PHONE =
      Pattern.compile(
          "(?<![0-9])(?:\\+?1[ .-]?)?\\(?[2-9][0-9]{2}\\)?[ .-][0-9]{3}[ .-][0-9]{4}(?![0-9])");

  /**
   * Words that never make a street's name: "3 results for a place to stay" is no address (the
   * street types include place, way, court).
   */
  private static final String NOT_STREET_WORDS =
      "a|an|the|for|to|of|in|on|at|by|from|with|and|or|is|are|was|be|you|your|my|our|their|it"
          + "|results?|minutes?|hours?|days?|nights?|people|persons?|guests?|items?|times?|stars?";

  private static final Pattern CN_ADDRESS =
      Pattern.compile(
          "(?:[\\u4e00-\\u9fa5&&[^的是在到址寄发送往至给于为]]{2,7}(?:省|市|区|县|镇|自治区)){1,4}"
              + "[\\u4e00-\\u9fa5a-z0-9()（）-]{0,25}?[0-9一二三四五六七八九十]+"
              + "(?:号|栋|幢|弄|室|单元)(?:[0-9a-z一二三四五六七八九十-]+(?:号|栋|幢|弄|室|单元|楼|层))*");
  private static final Pattern EN_ADDRESS =
      Pattern.compile(
          "\\b[0-9]{1,5} (?:(?!(?:"
              + NOT_STREET_WORDS
              + ")\\b)[a-z]+ ){1,4}"
              + "(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr"
              + "|boulevard|blvd|court|ct|way|place|pl)\\b(?:,? (?:apt|unit|suite|#) ?[0-9a-z]+)?");

  /**
   * A landline with its area code (010-67498258, 0571 88886666): a business's switchboard. A mobile
   * listed right beside one ("电话是010-67498258,13699120196") is the same business's second line, not
   * a person's.
   */
  private static final Pattern CN_LANDLINE =
      Pattern.compile("(?<![0-9])0[1-9][0-9]{1,2}[ -]?[2-9][0-9]{6,7}(?![0-9])");

  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*(?:[,，;；、/]|或|和|及|or)\\s*");

  private static final int MIN_PHONE_DIGITS = 10;

  private PrivacyDetector() {}

  static List<Span> find(String folded, BusinessNumbers business) {
    List<Span> spans = new ArrayList<>(0);
    int digits = 0;
    boolean addressHint = false;
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '号' || c == '栋' || c == '室' || c == '弄' || c == '幢' || c == ' ') {
        addressHint = true;
      }
    }
    if (digits >= MIN_PHONE_DIGITS) {
      List<int[]> links = TextMasker.urls(folded);
      collectPhones(CN_MOBILE, "privacy.phone.cn-mobile", folded, business, links, spans);
      collectPhones(NANP_PHONE, "privacy.phone.nanp", folded, business, links, spans);
    }
    if (addressHint && digits > 0) {
      boolean contactRecord = AddressContext.namesAPerson(folded);
      for (Span s : spans) {
        contactRecord |= s.phone() && s.flag();
      }
      collectAddresses(CN_ADDRESS, "privacy.address.zh", folded, contactRecord, spans);
      collectAddresses(EN_ADDRESS, "privacy.address.en", folded, contactRecord, spans);
    }
    return spans;
  }

  /**
   * Digits inside a link are ids (order, tracking), not phones. Like the shop's return address, its
   * hotlines and toll-free numbers are masked for storage but not flagged.
   */
  private static void collectPhones(
      Pattern pattern,
      String ruleId,
      String folded,
      BusinessNumbers business,
      List<int[]> links,
      List<Span> out) {
    Matcher m = pattern.matcher(folded);
    while (m.find()) {
      if (!overlaps(out, m.start(), m.end()) && !inside(links, m.start(), m.end())) {
        boolean businessLine =
            business.contains(m.group()) || besideLandline(folded, m.start(), m.end());
        out.add(new Span(ruleId, m.start(), m.end(), true, businessLine ? 0 : 2));
      }
    }
  }

  /**
   * The number is listed next to a landline with an area code, with only a separator between: a
   * business's contact numbers.
   */
  private static boolean besideLandline(String folded, int start, int end) {
    Matcher landline = CN_LANDLINE.matcher(folded);
    while (landline.find()) {
      String between =
          landline.end() <= start
              ? folded.substring(landline.end(), start)
              : end <= landline.start() ? folded.substring(end, landline.start()) : null;
      if (between != null && LIST_SEPARATOR.matcher(between).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Severity by whose address it is ({@link AddressContext}): a person's 2; the shop's or a venue's
   * 0 (masked only); unattributed 1, or 2 beside a person's phone number or name.
   */
  private static void collectAddresses(
      Pattern pattern, String ruleId, String folded, boolean contactRecord, List<Span> out) {
    Matcher m = pattern.matcher(folded);
    while (m.find()) {
      if (!overlaps(out, m.start(), m.end())) {
        int severity =
            switch (AddressContext.of(folded, m.start(), m.end())) {
              case SHOP, VENUE -> 0;
              case PERSON -> 2;
              case UNKNOWN -> contactRecord ? 2 : 1;
            };
        out.add(new Span(ruleId, m.start(), m.end(), false, severity));
      }
    }
  }

  private static boolean inside(List<int[]> spans, int start, int end) {
    for (int[] s : spans) {
      if (s[0] <= start && end <= s[1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean overlaps(List<Span> spans, int start, int end) {
    for (Span s : spans) {
      if (start < s.end() && s.start() < end) {
        return true;
      }
    }
    return false;
  }

  /** Phones keep the first 3 and last 4 digits (138****5678); addresses keep 6 chars. */
  static String mask(String original, List<Span> spans) {
    if (spans.isEmpty()) {
      return original;
    }
    char[] out = original.toCharArray();
    for (Span s : spans) {
      if (s.phone()) {
        int total = 0;
        for (int i = s.start(); i < s.end(); i++) {
          total += Character.isDigit(out[i]) ? 1 : 0;
        }
        int seen = 0;
        for (int i = s.start(); i < s.end(); i++) {
          if (Character.isDigit(out[i])) {
            seen++;
            if (seen > 3 && seen <= total - 4) {
              out[i] = '*';
            }
          }
        }
      } else {
        for (int i = s.start() + 6; i < s.end(); i++) {
          if (!Character.isWhitespace(out[i])) {
            out[i] = '*';
          }
        }
      }
    }
    return new String(out);
  }
}
