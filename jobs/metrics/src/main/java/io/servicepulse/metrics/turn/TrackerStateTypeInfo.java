// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.metrics.turn;

import io.servicepulse.common.flink.SerializerTypeInfo;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The tracker state's type for its state descriptor: the compact {@link TrackerStateSerializer}.
 */
public final class TrackerStateTypeInfo extends SerializerTypeInfo<TrackerState> {

  private static final long serialVersionUID = 1L;

  public TrackerStateTypeInfo() {
    super(TrackerState.class);
  }

  @Override
  public TypeSerializer<TrackerState> createSerializer(SerializerConfig config) {
    return new TrackerStateSerializer();
  }
}
