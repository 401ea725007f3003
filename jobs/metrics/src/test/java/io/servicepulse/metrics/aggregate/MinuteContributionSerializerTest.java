// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.testing.RandomPojos;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class MinuteContributionSerializerTest {

  @Test
  void everyContributionComesBackEqualWithEveryFieldSet() throws Exception {
    TypeSerializer<MinuteContribution> serializer =
        MinuteContributionSerializer.TYPE.createSerializer(new SerializerConfigImpl());
    Random random = new Random(4);
    DataOutputSerializer out = new DataOutputSerializer(128);
    for (int i = 0; i < 2_000; i++) {
      MinuteContribution c = RandomPojos.of(random, MinuteContribution.class);
      out.clear();
      serializer.serialize(c, out);
      assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
          .usingRecursiveComparison()
          .isEqualTo(c);
      MinuteContribution copy = serializer.copy(c);
      assertThat(copy).usingRecursiveComparison().isEqualTo(c);
      if (c.values != null) {
        copy.values.turns++;
        assertThat(c.values.turns).isNotEqualTo(copy.values.turns);
      }
    }
  }
}
