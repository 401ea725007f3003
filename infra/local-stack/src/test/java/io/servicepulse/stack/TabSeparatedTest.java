// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TabSeparatedTest {

  @Test
  void splitsRowsAndFields() {
    assertThat(TabSeparated.parse("a\t1\nb\t2\n"))
        .containsExactly(List.of("a", "1"), List.of("b", "2"));
  }

  @Test
  void resolvesEscapesAndNull() {
    assertThat(TabSeparated.parse("tab\\there\tline\\nbreak\tback\\\\slash\t\\N\t\n"))
        .containsExactly(Arrays.asList("tab\there", "line\nbreak", "back\\slash", null, ""));
  }

  @Test
  void emptyBodyHasNoRows() {
    assertThat(TabSeparated.parse("")).isEmpty();
  }
}
