// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CompactCodecTest {

  @Test
  void everyStringComesBackAsItWasWritten() throws Exception {
    char[] long3000 = new char[3000];
    Arrays.fill(long3000, '好');
    List<String> texts =
        new ArrayList<>(
            Arrays.asList(
                null,
                "",
                "evt-000123",
                "café ÿ",
                "亲，在的 🙂",
                "lone \uD800 surrogate \uDFFF",
                "\u0100",
                new String(long3000),
                "x".repeat(5000)));
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      char[] c = new char[random.nextInt(40)];
      for (int j = 0; j < c.length; j++) {
        c[j] = (char) (random.nextBoolean() ? random.nextInt(0x100) : random.nextInt(0x10000));
      }
      texts.add(new String(c));
    }
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (String s : texts) {
      CompactCodec.writeText(s, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (String s : texts) {
      assertThat(CompactCodec.readText(in)).isEqualTo(s);
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void latinOneTextTakesAByteAChar() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    CompactCodec.writeText("evt-000123", out);
    assertThat(out.length()).isEqualTo(1 + 10);
    out.clear();
    CompactCodec.writeText("亲在的", out);
    assertThat(out.length()).isEqualTo(1 + 6);
  }

  @Test
  void everyDecimalComesBackWithItsScale() throws Exception {
    List<BigDecimal> values =
        new ArrayList<>(
            Arrays.asList(
                null,
                BigDecimal.ZERO,
                new BigDecimal("0.00"),
                new BigDecimal("19.90"),
                new BigDecimal("-1E+5"),
                BigDecimal.valueOf(Long.MAX_VALUE, 2),
                BigDecimal.valueOf(Long.MIN_VALUE, -3),
                new BigDecimal("123456789012345678901234567890.123456789")));
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (BigDecimal d : values) {
      CompactCodec.writeDecimal(d, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (BigDecimal d : values) {
      // equals, not compareTo: 19.90 must not come back as 19.9.
      assertThat(CompactCodec.readDecimal(in)).isEqualTo(d);
    }
    assertThat(in.available()).isZero();
  }
}
