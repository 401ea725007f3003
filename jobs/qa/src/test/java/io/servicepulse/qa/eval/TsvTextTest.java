// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TsvTextTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain 文本",
        "a\tb",
        "line one\nline two\r\n",
        "C:\\Users\\n",
        "\\t is not a tab",
        "ends with \\",
        "\\\\\t\n\r"
      })
  void escapeThenUnescapeGivesTheTextBack(String text) {
    String escaped = TsvText.escape(text);
    assertThat(escaped).doesNotContain("\t", "\n", "\r");
    assertThat(TsvText.unescape(escaped)).isEqualTo(text);
  }

  @Test
  void escapesTabNewlineCarriageReturnAndBackslash() {
    assertThat(TsvText.escape("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
  }

  @Test
  void unescapeKeepsUnknownEscapesAndATrailingBackslash() {
    assertThat(TsvText.unescape("C:\\Users\\x\\")).isEqualTo("C:\\Users\\x\\");
    assertThat(TsvText.unescape("\\\\n")).isEqualTo("\\n");
  }
}
