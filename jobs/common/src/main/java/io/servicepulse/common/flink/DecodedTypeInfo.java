// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.decode.Decoded;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of {@code Decoded<T>} records between the source and the first-copy stage: serialized by
 * {@link DecodedSerializer}. Only for streams; no state holds a {@link Decoded}.
 */
public final class DecodedTypeInfo<T> extends SerializerTypeInfo<Decoded<T>> {

  private static final long serialVersionUID = 1L;

  private final TypeInformation<T> eventType;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public DecodedTypeInfo(TypeInformation<T> eventType) {
    super((Class) Decoded.class);
    this.eventType = eventType;
  }

  @Override
  public TypeSerializer<Decoded<T>> createSerializer(SerializerConfig config) {
    return new DecodedSerializer<>(
        eventType.createSerializer(config),
        TypeInformation.of(DeadLetter.class).createSerializer(config));
  }

  @Override
  public String toString() {
    return "DecodedTypeInfo<" + eventType + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecodedTypeInfo<?> other && other.eventType.equals(eventType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(DecodedTypeInfo.class, eventType);
  }
}
