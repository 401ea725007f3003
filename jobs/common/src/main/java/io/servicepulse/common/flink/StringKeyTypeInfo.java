// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** A String key with {@link StringKeySerializer}: Flink's bytes, written in one call per key. */
public final class StringKeyTypeInfo extends SerializerTypeInfo<String> {

  private static final long serialVersionUID = 1L;

  public static final StringKeyTypeInfo INSTANCE = new StringKeyTypeInfo();

  private StringKeyTypeInfo() {
    super(String.class);
  }

  @Override
  public boolean isKeyType() {
    return true;
  }

  @Override
  public TypeSerializer<String> createSerializer(SerializerConfig config) {
    return new StringKeySerializer();
  }
}
