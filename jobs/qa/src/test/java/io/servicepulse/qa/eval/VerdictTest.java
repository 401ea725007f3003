// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.qa.inspect.Category;
import io.servicepulse.qa.inspect.Flag;
import io.servicepulse.qa.inspect.Mitigation;
import io.servicepulse.qa.inspect.SenderRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static Flag flag(Category c, int severity, String rule) {
    return new Flag(c, severity, rule, 0, 2, "xx", "zh", Mitigation.NONE);
  }

  @Test
  void noFlagsIsAllZeros() {
    Verdict v = Verdict.of(List.of());
    assertThat(v.any()).isFalse();
    assertThat(v.abuse()).isFalse();
    assertThat(v.maxSeverity()).isZero();
    LabelledRow row = new LabelledRow("s", "1", SenderRole.AGENT, Label.CIVIL, "hello");
    assertThat(ResultsTsv.line(row, v)).isEqualTo("s\t1\tAGENT\t0\t0\t0\t0\t-\t-\t0");
  }

  @Test
  void abuseAndImpatienceFromTheCategoriesThatFired() {
    Verdict v =
        Verdict.of(
            List.of(
                flag(Category.PRIVACY_LEAK, 2, "privacy.cn-mobile"),
                flag(Category.IMPATIENCE, 1, "impatience.zh-1"),
                flag(Category.INSULT, 3, "insult.zh-shabi")));
    assertThat(v.any()).isTrue();
    assertThat(v.abuse()).isTrue();
    assertThat(v.impatience()).isTrue();
    assertThat(v.categories()).containsExactly("IMPATIENCE", "INSULT", "PRIVACY_LEAK");
    assertThat(v.rules())
        .containsExactly("privacy.cn-mobile", "impatience.zh-1", "insult.zh-shabi");
    assertThat(v.maxSeverity()).isEqualTo(3);

    LabelledRow row = new LabelledRow("shop", "m\t1", SenderRole.BUYER, Label.UNKNOWN, "x");
    assertThat(ResultsTsv.line(row, v))
        .isEqualTo(
            "shop\tm\\t1\tBUYER\t-\t1\t1\t1\tIMPATIENCE,INSULT,PRIVACY_LEAK"
                + "\tprivacy.cn-mobile,impatience.zh-1,insult.zh-shabi\t3");
    assertThat(ResultsTsv.HEADER.split("\t")).hasSize(10);
  }

  @Test
  void everyAbuseCategoryCountsAsAbuseAndNoOtherDoes() {
    for (Category c : Category.values()) {
      boolean expected =
          switch (c.name()) {
            case "PROFANITY", "INSULT", "THREAT", "DISCRIMINATION", Verdict.ABUSE_MODEL -> true;
            default -> false;
          };
      assertThat(Verdict.of(List.of(flag(c, 1, "r"))).abuse()).as(c.name()).isEqualTo(expected);
    }
  }
}
