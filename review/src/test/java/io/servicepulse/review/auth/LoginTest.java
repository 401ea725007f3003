// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.review.store.StoredAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginTest {

  private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));

  private static final String PASSWORD = Passwords.generate();
  private static final StoredAccount REV =
      new StoredAccount(
          new Account("rev", Role.REVIEWER, Set.of("a"), "", false), Passwords.hash(PASSWORD), 1);

  private Login login(int maxFailures) {
    return new Login(
        name -> name.equals("rev") ? Optional.of(REV) : Optional.empty(),
        new LoginRateLimiter(maxFailures, Duration.ofMinutes(15), clock),
        new LoginRateLimiter(maxFailures * 6, Duration.ofMinutes(15), clock));
  }

  @Test
  void theRightPasswordLogsInAndAWrongOneOrUnknownUserDoesNot() throws Exception {
    Login login = login(5);
    assertThat(login.attempt("rev", PASSWORD, "1.2.3.4").account()).isEqualTo(REV.account());
    assertThat(login.attempt("rev", PASSWORD + "x", "1.2.3.4").ok()).isFalse();
    assertThat(login.attempt("nobody", PASSWORD, "1.2.3.4").ok()).isFalse();
    assertThat(login.attempt(null, null, "1.2.3.4").ok()).isFalse();
  }

  @Test
  void failuresLockTheUsernameUntilTheWindowPasses() throws Exception {
    Login login = login(2);
    login.attempt("rev", "a", "1.1.1.1");
    login.attempt("rev", "b", "2.2.2.2");
    Login.Result locked = login.attempt("rev", PASSWORD, "3.3.3.3");
    assertThat(locked.ok()).isFalse();
    assertThat(locked.limited()).isTrue();

    clock.advance(Duration.ofMinutes(16));
    assertThat(login.attempt("rev", PASSWORD, "3.3.3.3").ok()).isTrue();
  }

  @Test
  void oneAddressTryingManyUsernamesIsLimitedToo() throws Exception {
    Login login = login(1);
    for (int i = 0; i < 6; i++) {
      login.attempt("user" + i, "x", "6.6.6.6");
    }
    assertThat(login.attempt("rev", PASSWORD, "6.6.6.6").limited()).isTrue();
    assertThat(login.attempt("rev", PASSWORD, "7.7.7.7").ok()).isTrue();
  }
}
