// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A generated stream on disk: one {@code <topic>.records} file per topic plus {@code truth.json}.
 * Each record is {@code long seq, long timestamp, byte kind, int keyLength, key, int valueLength,
 * value} (big-endian); {@code seq} is the emission position, so the reader merges the topic files
 * back into emission order.
 */
public final class StreamFiles {

  public static final String TRUTH_FILE = "truth.json";
  public static final String SUFFIX = ".records";

  private static final GeneratedRecord.Kind[] KINDS = GeneratedRecord.Kind.values();

  private StreamFiles() {}

  /** Writes the records and the truth into {@code dir} (created if missing); returns the count. */
  public static long write(Iterable<GeneratedRecord> records, GroundTruth truth, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Map<String, DataOutputStream> outs = new HashMap<>();
    long seq = 0;
    try {
      for (GeneratedRecord r : records) {
        DataOutputStream out = outs.get(r.topic());
        if (out == null) {
          out = open(dir.resolve(r.topic() + SUFFIX));
          outs.put(r.topic(), out);
        }
        out.writeLong(seq++);
        out.writeLong(r.timestamp());
        out.writeByte(r.kind().ordinal());
        out.writeInt(r.key().length);
        out.write(r.key());
        out.writeInt(r.value().length);
        out.write(r.value());
      }
    } finally {
      for (DataOutputStream out : outs.values()) {
        out.close();
      }
    }
    truth.write(dir.resolve(TRUTH_FILE));
    return seq;
  }

  private static DataOutputStream open(Path file) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }

  public static GroundTruth readTruth(Path dir) throws IOException {
    return GroundTruth.read(dir.resolve(TRUTH_FILE));
  }

  /**
   * The records of every {@code *.records} file in {@code dir}, in emission order, read lazily.
   * Close the iterator's files by exhausting it or via {@link RecordIterator#close()}.
   */
  public static RecordIterator read(Path dir) throws IOException {
    List<TopicFile> files = new ArrayList<>();
    try (DirectoryStream<Path> paths = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path path : paths) {
        String name = path.getFileName().toString();
        files.add(new TopicFile(name.substring(0, name.length() - SUFFIX.length()), path));
      }
    }
    return new RecordIterator(files);
  }

  /** Merges the topic files by emission position. */
  public static final class RecordIterator implements Iterator<GeneratedRecord>, AutoCloseable {
    private final List<TopicFile> files;

    private RecordIterator(List<TopicFile> files) {
      this.files = files;
    }

    @Override
    public boolean hasNext() {
      return files.stream().anyMatch(f -> f.head != null);
    }

    @Override
    public GeneratedRecord next() {
      TopicFile first = null;
      for (TopicFile f : files) {
        if (f.head != null && (first == null || f.headSeq < first.headSeq)) {
          first = f;
        }
      }
      if (first == null) {
        throw new NoSuchElementException();
      }
      return first.advance();
    }

    @Override
    public void close() throws IOException {
      for (TopicFile f : files) {
        f.in.close();
      }
    }
  }

  private static final class TopicFile {
    private final String topic;
    private final DataInputStream in;
    private GeneratedRecord head;
    private long headSeq;

    TopicFile(String topic, Path path) throws IOException {
      this.topic = topic;
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
      readHead();
    }

    GeneratedRecord advance() {
      GeneratedRecord current = head;
      readHead();
      return current;
    }

    private void readHead() {
      try {
        headSeq = in.readLong();
      } catch (EOFException end) {
        head = null;
        closeQuietly();
        return;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + topic + SUFFIX, e);
      }
      try {
        long timestamp = in.readLong();
        GeneratedRecord.Kind kind = KINDS[in.readByte()];
        byte[] key = new byte[in.readInt()];
        in.readFully(key);
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        head = new GeneratedRecord(topic, key, value, timestamp, kind);
      } catch (IOException e) {
        throw new UncheckedIOException("truncated or corrupt " + topic + SUFFIX, e);
      }
    }

    private void closeQuietly() {
      try {
        in.close();
      } catch (IOException ignored) {
        // Fully read already; nothing to lose.
      }
    }
  }
}
