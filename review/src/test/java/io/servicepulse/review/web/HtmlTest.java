// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void textAndAttributeValuesAreEscaped() {
    String html =
        new Html()
            .el("p", "<script>alert('x')</script> & 你好", "title", "\"><img src=x onerror=y>")
            .toString();
    assertThat(html)
        .doesNotContain("<script>")
        .doesNotContain("<img")
        .contains("&lt;script&gt;")
        .contains("&amp; 你好")
        .startsWith("<p title=\"");
  }

  @Test
  void nullTextIsEmptyAndNullAttributesAreLeftOut() {
    assertThat(new Html().el("td", null, "id", null).toString()).isEqualTo("<td></td>");
  }

  @Test
  void tagAndAttributeNamesMustBePlain() {
    assertThatThrownBy(() -> new Html().open("p onclick=x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Html().open("p", "on click", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
