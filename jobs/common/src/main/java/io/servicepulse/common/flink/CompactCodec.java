// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The pieces of compact state serializers: variable-length longs (small values in few bytes) and
 * strings front-coded against the previous one (ids that share a long prefix).
 */
public final class CompactCodec {

  private CompactCodec() {}

  /** Unsigned varint, 7 bits a byte; any long fits (negative ones in 10 bytes). */
  public static void writeVarLong(long v, DataOutputView out) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  public static long readVarLong(DataInputView in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("varint longer than 64 bits");
  }

  /** Zig-zag varint: small magnitudes of either sign in few bytes; wraps, so any long fits. */
  public static void writeSigned(long v, DataOutputView out) throws IOException {
    writeVarLong((v << 1) ^ (v >> 63), out);
  }

  public static long readSigned(DataInputView in) throws IOException {
    long v = readVarLong(in);
    return (v >>> 1) ^ -(v & 1);
  }

  /** A count or index written with {@link #writeVarLong}, checked to fit an int. */
  public static int readSize(DataInputView in) throws IOException {
    return Math.toIntExact(readVarLong(in));
  }

  /** The length of the prefix shared with {@code previous}, then the rest; either may be null. */
  public static void writeFrontCoded(String id, String previous, DataOutputView out)
      throws IOException {
    int shared = 0;
    if (id != null && previous != null) {
      int max = Math.min(id.length(), previous.length());
      while (shared < max && id.charAt(shared) == previous.charAt(shared)) {
        shared++;
      }
    }
    writeVarLong(shared, out);
    StringValue.writeString(id == null ? null : id.substring(shared), out);
  }

  public static String readFrontCoded(String previous, DataInputView in) throws IOException {
    int shared = readSize(in);
    String rest = StringValue.readString(in);
    return rest == null ? null : shared == 0 ? rest : previous.substring(0, shared) + rest;
  }

  /**
   * A string, lossless for any Java string and null: its length and whether every char is Latin-1,
   * then a byte per char, or two. Reading needs no buffer of Flink's {@code StringValue}, whose
   * thread-local lookup was most of reading an event off the network (JFR, first-copy stage).
   */
  public static void writeText(String s, DataOutputView out) throws IOException {
    if (s == null) {
      writeVarLong(0, out);
      return;
    }
    int n = s.length();
    if (isLatin1(s)) {
      writeVarLong(((long) n << 1) + 1, out);
      out.write(s.getBytes(StandardCharsets.ISO_8859_1));
      return;
    }
    byte[] b = new byte[2 * n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      b[2 * i] = (byte) (c >>> 8);
      b[2 * i + 1] = (byte) c;
    }
    writeVarLong(((long) n << 1) + 2, out);
    out.write(b);
  }

  private static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  public static String readText(DataInputView in) throws IOException {
    long header = readVarLong(in);
    if (header == 0) {
      return null;
    }
    header--;
    int n = Math.toIntExact(header >>> 1);
    if ((header & 1) == 0) {
      byte[] b = new byte[n];
      in.readFully(b);
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    byte[] b = new byte[2 * n];
    in.readFully(b);
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) (((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF));
    }
    return new String(c);
  }

  /** A decimal, lossless and null-safe: its scale and unscaled value, as a varint when it fits. */
  public static void writeDecimal(BigDecimal d, DataOutputView out) throws IOException {
    if (d == null) {
      writeVarLong(0, out);
      return;
    }
    BigInteger unscaled = d.unscaledValue();
    if (unscaled.bitLength() < 64) {
      writeVarLong(1, out);
      writeSigned(d.scale(), out);
      writeSigned(unscaled.longValue(), out);
    } else {
      byte[] bytes = unscaled.toByteArray();
      writeVarLong(2, out);
      writeSigned(d.scale(), out);
      writeVarLong(bytes.length, out);
      out.write(bytes);
    }
  }

  public static BigDecimal readDecimal(DataInputView in) throws IOException {
    int form = readSize(in);
    if (form == 0) {
      return null;
    }
    int scale = Math.toIntExact(readSigned(in));
    if (form == 1) {
      return BigDecimal.valueOf(readSigned(in), scale);
    }
    if (form != 2) {
      throw new IOException("unknown decimal form " + form);
    }
    byte[] bytes = new byte[readSize(in)];
    in.readFully(bytes);
    return new BigDecimal(new BigInteger(bytes), scale);
  }
}
