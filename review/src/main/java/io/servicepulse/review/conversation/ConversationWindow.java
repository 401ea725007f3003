// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

import java.time.Duration;
import java.util.List;

/**
 * The whole conversation (会话) around a message: the run of the buyer's messages with the shop that
 * contains it with no gap longer than the session gap (DESIGN.md: 30 min by default).
 */
public record ConversationWindow(long fromMs, long toMs) {

  public static final Duration SESSION_GAP = Duration.ofMinutes(30);

  /** The conversation of {@code messages} that contains {@code focusMs}. */
  public static ConversationWindow around(List<ChatLine> messages, long focusMs, Duration gap) {
    long[] times = messages.stream().mapToLong(ChatLine::tsMs).sorted().toArray();
    long from = focusMs;
    long to = focusMs;
    for (int i = times.length - 1; i >= 0; i--) {
      if (times[i] <= from && from - times[i] <= gap.toMillis()) {
        from = times[i];
      }
    }
    for (long time : times) {
      if (time >= to && time - to <= gap.toMillis()) {
        to = time;
      }
    }
    return new ConversationWindow(from, to);
  }

  public boolean contains(long tsMs) {
    return tsMs >= fromMs && tsMs <= toMs;
  }
}
