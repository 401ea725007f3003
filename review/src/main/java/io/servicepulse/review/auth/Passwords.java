// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** bcrypt password hashes, and the generated passwords the create-user command prints. */
public final class Passwords {

  private static final int COST = 12;
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A hash of a password nobody has, checked when the username is unknown (same timing). */
  private static final String UNKNOWN_USER_HASH = hash(generate());

  private Passwords() {}

  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  public static boolean verify(String password, String hash) {
    if (password == null || hash == null || hash.isEmpty()) {
      return false;
    }
    return BCrypt.verifyer()
        .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
        .verified;
  }

  /** Spends the time of one {@link #verify} for an unknown user, so timing does not tell. */
  public static void verifyNobody(String password) {
    verify(password == null ? "" : password, UNKNOWN_USER_HASH);
  }

  /** A random 20-character password without look-alike characters. */
  public static String generate() {
    StringBuilder password = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
