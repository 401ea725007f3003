// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of event records passed between operators: serialized by {@link EventSerializer}, not by
 * Avro. Only for streams: a state descriptor takes the class itself, so its bytes keep Avro's
 * format and its schema evolution.
 */
public final class EventTypeInfo<T extends SpecificRecordBase> extends SerializerTypeInfo<T> {

  private static final long serialVersionUID = 1L;

  private EventTypeInfo(Class<T> type) {
    super(type);
  }

  /** The fast type for a generated event class, or Flink's own (Avro) if a field is not covered. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> TypeInformation<T> of(Class<T> type) {
    return EventSerializer.supports(type) ? new EventTypeInfo(type) : TypeInformation.of(type);
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new EventSerializer<>(getTypeClass());
  }
}
