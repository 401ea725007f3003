// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of the benchmark and demo commands. */
final class BenchArgs {

  private BenchArgs() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return values;
  }
}
