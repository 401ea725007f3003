// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A state type whose values reach the checkpoint in one write each ({@link OneWriteSerializer}).
 */
public final class OneWriteTypeInfo<T> extends SerializerTypeInfo<T> {

  private static final long serialVersionUID = 1L;

  private final TypeInformation<T> inner;

  private OneWriteTypeInfo(TypeInformation<T> inner) {
    super(inner.getTypeClass());
    this.inner = inner;
  }

  /** {@code inner}'s bytes, one write per value. */
  public static <T> OneWriteTypeInfo<T> of(TypeInformation<T> inner) {
    return new OneWriteTypeInfo<>(inner);
  }

  /** The wrapped type, e.g. for checks that a state type is a POJO. */
  public TypeInformation<T> inner() {
    return inner;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new OneWriteSerializer<>(inner.createSerializer(config));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OneWriteTypeInfo<?> other && inner.equals(other.inner);
  }

  @Override
  public int hashCode() {
    return 31 * OneWriteTypeInfo.class.hashCode() + inner.hashCode();
  }

  @Override
  public String toString() {
    return "OneWrite<" + inner + ">";
  }
}
