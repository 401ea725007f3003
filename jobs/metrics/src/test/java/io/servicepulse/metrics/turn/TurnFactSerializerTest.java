// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.testing.RandomPojos;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class TurnFactSerializerTest {

  @Test
  void everyTurnComesBackEqualWithEveryFieldSet() throws Exception {
    TypeSerializer<TurnFact> serializer =
        TurnFactSerializer.TYPE.createSerializer(new SerializerConfigImpl());
    Random random = new Random(3);
    DataOutputSerializer out = new DataOutputSerializer(128);
    for (int i = 0; i < 2_000; i++) {
      TurnFact t = RandomPojos.of(random, TurnFact.class);
      out.clear();
      serializer.serialize(t, out);
      assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
          .usingRecursiveComparison()
          .isEqualTo(t);
      assertThat(serializer.copy(t)).usingRecursiveComparison().isEqualTo(t).isNotSameAs(t);
    }
  }
}
