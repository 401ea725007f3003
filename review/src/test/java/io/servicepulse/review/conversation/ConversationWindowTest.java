// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationWindowTest {

  private static final long MIN = 60_000;

  private static ChatLine at(long minute) {
    return new ChatLine("e" + minute, "BUYER", "", "x", minute * MIN);
  }

  @Test
  void theRunOfMessagesWithoutA30MinuteGapAroundTheFocus() {
    List<ChatLine> messages = List.of(at(0), at(50), at(70), at(95), at(120), at(200));
    ConversationWindow window =
        ConversationWindow.around(messages, 95 * MIN, Duration.ofMinutes(30));
    assertThat(window).isEqualTo(new ConversationWindow(50 * MIN, 120 * MIN));
    assertThat(window.contains(0)).isFalse();
    assertThat(window.contains(70 * MIN)).isTrue();
  }

  @Test
  void aLongConversationIsShownWholeNotJustThirtyMinutes() {
    List<ChatLine> messages = List.of(at(0), at(25), at(50), at(75), at(100), at(125));
    assertThat(ConversationWindow.around(messages, 125 * MIN, Duration.ofMinutes(30)))
        .isEqualTo(new ConversationWindow(0, 125 * MIN));
  }

  @Test
  void noMessagesIsTheFocusAlone() {
    assertThat(ConversationWindow.around(List.of(), 5, Duration.ofMinutes(30)))
        .isEqualTo(new ConversationWindow(5, 5));
  }
}
