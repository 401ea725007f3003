// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTokensTest {

  @Test
  void onlyTheSessionsOwnTokenMatches() {
    String token = CsrfTokens.newToken();
    assertThat(CsrfTokens.matches(token, token)).isTrue();
    assertThat(CsrfTokens.matches(token, CsrfTokens.newToken())).isFalse();
    assertThat(CsrfTokens.matches(token, token.substring(1))).isFalse();
  }

  @Test
  void aMissingTokenNeverMatches() {
    assertThat(CsrfTokens.matches("abc", null)).isFalse();
    assertThat(CsrfTokens.matches("abc", "")).isFalse();
    assertThat(CsrfTokens.matches(null, null)).isFalse();
    assertThat(CsrfTokens.matches("", "")).isFalse();
  }

  @Test
  void tokensAreLongAndDistinct() {
    assertThat(CsrfTokens.newToken())
        .hasSizeGreaterThanOrEqualTo(43)
        .isNotEqualTo(CsrfTokens.newToken());
  }
}
