// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds URLs, e-mail addresses and @handles, which the matchers must not read as words: a
 * short-link code is not a WeChat id, "gtfo" inside a link is nobody's profanity. Works on the
 * folded text (lower case, half-width), so spans are offsets into the original.
 */
final class TextMasker {
  /** ASCII only: a Chinese char right after a link ends it (看这个t.cn/abc傻逼). */
  private static final String URL_CHAR = "[a-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]";

  /** Top-level domains of links typed without a scheme (bit.ly/x, qq.com). */
  private static final String TLDS =
      "com|cn|net|org|io|ly|gl|gd|cc|tv|info|biz|shop|store|top|xyz|app|link|hk|tw|jp|uk|ru|edu"
          + "|gov|site|online|club|vip|ink";

  /** These are also words ("me", "to", "in"): a domain only with a path (wa.me/…, t.co/…). */
  private static final String WORD_TLDS = "me|to|co|be|in|us|im|de|fr|gg|ai";

  private static final Pattern EMAIL =
      Pattern.compile("(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}");

  private static final String DOMAIN = "(?<![a-z0-9@.-])(?:[a-z0-9-]+\\.)+";

  private static final Pattern URL =
      Pattern.compile(
          "(?:(?:https?|ftp)://|www\\.)"
              + URL_CHAR
              + "+|"
              + DOMAIN
              + "(?:"
              + TLDS
              + "|"
              + WORD_TLDS
              + ")/"
              + URL_CHAR
              + "*|"
              + DOMAIN
              + "(?:"
              + TLDS
              + ")(?![a-z0-9-])");

  /** A handle starts a token: "mail@x" is an e-mail, "a@b" no handle. */
  private static final Pattern HANDLE = Pattern.compile("(?<![a-z0-9_.@])@[a-z0-9_][a-z0-9_.]+");

  private static final String TRAILING_PUNCTUATION = ".,;:!?)]'";

  private TextMasker() {}

  /** Spans {@code [start, end)} to mask, in order and not overlapping. */
  static List<int[]> spans(String folded) {
    boolean at = folded.indexOf('@') >= 0;
    if (!at && folded.indexOf('.') < 0) {
      return List.of();
    }
    List<int[]> spans = new ArrayList<>(1);
    if (at) {
      collect(EMAIL, folded, spans);
    }
    collectUrls(folded, spans);
    if (at) {
      collect(HANDLE, folded, spans);
    }
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    return spans;
  }

  /** The URLs alone: digits in a link's path are ids, not phone numbers. */
  static List<int[]> urls(String folded) {
    List<int[]> spans = new ArrayList<>(0);
    collectUrls(folded, spans);
    return spans;
  }

  private static void collectUrls(String folded, List<int[]> spans) {
    if (!hasInnerDot(folded)) {
      return;
    }
    Matcher url = URL.matcher(folded);
    while (url.find()) {
      String s = url.group();
      boolean bareDomain = !s.contains("/") && !s.startsWith("www.");
      if (bareDomain && !hasLabelOfTwoChars(s)) {
        continue;
      }
      add(spans, url.start(), trimEnd(folded, url.start(), url.end()));
    }
  }

  /** Every link has a dot between letters or digits (t.cn, www.x); a full stop does not. */
  private static boolean hasInnerDot(String s) {
    for (int i = s.indexOf('.'); i >= 0 && i + 1 < s.length(); i = s.indexOf('.', i + 1)) {
      if (i > 0 && asciiAlnum(s.charAt(i - 1)) && asciiAlnum(s.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean asciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static void collect(Pattern pattern, String folded, List<int[]> out) {
    Matcher m = pattern.matcher(folded);
    while (m.find()) {
      add(out, m.start(), trimEnd(folded, m.start(), m.end()));
    }
  }

  private static void add(List<int[]> spans, int start, int end) {
    for (int[] s : spans) {
      if (start < s[1] && s[0] < end) {
        return;
      }
    }
    if (end - start > 1) {
      spans.add(new int[] {start, end});
    }
  }

  /** "see bit.ly/x." : the sentence's full stop is not part of the link. */
  private static int trimEnd(String folded, int start, int end) {
    while (end > start && TRAILING_PUNCTUATION.indexOf(folded.charAt(end - 1)) >= 0) {
      end--;
    }
    return end;
  }

  private static boolean hasLabelOfTwoChars(String domain) {
    String[] labels = domain.split("\\.");
    for (int i = 0; i < labels.length - 1; i++) {
      if (labels[i].length() >= 2) {
        return true;
      }
    }
    return false;
  }
}
