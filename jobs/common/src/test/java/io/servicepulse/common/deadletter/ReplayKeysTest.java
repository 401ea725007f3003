// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.deadletter;

import static io.servicepulse.common.testing.EventFixtures.agentStatus;
import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.rating;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.events.AgentStatus;
import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A replayed payload goes back under the key its producer used, for every event type. */
class ReplayKeysTest {

  private final ReleasedSchemas schemas = ReleasedSchemas.bundled();
  private final DeadLetterReplay.Keys keys = new DeadLetterReplay.Keys(schemas);

  private static String text(byte[] key) {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }

  @Test
  void eachEventTypeGetsItsProducersKey() {
    assertThat(text(keys.of(EventCodec.chatMessages(schemas).encode(buyerSays(secs(0), "在吗")))))
        .isEqualTo("shop-1|buyer-1");
    assertThat(
            text(
                keys.of(
                    EventCodec.serviceFeedback(schemas)
                        .encode(rating(secs(0), "fb-1", 0, "agent-1", 2).build()))))
        .isEqualTo("shop-1|buyer-1");
    assertThat(
            text(
                keys.of(
                    EventCodec.agentEvents(schemas)
                        .encode(agentStatus(secs(0), "agent-7", AgentStatus.AWAY)))))
        .isEqualTo("shop-1|agent-7");
    assertThat(keys.of("garbage".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
