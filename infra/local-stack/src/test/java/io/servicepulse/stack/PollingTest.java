// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static io.servicepulse.stack.Polling.pollUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingTest {

  @Test
  void returnsOnceTheConditionHoldsTreatingExceptionsAsNotYet() {
    AtomicInteger attempts = new AtomicInteger();

    pollUntil(
        () -> {
          if (attempts.incrementAndGet() < 3) {
            throw new IllegalStateException("table not created yet");
          }
          return true;
        },
        Duration.ofSeconds(10),
        "the third attempt");

    assertThat(attempts).hasValue(3);
  }

  @Test
  void timeoutNamesTheConditionAndKeepsTheLastFailure() {
    assertThatThrownBy(
            () ->
                pollUntil(
                    () -> {
                      throw new IllegalStateException("still starting");
                    },
                    Duration.ofMillis(200),
                    "a server that never starts"))
        .isInstanceOf(ConditionTimeoutException.class)
        .hasMessageContaining("waiting for a server that never starts")
        .hasRootCauseMessage("still starting");
  }
}
