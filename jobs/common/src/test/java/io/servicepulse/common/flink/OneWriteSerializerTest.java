// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.common.testing.StateMigration;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

class OneWriteSerializerTest {

  /** A state-like POJO: strings, a number, a map. */
  public static class Row {
    public String shopId;
    public long minuteMs;
    public Map<String, Long> pending = new HashMap<>();
  }

  private static final TypeInformation<Row> POJO =
      Types.POJO(
          Row.class,
          Map.of(
              "shopId", Types.STRING,
              "minuteMs", Types.LONG,
              "pending", Types.MAP(Types.STRING, Types.LONG)));

  private static Row row() {
    Row r = new Row();
    r.shopId = "店铺-tmall-0042";
    r.minuteMs = 1_764_000_000_000L;
    for (int i = 0; i < 20; i++) {
      r.pending.put("turn-" + i, (long) i * 1000);
    }
    return r;
  }

  /** Counts the writes that reach the stream, as a checkpoint's file stream sees them. */
  private static final class CountingStream extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int writes;

    @Override
    public void write(int b) {
      writes++;
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes++;
      bytes.write(b, off, len);
    }
  }

  @Test
  void writesTheWrappedBytesInOneCallAndReadsThemBack() throws Exception {
    TypeSerializer<Row> pojo = POJO.createSerializer(new SerializerConfigImpl());
    TypeSerializer<Row> oneWrite =
        new OneWriteSerializer<>(POJO.createSerializer(new SerializerConfigImpl()));
    CountingStream plain = new CountingStream();
    pojo.serialize(row(), new DataOutputViewStreamWrapper(plain));
    CountingStream wrapped = new CountingStream();
    DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(wrapped);
    oneWrite.serialize(row(), view);
    assertThat(wrapped.bytes.toByteArray()).isEqualTo(plain.bytes.toByteArray());
    assertThat(plain.writes).as("the POJO serializer alone").isGreaterThan(100);
    assertThat(wrapped.writes).isEqualTo(1);
    // The buffer is reused: a second value is one more write, and both read back in order.
    oneWrite.serialize(row(), view);
    assertThat(wrapped.writes).isEqualTo(2);
    DataInputDeserializer in = new DataInputDeserializer(wrapped.bytes.toByteArray());
    for (int i = 0; i < 2; i++) {
      Row back = oneWrite.deserialize(in);
      assertThat(back.shopId).isEqualTo("店铺-tmall-0042");
      assertThat(back.pending).isEqualTo(row().pending);
    }
  }

  @Test
  void restoresStateWrittenWithOrWithoutTheWrapper() throws Exception {
    TypeSerializer<Row> pojo = POJO.createSerializer(new SerializerConfigImpl());
    TypeSerializer<Row> oneWrite = new OneWriteSerializer<>(pojo);
    TypeSerializerSnapshot<Row> current = oneWrite.snapshotConfiguration();
    // State of the release before: the POJO serializer's own snapshot.
    assertThat(
            current
                .resolveSchemaCompatibility(
                    StateMigration.asCheckpointed(pojo.snapshotConfiguration()))
                .isCompatibleAsIs())
        .isTrue();
    // State written with the wrapper, as a checkpoint's metadata holds its snapshot.
    TypeSerializerSnapshot<Row> restored = StateMigration.asCheckpointed(current);
    assertThat(restored).isInstanceOf(OneWriteSerializer.Snapshot.class);
    assertThat(current.resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
    assertThat(restored.restoreSerializer()).isEqualTo(oneWrite);
  }
}
