// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.precision;

import static io.servicepulse.review.queue.QueueFixtures.itemWithRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.review.queue.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecisionTest {

  @Test
  void eachRuleOfAMessageCountsItsLatestDecision() {
    List<PrecisionRow> rows =
        Precision.byRule(
            List.of(
                itemWithRules("m1", List.of("r1", "r2"), Decision.CONFIRM),
                itemWithRules("m2", List.of("r1"), Decision.FALSE_ALARM),
                itemWithRules("m3", List.of("r1"), Decision.UNSURE),
                itemWithRules("m4", List.of("r3"), null)));
    assertThat(rows)
        .containsExactly(new PrecisionRow("r1", 1, 1, 1), new PrecisionRow("r2", 1, 0, 0));
    assertThat(rows.get(0).precision()).hasValue(0.5);
    assertThat(new PrecisionRow("r9", 0, 0, 3).precision()).isEmpty();
  }
}
