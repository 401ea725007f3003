// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.inspect;

/** One inspector (and one CoreNLP load, ~10 s) for every test class in the surefire JVM. */
public final class SharedInspector {
  private static TextInspector inspector;

  private SharedInspector() {}

  public static synchronized TextInspector get() {
    if (inspector == null) {
      inspector = TextInspector.create(null, 10_000);
    }
    return inspector;
  }
}
