// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

import io.servicepulse.review.queue.FlagRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The conversation view's lines: the buyer's messages with the shop and their order events in time
 * order, flagged spans marked, each turn's response time on the buyer message that opened it.
 * Flagged messages show the inspector's masked text (phone numbers and addresses hidden), to which
 * the spans refer.
 */
public final class Timeline {

  private Timeline() {}

  public static List<TimelineEntry> build(
      List<ChatLine> messages,
      List<FlagRow> flags,
      List<TurnTime> turns,
      List<OrderLine> orders,
      String focusMessageId) {
    Map<String, List<FlagRow>> flagsByMessage = new LinkedHashMap<>();
    for (FlagRow flag : flags) {
      flagsByMessage.computeIfAbsent(flag.messageId(), k -> new ArrayList<>()).add(flag);
    }
    Map<String, TurnTime> turnByOpener = new LinkedHashMap<>();
    for (TurnTime turn : turns) {
      turnByOpener.put(turn.turnId(), turn);
    }
    List<TimelineEntry> entries = new ArrayList<>();
    for (ChatLine message : withFlaggedMessages(messages, flagsByMessage)) {
      List<FlagRow> own = flagsByMessage.getOrDefault(message.eventId(), List.of());
      String text = own.isEmpty() ? message.text() : own.get(0).maskedText();
      List<SpanMarker.Span> spans =
          own.stream().map(f -> new SpanMarker.Span(f.spanStart(), f.spanEnd())).toList();
      TreeSet<String> categories = new TreeSet<>();
      own.forEach(f -> categories.add(f.category()));
      TurnTime turn = turnByOpener.get(message.eventId());
      entries.add(
          new TimelineEntry(
              message.tsMs(),
              message,
              SpanMarker.segments(text, spans),
              List.copyOf(categories),
              message.eventId().equals(focusMessageId),
              turn == null ? null : turn.answered() ? turn.responseMs() : -1L,
              null));
    }
    for (OrderLine order : orders) {
      entries.add(new TimelineEntry(order.tsMs(), null, List.of(), List.of(), false, null, order));
    }
    entries.sort(Comparator.comparingLong(TimelineEntry::tsMs));
    return entries;
  }

  /**
   * {@code messages} plus a line for each flagged message that {@code messages} lacks (not ingested
   * yet, or outside the window): the flag's own copy, so the flagged text is always on screen.
   */
  private static List<ChatLine> withFlaggedMessages(
      List<ChatLine> messages, Map<String, List<FlagRow>> flagsByMessage) {
    List<ChatLine> all = new ArrayList<>(messages);
    var known = new java.util.HashSet<String>();
    messages.forEach(m -> known.add(m.eventId()));
    for (List<FlagRow> flags : flagsByMessage.values()) {
      FlagRow flag = flags.get(0);
      if (!known.contains(flag.messageId())) {
        all.add(
            new ChatLine(
                flag.messageId(),
                flag.senderRole(),
                flag.agentId(),
                flag.maskedText(),
                flag.tsMs()));
      }
    }
    return all;
  }
}
