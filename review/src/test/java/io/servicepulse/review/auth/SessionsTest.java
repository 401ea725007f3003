// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T00:00:00Z"));

  private final Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
  private final Account rev = new Account("rev", Role.REVIEWER, Set.of("a"), "", false);

  @Test
  void everySessionHasItsOwnIdAndTokenAndAnAccountOnlyAfterLogin() {
    Sessions.Session anonymous = sessions.start(null);
    Sessions.Session loggedIn = sessions.start(rev);
    assertThat(anonymous.id()).isNotEqualTo(loggedIn.id());
    assertThat(anonymous.csrfToken()).isNotEqualTo(loggedIn.csrfToken());
    assertThat(anonymous.account()).isEmpty();
    assertThat(sessions.find(loggedIn.id()).flatMap(Sessions.Session::account)).contains(rev);
    assertThat(sessions.find("forged")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void anIdleSessionEndsAndUseKeepsOneAlive() {
    Sessions.Session used = sessions.start(rev);
    Sessions.Session idle = sessions.start(rev);
    clock.advance(Duration.ofMinutes(20));
    assertThat(sessions.find(used.id())).isPresent();
    clock.advance(Duration.ofMinutes(20));
    assertThat(sessions.find(used.id())).isPresent();
    assertThat(sessions.find(idle.id())).isEmpty();
  }

  @Test
  void expiredSessionsAreSweptSoAnonymousOnesCannotPileUp() {
    for (int i = 0; i < Sessions.SWEEP_ABOVE; i++) {
      sessions.start(null);
    }
    clock.advance(Duration.ofHours(1));
    Sessions.Session fresh = sessions.start(null);
    assertThat(sessions.size()).isEqualTo(1);
    assertThat(sessions.find(fresh.id())).isPresent();
  }

  @Test
  void endingASessionLogsOut() {
    Sessions.Session session = sessions.start(rev);
    sessions.end(session.id());
    assertThat(sessions.find(session.id())).isEmpty();
  }
}
