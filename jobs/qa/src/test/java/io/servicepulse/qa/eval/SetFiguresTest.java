// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicepulse.qa.inspect.SenderRole;
import org.junit.jupiter.api.Test;

class SetFiguresTest {
  private static final SenderRole BUYER = SenderRole.BUYER;

  @Test
  void precisionRecallF1AndAccuracyFromLabelledRows() {
    SetFigures s = new SetFigures("s");
    s.add(Label.OFFENSIVE, BUYER, true, 3); // tp
    s.add(Label.OFFENSIVE, BUYER, true, 2); // tp
    s.add(Label.OFFENSIVE, BUYER, false, 0); // fn
    s.add(Label.CIVIL, BUYER, true, 2); // fp
    s.add(Label.CIVIL, BUYER, false, 0); // tn
    s.add(Label.CIVIL, BUYER, false, 0); // tn

    assertThat(s.precision()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(s.recall()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(s.f1()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(s.accuracy()).isCloseTo(4.0 / 6, within(1e-9));
    assertThat(s.line())
        .startsWith("s ")
        .contains(" 6 ", "0.667", "1 (33.333 %)")
        .doesNotContain("–");
  }

  @Test
  void unlabelledRowsCountOnlyToTheFlagRates() {
    SetFigures s = new SetFigures("civil");
    s.add(Label.UNKNOWN, SenderRole.AGENT, true, 1);
    s.add(Label.UNKNOWN, SenderRole.AGENT, false, 0);
    s.add(Label.CIVIL, SenderRole.AGENT, true, 2);
    s.add(Label.CIVIL, SenderRole.AGENT, false, 0);

    assertThat(s.rows()).isEqualTo(4);
    assertThat(s.accuracy()).isEqualTo(0.5); // the two labelled rows only
    assertThat(s.notOffensive()).isEqualTo(4);
    assertThat(s.flaggedAny()).isEqualTo(2);
    assertThat(s.flaggedSev2()).isEqualTo(1);
    assertThat(s.flagRateSev2()).isEqualTo(0.25);
    assertThat(s.precision()).isZero(); // the flagged civil row is a false positive
    assertThat(s.recall()).isNaN(); // no row labelled offensive: recall and F1 are undefined
    assertThat(s.f1()).isNaN();
    assertThat(s.line()).contains("–", "2 (50.000 %)", "1 (25.000 %)");
  }

  @Test
  void civilTargetIsAtMostOnePerThousandAtSeverityTwo() {
    SetFigures s = new SetFigures("agent turns");
    for (int i = 0; i < 1000; i++) {
      s.add(Label.CIVIL, SenderRole.AGENT, false, i < 5 ? 1 : i < 6 ? 2 : 0);
    }
    assertThat(s.isCivilAgentText()).isTrue();
    assertThat(s.meetsCivilTarget()).isTrue();
    assertThat(s.targetLine())
        .isEqualTo(
            "agent turns: 1 of 1000 flagged at severity >= 2 = 0.100 % (target <= 0.100 %: met);"
                + " any severity: 6 = 0.600 %");

    s.add(Label.CIVIL, SenderRole.AGENT, false, 3);
    assertThat(s.meetsCivilTarget()).isFalse();
    assertThat(s.targetLine()).contains("MISSED");
  }

  @Test
  void aSetWithBuyersOrOffensiveLabelsIsNotCivilAgentText() {
    SetFigures buyers = new SetFigures("b");
    buyers.add(Label.CIVIL, BUYER, false, 0);
    SetFigures labelled = new SetFigures("l");
    labelled.add(Label.OFFENSIVE, SenderRole.AGENT, true, 3);
    assertThat(buyers.isCivilAgentText()).isFalse();
    assertThat(labelled.isCivilAgentText()).isFalse();
  }
}
