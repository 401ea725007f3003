// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class Crc64AvroTest {

  @Test
  void equalsAvrosFingerprintForEveryLengthAndContent() {
    // Dedup state keeps fingerprints across upgrades: one differing value would turn a retry of
    // an event read before the upgrade into a conflicting duplicate.
    Random random = new Random(42);
    for (int length = 0; length < 600; length++) {
      for (int sample = 0; sample < 20; sample++) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        assertThat(Crc64Avro.of(bytes))
            .as("%d bytes", length)
            .isEqualTo(SchemaNormalization.fingerprint64(bytes));
      }
    }
  }
}
