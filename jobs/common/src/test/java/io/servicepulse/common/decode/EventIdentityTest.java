// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.decode.EventIdentity.Copy;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventIdentityTest {

  private final ChatMessage first = buyerSays(secs(0), "在吗");

  @Test
  void aCopyIsFirstSameOrConflicting() {
    long print = EventIdentity.fingerprint(first);
    assertThat(Copy.of(null, print)).isEqualTo(Copy.FIRST);
    assertThat(Copy.of(print, EventIdentity.fingerprint(ChatMessage.newBuilder(first).build())))
        .isEqualTo(Copy.SAME);
    assertThat(Copy.of(print, EventIdentity.fingerprint(withText("还在吗"))))
        .isEqualTo(Copy.CONFLICTING);
  }

  @Test
  void theFingerprintIsOfTheContentNotOfTheObject() {
    // A retry decoded from the wire is another object with the same content.
    EventCodec<ChatMessage> codec = EventCodec.chatMessages(ReleasedSchemas.bundled());
    ChatMessage decoded = codec.decode(codec.encode(first)).event();
    assertThat(EventIdentity.fingerprint(decoded)).isEqualTo(EventIdentity.fingerprint(first));
  }

  @Test
  void eachConflictingContentIsItsOwnReplayableDeadLetter() {
    long print = EventIdentity.fingerprint(first);
    ChatMessage a = withText("还在吗");
    ChatMessage b = withText("人呢");
    DeadLetter letterA =
        EventIdentity.conflictingLetter(
            "ingest", "m-1", a, print, EventIdentity.fingerprint(a), Duration.ofMinutes(10));
    DeadLetter letterB =
        EventIdentity.conflictingLetter(
            "ingest", "m-1", b, print, EventIdentity.fingerprint(b), Duration.ofMinutes(10));
    assertThat(letterA.stage).isEqualTo(DeadLetter.STAGE_INVALID);
    assertThat(letterA.reason).isEqualTo("conflicting duplicate");
    assertThat(letterA.deadLetterId).isNotEqualTo(letterB.deadLetterId);
    assertThat(EventCodec.chatMessages(ReleasedSchemas.bundled()).decode(letterA.payload).event())
        .isEqualTo(a);
  }

  private ChatMessage withText(String text) {
    return ChatMessage.newBuilder(first).setText(text).build();
  }
}
