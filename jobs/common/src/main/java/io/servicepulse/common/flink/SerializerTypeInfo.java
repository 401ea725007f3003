// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The type of a class with its own serializer (no fields Flink sees): the part of Flink's {@link
 * TypeInformation} that is the same for all of them. Subclasses say which serializer.
 */
public abstract class SerializerTypeInfo<T> extends TypeInformation<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;

  protected SerializerTypeInfo(Class<T> type) {
    this.type = type;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "<" + type.getName() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((SerializerTypeInfo<?>) o).type == type;
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), type);
  }

  @Override
  public boolean canEqual(Object o) {
    return o != null && o.getClass() == getClass();
  }
}
