// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import io.servicepulse.common.flink.CompactStateSerializer;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** What Flink decides when a job restores state written with another type of the same class. */
public final class StateMigration {

  private StateMigration() {}

  /** Whether state of the {@code released} type restores into {@code now} after migration. */
  public static <T> boolean migratesFrom(TypeInformation<T> now, TypeInformation<T> released) {
    return now.createSerializer(new SerializerConfigImpl())
        .snapshotConfiguration()
        .resolveSchemaCompatibility(
            released.createSerializer(new SerializerConfigImpl()).snapshotConfiguration())
        .isCompatibleAfterMigration();
  }

  /**
   * Whether state that releases until 2026-12-04 wrote with {@code now}'s class (its snapshot had
   * no format number yet: format 1) restores into {@code now} as is.
   */
  public static <T> boolean restoresUnnumberedFormatAsIs(CompactStateSerializer<T> now)
      throws IOException, ReflectiveOperationException {
    TypeSerializerSnapshot<T> current = now.snapshotConfiguration();
    @SuppressWarnings("unchecked")
    TypeSerializerSnapshot<T> released = current.getClass().getDeclaredConstructor().newInstance();
    released.readSnapshot(
        1, new DataInputDeserializer(new byte[0]), StateMigration.class.getClassLoader());
    return current.resolveSchemaCompatibility(released).isCompatibleAsIs();
  }

  /** {@code snapshot} written and read back as a checkpoint's metadata holds it. */
  public static <T> TypeSerializerSnapshot<T> asCheckpointed(TypeSerializerSnapshot<T> snapshot)
      throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    return TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), StateMigration.class.getClassLoader());
  }
}
