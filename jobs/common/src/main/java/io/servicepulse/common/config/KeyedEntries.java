// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses the value of a keyed option: entries {@code KEY=VALUE} separated by {@code ;} or {@code
 * ,}, e.g. {@code shop-07=America/New_York;shop-09=Europe/London}. A malformed entry, a key given
 * twice or a value its parser rejects fails with a message naming the option and the entry, so a
 * typo stops the job at startup instead of silently using a default.
 */
public final class KeyedEntries {

  private KeyedEntries() {}

  /**
   * @param option the option's key, for messages
   * @param text the option's value; null or blank: no entries
   * @param shape what an entry looks like, for messages, e.g. {@code KEY=HH:MM-HH:MM}
   * @param value parses one VALUE; throws IllegalArgumentException (or a subclass) if invalid
   * @return the entries in the order given, keys and values stripped
   */
  public static <T> Map<String, T> parse(
      String option, String text, String shape, Function<String, T> value) {
    Map<String, T> entries = new LinkedHashMap<>();
    if (text == null) {
      return entries;
    }
    for (String entry : text.split("[;,]")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0 || entry.substring(eq + 1).isBlank() || entry.substring(0, eq).isBlank()) {
        throw new IllegalArgumentException(option + ": '" + entry.strip() + "' is not " + shape);
      }
      String key = entry.substring(0, eq).strip();
      T parsed;
      try {
        parsed = value.apply(entry.substring(eq + 1).strip());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            option + ": " + key + ": " + e.getMessage() + " (expected " + shape + ")", e);
      }
      if (entries.put(key, parsed) != null) {
        throw new IllegalArgumentException(option + ": " + key + " is given twice");
      }
    }
    return entries;
  }
}
