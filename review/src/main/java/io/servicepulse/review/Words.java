// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import java.util.Optional;

/**
 * The id and the two names of one choice the console offers (a role, a decision, a tab, a sampling
 * criterion): the id in URLs, forms and ClickHouse, Chinese first and English second on screen.
 */
public record Words(String id, String zh, String en) {

  /** Something named by {@link Words}. */
  public interface Named {
    Words words();
  }

  /** "确认违规 Confirmed". */
  public String both() {
    return zh + " " + en;
  }

  /** The value of {@code values} whose id is {@code id}. */
  public static <E extends Named> Optional<E> find(E[] values, String id) {
    for (E value : values) {
      if (value.words().id().equals(id)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
