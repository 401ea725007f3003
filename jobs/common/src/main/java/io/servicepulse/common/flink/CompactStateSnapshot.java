// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a compact state serializer: which {@linkplain CompactStateSerializer#format()
 * format} its bytes are in. State of this release's format restores as is; state of an earlier
 * format of the same serializer, or written by Flink's POJO serializer of earlier releases, is
 * compatible after migration: the state backend reads it with the serializer that snapshot restores
 * (for an earlier format, {@link CompactStateSerializer#forFormat}) and writes it in this release's
 * format from the next checkpoint on. State of a later format (a newer release's checkpoint) does
 * not restore: the job fails at start with Flink's incompatible-state error, rather than misread.
 */
public abstract class CompactStateSnapshot<T> implements TypeSerializerSnapshot<T> {

  /** 2: the format follows. Version 1 (releases until 2026-12-04) wrote nothing: format 1. */
  private static final int VERSION = 2;

  /** The format of the bytes; 0 until read or set: this release's. */
  private int format;

  /** This release's serializer of the state. */
  protected abstract CompactStateSerializer<T> current();

  /** The format of the state this snapshot describes. */
  public final int format() {
    return format != 0 ? format : current().format();
  }

  final void format(int format) {
    this.format = format;
  }

  @Override
  public final int getCurrentVersion() {
    return VERSION;
  }

  @Override
  public final void writeSnapshot(DataOutputView out) throws IOException {
    out.writeInt(format());
  }

  @Override
  public final void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
      throws IOException {
    if (readVersion == 1) {
      format = 1;
    } else if (readVersion == VERSION) {
      format = in.readInt();
    } else {
      throw new IOException("unknown " + getClass().getName() + " version " + readVersion);
    }
  }

  /** A serializer that reads state of this snapshot's format. */
  @Override
  public final TypeSerializer<T> restoreSerializer() {
    return current().forFormat(format());
  }

  @Override
  public final TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
      TypeSerializerSnapshot<T> oldSnapshot) {
    if (oldSnapshot.getClass() == getClass()) {
      int old = ((CompactStateSnapshot<T>) oldSnapshot).format();
      if (old == format()) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      return old < format()
          ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
    if (oldSnapshot instanceof PojoSerializerSnapshot) {
      return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
    return TypeSerializerSchemaCompatibility.incompatible();
  }
}
