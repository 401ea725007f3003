// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.testing;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;

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
}
