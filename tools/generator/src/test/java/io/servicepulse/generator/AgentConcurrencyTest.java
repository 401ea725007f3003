// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentConcurrencyTest {

  @Test
  void thePeakIsTheMostConversationsServedAtOneInstant() {
    AgentConcurrency day = new AgentConcurrency();
    day.add(1_000, 5_000);
    day.add(4_000, 4_500);
    // Starts the millisecond the first one ends: both are being served then.
    day.add(5_000, 6_000);
    day.add(7_000, 7_000);

    assertThat(day.peak()).isEqualTo(2);
    assertThat(day.figures()).isEqualTo("2 5500 4");
  }

  @Test
  void threeOverlappingConversationsAreThreeBuyersAtOnce() {
    AgentConcurrency day = new AgentConcurrency();
    day.add(0, 10_000);
    day.add(2_000, 8_000);
    day.add(3_000, 4_000);
    day.add(9_000, 12_000);

    assertThat(day.peak()).isEqualTo(3);
  }
}
