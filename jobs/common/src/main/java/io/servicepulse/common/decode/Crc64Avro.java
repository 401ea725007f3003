// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.decode;

/**
 * CRC-64-AVRO, the fingerprint of Avro's {@code SchemaNormalization.fingerprint64}, eight bytes per
 * step (slicing-by-8) instead of one: the same value, about five times faster. Every record's wire
 * bytes are fingerprinted at the source, where Avro's byte loop was 14 % of the source thread.
 * Values must stay identical: dedup state keeps them across restarts and upgrades.
 */
public final class Crc64Avro {

  /** Avro's initial value (the fingerprint of no bytes). */
  static final long EMPTY = 0xc15d213aa4d7a795L;

  private static final long[][] TABLES = tables();

  private Crc64Avro() {}

  public static long of(byte[] bytes) {
    long[] t0 = TABLES[0];
    long[] t1 = TABLES[1];
    long[] t2 = TABLES[2];
    long[] t3 = TABLES[3];
    long[] t4 = TABLES[4];
    long[] t5 = TABLES[5];
    long[] t6 = TABLES[6];
    long[] t7 = TABLES[7];
    long fp = EMPTY;
    int i = 0;
    int whole = bytes.length & ~7;
    for (; i < whole; i += 8) {
      long x = fp ^ littleEndianLong(bytes, i);
      fp =
          t7[(int) x & 0xff]
              ^ t6[(int) (x >>> 8) & 0xff]
              ^ t5[(int) (x >>> 16) & 0xff]
              ^ t4[(int) (x >>> 24) & 0xff]
              ^ t3[(int) (x >>> 32) & 0xff]
              ^ t2[(int) (x >>> 40) & 0xff]
              ^ t1[(int) (x >>> 48) & 0xff]
              ^ t0[(int) (x >>> 56) & 0xff];
    }
    for (; i < bytes.length; i++) {
      fp = (fp >>> 8) ^ t0[(int) (fp ^ bytes[i]) & 0xff];
    }
    return fp;
  }

  private static long littleEndianLong(byte[] b, int at) {
    return (b[at] & 0xffL)
        | (b[at + 1] & 0xffL) << 8
        | (b[at + 2] & 0xffL) << 16
        | (b[at + 3] & 0xffL) << 24
        | (b[at + 4] & 0xffL) << 32
        | (b[at + 5] & 0xffL) << 40
        | (b[at + 6] & 0xffL) << 48
        | (b[at + 7] & 0xffL) << 56;
  }

  /** Table k advances a byte k further: the classic slicing tables of a reflected CRC. */
  private static long[][] tables() {
    long[][] t = new long[8][256];
    for (int i = 0; i < 256; i++) {
      long fp = i;
      for (int j = 0; j < 8; j++) {
        fp = (fp >>> 1) ^ (EMPTY & -(fp & 1L));
      }
      t[0][i] = fp;
    }
    for (int k = 1; k < 8; k++) {
      for (int i = 0; i < 256; i++) {
        long prev = t[k - 1][i];
        t[k][i] = (prev >>> 8) ^ t[0][(int) prev & 0xff];
      }
    }
    return t;
  }
}
