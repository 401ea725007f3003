// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.review.queue.Decision;
import org.junit.jupiter.api.Test;

class FormsTest {

  @Test
  void aCompleteVerdictIsAccepted() {
    Forms.VerdictInput input = Forms.verdict("false_alarm", "2", "IMPATIENCE", "  quoted  ");
    assertThat(input.decision()).isEqualTo(Decision.FALSE_ALARM);
    assertThat(input.severityOverride()).isEqualTo(2);
    assertThat(input.categoryCorrection()).isEqualTo("IMPATIENCE");
    assertThat(input.comment()).isEqualTo("quoted");
  }

  @Test
  void optionalFieldsMayBeMissing() {
    Forms.VerdictInput input = Forms.verdict("unsure", null, null, null);
    assertThat(input.severityOverride()).isZero();
    assertThat(input.categoryCorrection()).isEmpty();
    assertThat(input.comment()).isEmpty();
  }

  @Test
  void badFieldsAreA400() {
    assertStatus(() -> Forms.verdict(null, "0", "", ""), 400);
    assertStatus(() -> Forms.verdict("approve", "0", "", ""), 400);
    assertStatus(() -> Forms.verdict("confirm", "4", "", ""), 400);
    assertStatus(() -> Forms.verdict("confirm", "0", "<b>", ""), 400);
    assertStatus(() -> Forms.verdict("confirm", "0", "", "x".repeat(Forms.MAX_TEXT + 1)), 400);
    assertStatus(() -> Forms.text("   ", true), 400);
  }

  private static void assertStatus(Runnable call, int status) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(status));
  }
}
