// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The generated records in emission order plus their ground truth. Records are encoded lazily on
 * iteration (each iterator has its own codecs), so the stream holds only compact planned events and
 * can be iterated any number of times with identical bytes.
 */
public final class GeneratedStream implements Iterable<GeneratedRecord> {

  private final PlannedEvent[] records;
  private final GroundTruth truth;
  private final GeneratorConfig config;

  GeneratedStream(PlannedEvent[] records, GroundTruth truth, GeneratorConfig config) {
    this.records = records;
    this.truth = truth;
    this.config = config;
  }

  public GroundTruth truth() {
    return truth;
  }

  public GeneratorConfig config() {
    return config;
  }

  /** Number of records, malformed and duplicates included. */
  public int size() {
    return records.length;
  }

  @Override
  public Iterator<GeneratedRecord> iterator() {
    RecordEncoder encoder = new RecordEncoder(config);
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < records.length;
      }

      @Override
      public GeneratedRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return encoder.encode(records[next++]);
      }
    };
  }
}
