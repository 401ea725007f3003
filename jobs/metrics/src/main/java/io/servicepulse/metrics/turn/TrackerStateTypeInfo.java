// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The tracker state's type for its state descriptor: the compact {@link TrackerStateSerializer}.
 */
public final class TrackerStateTypeInfo extends TypeInformation<TrackerState> {

  private static final long serialVersionUID = 1L;

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
  public Class<TrackerState> getTypeClass() {
    return TrackerState.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<TrackerState> createSerializer(SerializerConfig config) {
    return new TrackerStateSerializer();
  }

  @Override
  public String toString() {
    return "TrackerState(compact)";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof TrackerStateTypeInfo;
  }

  @Override
  public int hashCode() {
    return TrackerStateTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof TrackerStateTypeInfo;
  }
}
