// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Another serializer's bytes, byte for byte, handed to the stream in one write per value. A heap
 * checkpoint writes state through a {@code DataOutputStream} whose one-byte write is synchronized,
 * and Flink's serializers write strings a byte at a time: in a live run of the metrics job that was
 * a third of the checkpoint thread. Same bytes, so state written with or without this wrapper
 * restores with the other ({@link Snapshot} resolves against the wrapped serializer's own old
 * snapshot). Holds a buffer: one per thread ({@link #duplicate}).
 */
public final class OneWriteSerializer<T> extends TypeSerializer<T> {

  private static final long serialVersionUID = 1L;

  private final TypeSerializer<T> inner;
  private transient DataOutputSerializer buffer;

  public OneWriteSerializer(TypeSerializer<T> inner) {
    this.inner = Objects.requireNonNull(inner);
  }

  /** The serializer whose bytes this one writes. */
  public TypeSerializer<T> inner() {
    return inner;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    if (target instanceof DataOutputSerializer) {
      // Already memory (network buffers, copies): nothing to gain from a second copy.
      inner.serialize(record, target);
      return;
    }
    DataOutputSerializer out = buffer;
    if (out == null) {
      out = new DataOutputSerializer(256);
      buffer = out;
    }
    out.clear();
    inner.serialize(record, out);
    target.write(out.getSharedBuffer(), 0, out.length());
    if (out.getSharedBuffer().length > 1 << 20) {
      // One huge value should not pin its buffer for the life of the job.
      buffer = null;
    }
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    return inner.deserialize(source);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return inner.deserialize(reuse, source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    inner.copy(source, target);
  }

  @Override
  public boolean isImmutableType() {
    return inner.isImmutableType();
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return new OneWriteSerializer<>(inner.duplicate());
  }

  @Override
  public T createInstance() {
    return inner.createInstance();
  }

  @Override
  public T copy(T from) {
    return inner.copy(from);
  }

  @Override
  public T copy(T from, T reuse) {
    return inner.copy(from, reuse);
  }

  @Override
  public int getLength() {
    return inner.getLength();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OneWriteSerializer<?> other && inner.equals(other.inner);
  }

  @Override
  public int hashCode() {
    return 31 * OneWriteSerializer.class.hashCode() + inner.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(inner.snapshotConfiguration());
  }

  /**
   * The wrapped serializer's snapshot. Compatibility is the wrapped serializer's, against the old
   * state's wrapped snapshot or, for state written before the wrapper, against its own snapshot.
   */
  public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {

    private static final int VERSION = 1;

    private TypeSerializerSnapshot<T> inner;

    /** For Flink, which reads the fields with {@link #readSnapshot}. */
    public Snapshot() {}

    Snapshot(TypeSerializerSnapshot<T> inner) {
      this.inner = inner;
    }

    @Override
    public int getCurrentVersion() {
      return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      TypeSerializerSnapshot.writeVersionedSnapshot(out, inner);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
        throws IOException {
      if (readVersion != VERSION) {
        throw new IOException("unknown OneWriteSerializer version " + readVersion);
      }
      inner = TypeSerializerSnapshot.readVersionedSnapshot(in, classLoader);
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new OneWriteSerializer<>(inner.restoreSerializer());
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
        TypeSerializerSnapshot<T> oldSnapshot) {
      TypeSerializerSnapshot<T> old =
          oldSnapshot instanceof Snapshot<T> wrapped ? wrapped.inner : oldSnapshot;
      TypeSerializerSchemaCompatibility<T> compatibility = inner.resolveSchemaCompatibility(old);
      if (compatibility.isCompatibleWithReconfiguredSerializer()) {
        return TypeSerializerSchemaCompatibility.compatibleWithReconfiguredSerializer(
            new OneWriteSerializer<>(compatibility.getReconfiguredSerializer()));
      }
      // As is, after migration (read with the old serializer, written with this one), or not.
      return compatibility;
    }
  }
}
