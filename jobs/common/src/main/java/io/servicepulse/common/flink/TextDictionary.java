// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static io.servicepulse.common.flink.CompactCodec.readSize;
import static io.servicepulse.common.flink.CompactCodec.readText;
import static io.servicepulse.common.flink.CompactCodec.writeText;
import static io.servicepulse.common.flink.CompactCodec.writeVarLong;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings of one serialized value, each written in full once and then as its index: the agent, team
 * and shop ids a state repeats in every fact cost a byte after their first time. Built while
 * writing (no first pass); one instance per value written or read. Null and any Java string are
 * lossless: 0 is null, 1 a new string (then its text), n ≥ 2 the (n − 2)-th string seen.
 */
public final class TextDictionary {

  private TextDictionary() {}

  /**
   * Writes the strings of one value. A state holds tens of distinct strings, so a scan of the ones
   * seen (the same instance first) beats hashing each one.
   */
  public static final class Writer {
    private final DataOutputView out;
    private String[] seen = new String[16];
    private int size;

    public Writer(DataOutputView out) {
      this.out = out;
    }

    public void write(String s) throws IOException {
      if (s == null) {
        writeVarLong(0, out);
        return;
      }
      int index = indexOf(s);
      if (index >= 0) {
        writeVarLong(index + 2L, out);
        return;
      }
      if (size == seen.length) {
        seen = Arrays.copyOf(seen, size * 2);
      }
      seen[size++] = s;
      writeVarLong(1, out);
      writeText(s, out);
    }

    private int indexOf(String s) {
      for (int i = size - 1; i >= 0; i--) {
        if (seen[i] == s) {
          return i;
        }
      }
      for (int i = size - 1; i >= 0; i--) {
        if (seen[i].equals(s)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** Reads the strings of one value, as its {@link Writer} wrote them. */
  public static final class Reader {
    private final DataInputView in;
    private final List<String> seen = new ArrayList<>();

    public Reader(DataInputView in) {
      this.in = in;
    }

    public String read() throws IOException {
      int code = readSize(in);
      if (code == 0) {
        return null;
      }
      if (code == 1) {
        String s = readText(in);
        if (s == null) {
          throw new IOException("dictionary entry without text");
        }
        seen.add(s);
        return s;
      }
      if (code - 2 >= seen.size()) {
        throw new IOException("dictionary index " + (code - 2) + " of " + seen.size());
      }
      return seen.get(code - 2);
    }
  }
}
