// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.chat;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rule of {@code events.no-reply-needed}: a buyer message that needs no reply (“好的/谢谢”, “ok
 * thanks”, emoji only, or what a shop adds, e.g. ads) never opens a turn (ServiceMetricsJob) and
 * never makes a buyer wait (IngestJob's {@code messages.no_reply_needed}, the live floor). Judged
 * on the text once, when the message arrives, so the turn tracker keeps no text.
 */
public final class NoReplyNeeded implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Only acknowledgements, thanks, punctuation, symbols and emoji; a lone “?” is a nudge that needs
   * a reply, so question marks are not in it.
   */
  public static final String ACKNOWLEDGEMENTS =
      "(?:[\\s\\p{P}\\p{S}\\p{M}&&[^?]]|好的?|好滴|好嘞|嗯|哦|噢|喔|行|可以|收到|知道了|明白了?|了解"
          + "|谢谢|谢了|多谢|感谢|辛苦了?|亲|ok|okay|thanks?|thank you|thx|ty|great|got it|cool"
          + "|noted|alright|all right|fine)+";

  private static final int MAX_KNOWN_CODE_POINTS = 1 << 16;

  private final String regex;
  private final Pattern pattern;
  private transient Map<Integer, Boolean> firstCodePoints;

  private NoReplyNeeded(String regex) {
    this.regex = regex;
    try {
      this.pattern =
          regex.isEmpty()
              ? null
              : Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "events.no-reply-needed is not a regular expression: " + e.getMessage(), e);
    }
  }

  /** The rule for a regular expression; empty: every buyer message may need a reply. */
  public static NoReplyNeeded of(String regex) {
    return new NoReplyNeeded(regex == null ? "" : regex.strip());
  }

  /** Whether a buyer message with this text needs no reply (full-width folded, trimmed). */
  public boolean test(String text) {
    if (pattern == null || text == null) {
      return false;
    }
    String folded =
        (Normalizer.isNormalized(text, Normalizer.Form.NFKC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFKC))
            .strip();
    return !folded.isEmpty()
        && canStartWith(folded.codePointAt(0))
        && pattern.matcher(folded).matches();
  }

  /**
   * Whether some text beginning with {@code codePoint} can match: the regex on that one character,
   * where {@link Matcher#hitEnd} says whether more input could still match. Most messages are
   * questions whose first character no acknowledgement begins with; the full regex tried every
   * alternative on them (about 0.5 µs a message, a tenth of IngestJob's sink thread).
   */
  private boolean canStartWith(int codePoint) {
    Map<Integer, Boolean> known = firstCodePoints;
    if (known == null) {
      known = new ConcurrentHashMap<>();
      firstCodePoints = known;
    }
    Boolean can = known.get(codePoint);
    if (can == null) {
      Matcher matcher = pattern.matcher(new String(Character.toChars(codePoint)));
      can = matcher.matches() || matcher.hitEnd();
      if (known.size() < MAX_KNOWN_CODE_POINTS) {
        known.put(codePoint, can);
      }
    }
    return can;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoReplyNeeded other && regex.equals(other.regex);
  }

  @Override
  public int hashCode() {
    return regex.hashCode();
  }

  @Override
  public String toString() {
    return regex;
  }
}
