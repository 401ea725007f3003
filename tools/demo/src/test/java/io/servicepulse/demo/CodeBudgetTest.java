// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CodeBudgetTest {

  @Test
  void theJobsCodeIsWhatIsLeftAfterTheFloorOneShuffleAndTheServers() {
    // 1 M events: floor 5 CPU-s + 0.5 of Kafka; shuffle part 7 CPU-s + 0.5; job 20 CPU-s + 4.
    CompareBenchmark.Run floor = new CompareBenchmark.Run("floor", "floor", 1_000_000, 2, 5, 0.5);
    CompareBenchmark.Run shuffle =
        new CompareBenchmark.Run("shuffle", "shuffle", 1_000_000, 3, 7, 0.5);
    CompareBenchmark.Run job = new CompareBenchmark.Run("ingest", "ingest", 1_000_000, 10, 20, 4);

    CodeBudget b = CodeBudget.of(floor, shuffle, job);

    assertThat(b.floor()).isCloseTo(5.5, within(1e-9));
    assertThat(b.shuffle()).isCloseTo(2.0, within(1e-9));
    assertThat(b.servers()).isCloseTo(3.5, within(1e-9));
    assertThat(b.codeNow()).isCloseTo(24 - 5.5 - 2 - 3.5, within(1e-9));
    // Half the floor: 11 µs per event in all, of which 11 − 5.5 − 2 − 3.5 = 0 for the code.
    assertThat(b.codeAllowed(0.5)).isCloseTo(0.0, within(1e-9));
    assertThat(b.ceiling()).isCloseTo(5.5 / 11, within(1e-9));
  }

  @Test
  void aJobThatReadsFewerEventsIsComparedPerEvent() {
    CompareBenchmark.Run floor = new CompareBenchmark.Run("floor", "floor", 1_000_000, 2, 5, 0);
    CompareBenchmark.Run shuffle =
        new CompareBenchmark.Run("shuffle", "shuffle", 1_000_000, 3, 6, 0);
    CompareBenchmark.Run metrics = new CompareBenchmark.Run("metrics", "m", 500_000, 5, 6, 1);

    CodeBudget b = CodeBudget.of(floor, shuffle, metrics);

    assertThat(b.servers()).isCloseTo(2.0, within(1e-9));
    assertThat(b.job()).isCloseTo(14.0, within(1e-9));
    assertThat(b.codeNow()).isCloseTo(14 - 5 - 1 - 2, within(1e-9));
  }
}
