// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

import io.servicepulse.common.deadletter.DeadLetter;
import io.servicepulse.common.flink.DecodedTypeInfo;
import io.servicepulse.common.flink.EventTypeInfo;
import io.servicepulse.common.kafka.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What a Kafka source yields: the decoded, valid event, or the dead letter that says why the record
 * is unusable (with its address and bytes). Exactly one of the two is set. An event keeps its
 * record's address and the fingerprint of its wire bytes, so {@link FirstCopyWins} compares copies
 * without re-encoding and its dead letters (conflicting, late) say where the record is. Crosses the
 * network with {@link DecodedTypeInfo}.
 */
public class Decoded<T> implements java.io.Serializable {
  public T event;
  public DeadLetter deadLetter;
  public String sourceTopic = "";
  public int sourcePartition = -1;
  public long sourceOffset = -1;
  public long fingerprint;

  public Decoded() {}

  /** An event from no Kafka record (tests, tools): no address, fingerprint of its encoding. */
  public static <T> Decoded<T> of(T event) {
    Decoded<T> d = new Decoded<>();
    d.event = event;
    d.fingerprint = EventIdentity.fingerprint(event);
    return d;
  }

  /** An event decoded from {@code record}. */
  public static <T> Decoded<T> of(T event, RawRecord record) {
    Decoded<T> d = new Decoded<>();
    d.event = event;
    d.sourceTopic = record.topic;
    d.sourcePartition = record.partition;
    d.sourceOffset = record.offset;
    d.fingerprint = EventIdentity.fingerprintOfWireBytes(record.value);
    return d;
  }

  /** {@code letter} with this record's Kafka address. */
  public DeadLetter addressed(DeadLetter letter) {
    letter.sourceTopic = sourceTopic;
    letter.sourcePartition = sourcePartition;
    letter.sourceOffset = sourceOffset;
    return letter;
  }

  public static <T> Decoded<T> failed(DeadLetter letter) {
    Decoded<T> d = new Decoded<>();
    d.deadLetter = letter;
    return d;
  }

  public boolean isEvent() {
    return event != null;
  }

  /**
   * The type of {@code Decoded<eventClass>}: {@link DecodedTypeInfo}, the event's {@link
   * EventTypeInfo}.
   */
  public static <T> TypeInformation<Decoded<T>> typeOf(Class<T> eventClass) {
    return new DecodedTypeInfo<>(EventTypeInfo.of(eventClass));
  }
}
