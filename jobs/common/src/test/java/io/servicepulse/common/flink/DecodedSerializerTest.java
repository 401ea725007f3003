// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static io.servicepulse.common.testing.EventFixtures.buyerSays;
import static io.servicepulse.common.testing.EventFixtures.secs;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.decode.Decoded;
import io.servicepulse.common.kafka.RawRecord;
import io.servicepulse.events.ChatMessage;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DecodedSerializerTest {

  private final TypeSerializer<Decoded<ChatMessage>> serializer =
      Decoded.typeOf(ChatMessage.class).createSerializer(new SerializerConfigImpl());

  @Test
  void anEventKeepsItsKafkaAddressAndFingerprint() throws Exception {
    ChatMessage message = buyerSays(secs(1), "在吗？发货了吗 🙂");
    RawRecord record =
        new RawRecord("chat-messages", 3, 123_456_789L, 1L, null, new byte[] {0x4f, 0x42, 1, 2});
    Decoded<ChatMessage> decoded = Decoded.of(message, record);

    Decoded<ChatMessage> back = roundTrip(decoded);

    assertThat(back.event).isEqualTo(message);
    assertThat(back.deadLetter).isNull();
    assertThat(back.sourceTopic).isEqualTo("chat-messages");
    assertThat(back.sourcePartition).isEqualTo(3);
    assertThat(back.sourceOffset).isEqualTo(123_456_789L);
    assertThat(back.fingerprint).isEqualTo(decoded.fingerprint).isNotZero();
    assertThat(back.isEvent()).isTrue();
  }

  @Test
  void aDeadLetterCrossesWhole() throws Exception {
    RawRecord record = new RawRecord("chat-messages", 1, 7L, 1L, null, new byte[] {1, 2, 3});
    DeadLetter letter =
        DeadLetter.ofRecord("ingest", DeadLetter.STAGE_DECODE, "not Avro", "bad", record, null);

    Decoded<ChatMessage> back = roundTrip(Decoded.failed(letter));

    assertThat(back.isEvent()).isFalse();
    assertThat(back.deadLetter).usingRecursiveComparison().isEqualTo(letter);
  }

  @Test
  void aSnapshotRestoresTheSameSerializer() {
    TypeSerializerSnapshot<Decoded<ChatMessage>> snapshot = serializer.snapshotConfiguration();
    assertThat(snapshot.restoreSerializer()).isEqualTo(serializer);
    assertThat(
            snapshot
                .resolveSchemaCompatibility(serializer.snapshotConfiguration())
                .isCompatibleAsIs())
        .isTrue();
    assertThat(serializer.duplicate()).isEqualTo(serializer);
  }

  private Decoded<ChatMessage> roundTrip(Decoded<ChatMessage> decoded) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(decoded, out);
    Decoded<ChatMessage> back =
        serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(serializer.copy(decoded)).usingRecursiveComparison().isEqualTo(decoded);
    return back;
  }
}
