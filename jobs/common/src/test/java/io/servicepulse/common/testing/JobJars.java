// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** The shaded job jar a module's {@code package} phase built, named by a failsafe property. */
public final class JobJars {

  private JobJars() {}

  public static Path fromProperty(String property) {
    String jar = System.getProperty(property);
    assertThat(jar)
        .as(
            "system property %s, set by failsafe: run `mvn verify` (the jar is built by package)",
            property)
        .isNotNull();
    assertThat(Path.of(jar)).as("the job jar built by `mvn package`").isRegularFile();
    return Path.of(jar);
  }
}
