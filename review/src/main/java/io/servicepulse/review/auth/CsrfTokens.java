// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer tokens against cross-site request forgery: one random token per session, sent back
 * in a hidden field of every form, compared in constant time on every POST.
 */
public final class CsrfTokens {

  /** The form field every POST carries. */
  public static final String FIELD = "_csrf";

  private static final SecureRandom RANDOM = new SecureRandom();

  private CsrfTokens() {}

  public static String newToken() {
    return randomToken(32);
  }

  /** URL-safe random text of {@code bytes} random bytes (also used for session ids). */
  public static String randomToken(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** True only if {@code given} is present and equal to the session's {@code expected} token. */
  public static boolean matches(String expected, String given) {
    if (expected == null || expected.isEmpty() || given == null || given.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
