// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped lexicon is consistent, and each of its terms is found on its own. */
class LexiconTest {
  private static TextInspector inspector;
  private static Lexicon lexicon;

  @BeforeAll
  static void load() {
    inspector = SharedInspector.get();
    lexicon = inspector.lexicon();
  }

  @Test
  void hasAVersionAndRules() {
    assertThat(lexicon.version()).isNotBlank();
    assertThat(lexicon.terms()).hasSizeGreaterThan(300);
    assertThat(lexicon.patterns()).hasSizeGreaterThan(20);
  }

  @Test
  void aRuleIdMeansOneCategoryAndSeverity() {
    Map<String, String> seen = new HashMap<>();
    lexicon
        .terms()
        .forEach(
            t -> {
              String value = t.category() + "/" + t.severity();
              assertThat(seen.putIfAbsent(t.ruleId(), value)).as(t.ruleId()).isIn(null, value);
            });
  }

  @Test
  void everyTermOnItsOwnIsFlaggedWithItsCategory() {
    for (LexiconTerm term : lexicon.terms()) {
      assertThat(inspector.inspect(term.surface(), SenderRole.AGENT).flags())
          .as(term.ruleId() + " " + term.surface())
          .anySatisfy(f -> assertThat(f.category()).isEqualTo(term.category()));
    }
  }

  @Test
  void noAllowListWordIsFlagged() {
    for (String word : lexicon.allowWords()) {
      assertThat(inspector.inspect(word, SenderRole.AGENT).flags()).as(word).isEmpty();
    }
  }
}
