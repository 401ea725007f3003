// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into plain and marked segments from flags' [start, end) character spans. Spans may
 * overlap or lie outside the text (a stale flag); they are merged and clipped, never trusted.
 */
public final class SpanMarker {

  /** A [start, end) span of characters. */
  public record Span(int start, int end) {}

  private SpanMarker() {}

  public static List<Segment> segments(String text, List<Span> spans) {
    boolean[] marked = new boolean[text.length()];
    for (Span span : spans) {
      int start = Math.max(0, span.start());
      int end = Math.min(text.length(), span.end());
      for (int i = start; i < end; i++) {
        marked[i] = true;
      }
    }
    List<Segment> segments = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || marked[i] != marked[from]) {
        segments.add(new Segment(text.substring(from, i), marked[from]));
        from = i;
      }
    }
    return segments;
  }
}
