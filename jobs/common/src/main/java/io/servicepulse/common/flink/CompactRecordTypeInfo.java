// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * A record type that crosses the network with a compact serializer of its own instead of Flink's
 * POJO serializer, whose reflection (an instance per record through a constructor accessor, each
 * field through a field accessor) and {@code StringValue} strings (a thread-local lookup each) were
 * a fifth of the receiving thread (JFR, ServiceMetricsJob's minute aggregator, 2026-12-04). For
 * records between operators; a state type names {@link CompactStateTypeInfo}.
 */
public class CompactRecordTypeInfo<T> extends SerializerTypeInfo<T> {

  private static final long serialVersionUID = 1L;

  private final SerializableSupplier<CompactStateSerializer<T>> serializer;

  protected CompactRecordTypeInfo(
      Class<T> type, SerializableSupplier<CompactStateSerializer<T>> serializer) {
    super(type);
    this.serializer = serializer;
  }

  public static <T> TypeInformation<T> of(
      Class<T> type, SerializableSupplier<CompactStateSerializer<T>> serializer) {
    return new CompactRecordTypeInfo<>(type, serializer);
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer.get();
  }
}
