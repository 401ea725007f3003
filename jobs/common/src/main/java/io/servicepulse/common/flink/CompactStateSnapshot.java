// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a compact state serializer that replaced Flink's POJO serializer for the same
 * class: its own state restores as is; state written by the POJO serializer of earlier releases is
 * compatible after migration, so the state backend reads it with the old serializer and writes it
 * with the compact one from the next checkpoint on. Version 1 is each serializer's one format.
 */
public abstract class CompactStateSnapshot<T> implements TypeSerializerSnapshot<T> {

  private static final int VERSION = 1;

  @Override
  public final int getCurrentVersion() {
    return VERSION;
  }

  @Override
  public final void writeSnapshot(DataOutputView out) {}

  @Override
  public final void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
      throws IOException {
    if (readVersion != VERSION) {
      throw new IOException("unknown " + getClass().getName() + " version " + readVersion);
    }
  }

  @Override
  public final TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
      TypeSerializerSnapshot<T> oldSnapshot) {
    if (oldSnapshot.getClass() == getClass()) {
      return TypeSerializerSchemaCompatibility.compatibleAsIs();
    }
    if (oldSnapshot instanceof PojoSerializerSnapshot) {
      return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
    return TypeSerializerSchemaCompatibility.incompatible();
  }
}
