// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.kafka;

/**
 * One Kafka record before decoding, with where it came from, so a record that does not decode can
 * be dead-lettered with its topic, partition and offset. A Flink POJO (public fields).
 */
public class RawRecord implements java.io.Serializable {
  public String topic;
  public int partition;
  public long offset;
  public long timestamp;
  public byte[] key;
  public byte[] value;

  public RawRecord() {}

  public RawRecord(
      String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
    this.key = key;
    this.value = value;
  }

  /** "topic/partition@offset", the record's unique address. */
  public String address() {
    return topic + "/" + partition + "@" + offset;
  }
}
