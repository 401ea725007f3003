// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to Kafka exactly as given (malformed ones raw), in order: an idempotent producer
 * with acks=all so a retry never duplicates or reorders a record within a partition. Rate-limited
 * to a number of records per second, or as fast as possible.
 *
 * <p>Records carry no explicit Kafka timestamp (the producer's send time): event times lie in the
 * scenario's past and would let the broker's retention delete them at once.
 */
public final class KafkaEventWriter implements AutoCloseable {

  /** Called about once a second and once at the end. */
  @FunctionalInterface
  public interface ProgressListener {
    void onProgress(long sent, long acknowledged, long total, double recordsPerSecond);
  }

  /** What was written and how fast. */
  public record Result(long records, Duration elapsed) {
    public double recordsPerSecond() {
      return records / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
  }

  private final KafkaProducer<byte[], byte[]> producer;

  public KafkaEventWriter(String bootstrapServers) {
    this(bootstrapServers, new Properties());
  }

  /** {@code overrides} replace the defaults below (e.g. security settings from the environment). */
  public KafkaEventWriter(String bootstrapServers, Properties overrides) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    // Small records: batch them (20 ms, 256 KiB) and compress, throughput over latency.
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // The too-long poison text is 1 MiB + 1 byte, over the 1 MiB default; lz4 shrinks its batch
    // far below the broker's message.max.bytes.
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "servicepulse-generator");
    props.putAll(overrides);
    producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * Sends every record and waits until all are acknowledged.
   *
   * @param recordsPerSecond 0 = as fast as possible
   * @throws KafkaWriteException if any record could not be written (after the producer's retries)
   */
  public Result write(
      Iterable<GeneratedRecord> records,
      long total,
      double recordsPerSecond,
      ProgressListener listener) {
    AtomicLong acked = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long startNanos = System.nanoTime();
    long nextReport = startNanos + 1_000_000_000L;
    long sent = 0;
    for (GeneratedRecord r : records) {
      if (failure.get() != null) {
        break;
      }
      if (recordsPerSecond > 0) {
        pace(startNanos, sent, recordsPerSecond);
      }
      producer.send(
          new ProducerRecord<>(r.topic(), r.key(), r.value()),
          (metadata, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            } else {
              acked.incrementAndGet();
            }
          });
      sent++;
      long now = System.nanoTime();
      if (now >= nextReport) {
        listener.onProgress(sent, acked.get(), total, sent / ((now - startNanos) / 1e9));
        nextReport = now + 1_000_000_000L;
      }
    }
    producer.flush();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    if (failure.get() != null) {
      throw new KafkaWriteException(
          "stopped after " + acked.get() + " acknowledged records", failure.get());
    }
    Result result = new Result(sent, elapsed);
    listener.onProgress(sent, acked.get(), total, result.recordsPerSecond());
    return result;
  }

  /** Waits until record {@code index} is due at the requested rate. */
  private static void pace(long startNanos, long index, double recordsPerSecond) {
    long due = startNanos + (long) (index * 1e9 / recordsPerSecond);
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }

  /** A record the broker did not accept. */
  public static final class KafkaWriteException extends RuntimeException {
    KafkaWriteException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
