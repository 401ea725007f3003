// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import io.servicepulse.stack.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's ITCases: each class gets its own ClickHouse database (local-stack extension) seeded
 * with {@link ReviewFixtures}, and a console on a free port against it.
 */
abstract class ConsoleTestBase {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  static ReviewFixtures fixtures;
  static ReviewServer server;

  @BeforeAll
  static void startConsole() throws Exception {
    fixtures = ReviewFixtures.seed(STACK);
    server = fixtures.startServer();
  }

  @AfterAll
  static void stopConsole() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** A client logged in as {@code username}. */
  static ConsoleClient as(String username) throws Exception {
    return new ConsoleClient(server.port()).loggedIn(username, fixtures.passwords.get(username));
  }
}
