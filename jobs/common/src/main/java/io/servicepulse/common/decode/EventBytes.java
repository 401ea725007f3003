// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.schemas.EventCodec;
import io.servicepulse.schemas.ReleasedSchemas;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event back in its wire format (Avro single-object encoding, current schema), for dead letters
 * made after decoding (late events): their payload can be re-sent to the topic as it is.
 */
public final class EventBytes {

  // Codecs are not thread-safe and costly to build; late events are rare, one codec per thread
  // and event class.
  private static final ThreadLocal<Map<Class<?>, EventCodec<?>>> CODECS =
      ThreadLocal.withInitial(HashMap::new);

  private EventBytes() {}

  /** The event's wire bytes, or its text if it is no event type of ours. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static byte[] of(Object event) {
    if (event instanceof SpecificRecord record) {
      EventCodec codec =
          CODECS
              .get()
              .computeIfAbsent(
                  record.getClass(),
                  type -> EventCodec.of((Class) type, ReleasedSchemas.bundled()));
      return codec.encode(record);
    }
    return String.valueOf(event).getBytes(StandardCharsets.UTF_8);
  }
}
