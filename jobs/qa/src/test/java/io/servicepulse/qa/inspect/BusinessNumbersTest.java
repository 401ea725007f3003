// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessNumbersTest {
  private final BusinessNumbers shop =
      new BusinessNumbers(List.of("+86 138 0013 8000", " ", "(415) 555-0100"));

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "1-800-555-0199",
        "+1 888 555 0199",
        "(877) 555-0199",
        "833.555.0199",
        "400-820-8820",
        "800-810-8888",
        "138-0013-8000",
        "13800138000",
        "+8613800138000",
        "415-555-0100",
        "1 415 555 0100",
      })
  void tollFreeAndTheShopsHotlinesAreBusinessNumbers(String phone) {
    assertThat(shop.contains(phone)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "415-555-0199",
        "139-1234-5678",
        "13800138001",
        "1-801-555-0199",
        "99 800 555 0199"
      })
  void otherNumbersAreNot(String phone) {
    assertThat(shop.contains(phone)).isFalse();
  }
}
