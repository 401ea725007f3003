// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.events.ChatMessage;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import org.junit.jupiter.api.Test;

class LateEventsTest {

  @Test
  void aLateLetterCarriesTheEventInWireFormatSoItCanBeSentAgain() {
    ChatMessage late = buyerSays(secs(0), "在吗");
    long ts = late.getTs().toEpochMilli();
    DeadLetter letter = LateEvents.letter("metrics", late.getEventId(), ts, ts + 600_000, late);

    assertThat(letter.stage).isEqualTo(DeadLetter.STAGE_LATE);
    assertThat(letter.error).contains("600000 ms behind");
    assertThat(EventCodec.chatMessages(ReleasedSchemas.bundled()).decode(letter.payload).event())
        .isEqualTo(late);
  }

  @Test
  void lateness() {
    assertThat(LateEvents.isLate(1_000, Long.MIN_VALUE, java.time.Duration.ZERO)).isFalse();
    assertThat(LateEvents.isLate(1_000, 400_000, java.time.Duration.ofMinutes(5))).isTrue();
    assertThat(LateEvents.isLate(100_000, 400_000, java.time.Duration.ofMinutes(5))).isFalse();
  }
}
