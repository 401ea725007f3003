// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * A state type with a compact serializer of its own ({@link CompactStateSerializer}), each value
 * handed to the checkpoint in one write ({@link OneWriteSerializer}): what a state descriptor
 * names.
 */
public final class CompactStateTypeInfo<T> extends CompactRecordTypeInfo<T> {

  private static final long serialVersionUID = 1L;

  private CompactStateTypeInfo(
      Class<T> type, SerializableSupplier<CompactStateSerializer<T>> serializer) {
    super(type, serializer);
  }

  public static <T> TypeInformation<T> of(
      Class<T> type, SerializableSupplier<CompactStateSerializer<T>> serializer) {
    return new CompactStateTypeInfo<>(type, serializer);
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new OneWriteSerializer<>(super.createSerializer(config));
  }
}
