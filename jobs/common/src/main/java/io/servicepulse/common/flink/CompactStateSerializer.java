// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What every compact state serializer shares: stateless (one instance serves every thread), of a
 * mutable type, variable length, equal to any other instance of its class and format. Subclasses
 * write and read the format, make deep copies and name their {@link CompactStateSnapshot}.
 *
 * <p>Changing the bytes (a field added to a state class, another layout) means a new format: raise
 * {@link #format()}, and let {@link #forFormat} return a serializer that reads each earlier one, so
 * the checkpoints of the release before restore (the state backend migrates them).
 */
public abstract class CompactStateSerializer<T> extends TypeSerializer<T> {

  private static final long serialVersionUID = 1L;

  /**
   * The format this serializer writes: 1 until its bytes first change. Kept in every checkpoint's
   * snapshot of the state ({@link CompactStateSnapshot}).
   */
  public int format() {
    return 1;
  }

  /**
   * A serializer that reads state written in {@code format}, an earlier format of this class, to
   * restore it; it need not write that format. This class reads only its own format.
   */
  public CompactStateSerializer<T> forFormat(int format) {
    if (format == format()) {
      return this;
    }
    throw new IllegalStateException(
        getClass().getSimpleName()
            + " writes format "
            + format()
            + " and cannot read state of its format "
            + format);
  }

  /** A new snapshot of this serializer's class; {@link #snapshotConfiguration} sets its format. */
  protected abstract CompactStateSnapshot<T> newSnapshot();

  @Override
  public final TypeSerializerSnapshot<T> snapshotConfiguration() {
    CompactStateSnapshot<T> snapshot = newSnapshot();
    snapshot.format(format());
    return snapshot;
  }

  @Override
  public final boolean isImmutableType() {
    return false;
  }

  @Override
  public final TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public final T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public final int getLength() {
    return -1;
  }

  @Override
  public final T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  /**
   * A deep copy through the bytes, so no field can be shared by mistake: for the heap backend's
   * copy-on-write snapshots, the only caller of {@code copy}.
   */
  protected final T copyThroughBytes(T from) {
    try {
      DataOutputSerializer out = new DataOutputSerializer(256);
      serialize(from, out);
      return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public final boolean equals(Object obj) {
    return obj != null
        && obj.getClass() == getClass()
        && ((CompactStateSerializer<?>) obj).format() == format();
  }

  @Override
  public final int hashCode() {
    return 31 * getClass().hashCode() + format();
  }
}
