// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.qa.eval.GoldEvaluation;
import io.servicepulse.qa.eval.GoldRow;
import io.servicepulse.qa.eval.GoldSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gold set of customer-service messages: every row, and the quality targets. */
class GoldSetTest {
  private static TextInspector inspector;
  private static List<GoldRow> gold;

  @BeforeAll
  static void load() {
    inspector = SharedInspector.get();
    gold = GoldSet.load();
  }

  static Stream<GoldRow> rows() {
    return GoldSet.load().stream();
  }

  @Test
  void goldSetIsLargeAndCoversBothLanguages() {
    assertThat(gold).hasSizeGreaterThanOrEqualTo(150);
    assertThat(gold).filteredOn(r -> r.language().equals("zh")).hasSizeGreaterThan(100);
    assertThat(gold).filteredOn(r -> r.language().equals("en")).hasSizeGreaterThan(80);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyRowGetsExactlyItsExpectedCategories(GoldRow row) {
    List<Flag> flags = inspector.inspect(row.text(), row.role()).flags();
    Set<Category> predicted = EnumSet.noneOf(Category.class);
    flags.forEach(f -> predicted.add(f.category()));
    assertThat(predicted).as("%s flags %s", row, flags).isEqualTo(row.expected());
  }

  @Test
  void noInnocentLookAlikeIsFlagged() {
    assertThat(gold)
        .filteredOn(r -> r.kind().equals("lookalike") || r.kind().equals("clean"))
        .allSatisfy(
            r ->
                assertThat(inspector.inspect(r.text(), r.role()).flags())
                    .as(r.toString())
                    .isEmpty());
  }

  @Test
  void precisionAndRecallMeetTheTargets() {
    GoldEvaluation eval = GoldEvaluation.run(inspector, gold);
    assertThat(eval.scores().get("ALL").precision())
        .as(eval.scores().table("gold") + eval.mismatches())
        .isGreaterThanOrEqualTo(0.95);
    assertThat(eval.scores().get("ALL").recall())
        .as(eval.scores().table("gold") + eval.mismatches())
        .isGreaterThanOrEqualTo(0.90);
  }
}
