// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.review.conversation.SpanMarker.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanMarkerTest {

  @Test
  void spansAreMarkedAndTheRestIsPlain() {
    assertThat(SpanMarker.segments("你是笨蛋吗", List.of(new Span(2, 4))))
        .containsExactly(
            new Segment("你是", false), new Segment("笨蛋", true), new Segment("吗", false));
  }

  @Test
  void overlappingSpansMergeAndStaleSpansAreClipped() {
    assertThat(
            SpanMarker.segments("abcdef", List.of(new Span(1, 3), new Span(2, 4), new Span(5, 99))))
        .containsExactly(
            new Segment("a", false),
            new Segment("bcd", true),
            new Segment("e", false),
            new Segment("f", true));
    assertThat(SpanMarker.segments("ab", List.of(new Span(-5, 0))))
        .containsExactly(new Segment("ab", false));
  }

  @Test
  void anEmptyTextHasNoSegments() {
    assertThat(SpanMarker.segments("", List.of(new Span(0, 3)))).isEmpty();
  }
}
