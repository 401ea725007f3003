// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewSettingsTest {

  @Test
  void defaultsThenEnvironmentThenArgumentsAndTheRestLeftForTheJobConfig() {
    ReviewSettings.Parsed parsed =
        ReviewSettings.parse(
            new String[] {
              "--review.port", "9999", "--clickhouse.url", "jdbc:x", "--review.bind=0.0.0.0"
            },
            Map.of("SERVICEPULSE_REVIEW_PORT", "7000", "SERVICEPULSE_REVIEW_TIME_ZONE", "UTC"));
    ReviewSettings settings = parsed.settings();
    assertThat(settings.port()).isEqualTo(9999);
    assertThat(settings.bind()).isEqualTo("0.0.0.0");
    assertThat(settings.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(settings.loginMaxFailures()).isEqualTo(5);
    assertThat(settings.loginWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(settings.secureCookies()).isFalse();
    assertThat(parsed.rest()).containsExactly("--clickhouse.url", "jdbc:x");
  }

  @Test
  void anUnknownConsoleKeyIsAnError() {
    assertThatThrownBy(() -> ReviewSettings.parse(new String[] {"--review.prot", "1"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("review.prot");
  }

  @Test
  void theReadmeDocumentsEveryKeyWithItsDefault() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    ReviewSettings.KEYS.forEach(
        (key, spec) -> assertThat(readme).contains("| `" + key + "` | `" + spec[0] + "` |"));
  }
}
