// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeConfigTableTest {

  @Test
  void readmeDocumentsEveryConfigurationKeyAsTheOptionsDefineIt() throws Exception {
    Path readme = Path.of("../../README.md");
    String text = Files.readString(readme);
    assertThat(ConfigTable.withTable(text, ConfigTable.markdown()))
        .as(
            "README.md's configuration table is stale; regenerate it with: java -cp"
                + " jobs/common/target/classes:$(cat tools/demo/target/runtime.classpath)"
                + " io.servicepulse.common.config.ConfigTable --write README.md")
        .isEqualTo(text);
  }
}
