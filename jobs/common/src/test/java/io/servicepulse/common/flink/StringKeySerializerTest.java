// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StringKeySerializerTest {

  @Test
  void writesFlinksStringBytesAndReadsThemBack() throws Exception {
    // Checkpoints of either serializer restore with the other only if the bytes are the same.
    Random random = new Random(11);
    StringKeySerializer keys = new StringKeySerializer();
    for (int i = 0; i < 5_000; i++) {
      String key = randomString(random, i % 400);
      DataOutputSerializer ours = new DataOutputSerializer(16);
      DataOutputSerializer flinks = new DataOutputSerializer(16);
      keys.serialize(key, ours);
      StringSerializer.INSTANCE.serialize(key, flinks);
      assertThat(ours.getCopyOfBuffer())
          .as("%d chars", key.length())
          .isEqualTo(flinks.getCopyOfBuffer());
      assertThat(keys.deserialize(new DataInputDeserializer(ours.getCopyOfBuffer())))
          .isEqualTo(key);
    }
  }

  @Test
  void flinksSnapshotIsCompatibleAsIs() {
    assertThat(
            new StringKeySerializer()
                .snapshotConfiguration()
                .resolveSchemaCompatibility(StringSerializer.INSTANCE.snapshotConfiguration())
                .isCompatibleAsIs())
        .isTrue();
  }

  private static String randomString(Random random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(4)) {
        case 0 -> s.append((char) ('a' + random.nextInt(26)));
        case 1 -> s.append((char) (0x4e00 + random.nextInt(0x5000)));
        case 2 -> s.appendCodePoint(0x1F600 + random.nextInt(64));
        default -> s.append((char) random.nextInt(0x800));
      }
    }
    return s.toString();
  }
}
