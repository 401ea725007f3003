// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AbuseModelTest {
  private static AbuseModel random(int bits) {
    Random r = new Random(7);
    float[] w = new float[1 << bits];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    return AbuseModel.quantise("test-1", bits, w, -0.3f, 0.6, 0.9);
  }

  @Test
  void writeThenReadGivesTheSameModel() throws IOException {
    AbuseModel m = random(12);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(out);
    AbuseModel back = AbuseModel.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back.version()).isEqualTo("test-1");
    assertThat(back.threshold(true)).isEqualTo(0.6);
    assertThat(back.threshold(false)).isEqualTo(0.9);
    for (String s : List.of("你好", "you suck", "", "亲，已发货")) {
      assertThat(back.score(s)).isEqualTo(m.score(s));
    }
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    back.write(again);
    assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
  }

  @Test
  void rejectsAFileThatIsNoModel() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(new byte[] {1, 2, 3, 4, 5, 6});
    }
    assertThatThrownBy(() -> AbuseModel.read(new ByteArrayInputStream(out.toByteArray())))
        .isInstanceOf(IOException.class);
  }

  @Test
  void quantisationKeepsScoresClose() {
    int bits = 10;
    Random r = new Random(3);
    float[] w = new float[1 << bits];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextGaussian() * 0.5);
    }
    AbuseModel m = AbuseModel.quantise("q", bits, w, 0f, 0.5, 0.5);
    FeatureHasher h = new FeatureHasher(bits);
    for (String s : List.of("你这个人怎么这么烦", "what a stupid answer", "ok")) {
      double exact = 1 / (1 + Math.exp(-h.weightedSum(s, w)));
      assertThat(m.score(s)).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.02));
    }
  }

  @Test
  void theShippedModelLoadsWithThresholdsAndScoresDeterministically() throws Exception {
    AbuseModel m = AbuseModel.loadDefault();
    assertThat(m).isNotNull();
    assertThat(m.version()).isNotBlank();
    assertThat(m.hasher().bits()).isBetween(16, 20);
    for (boolean zh : new boolean[] {true, false}) {
      assertThat(m.threshold(zh)).isBetween(0.5, 1.0);
    }
    List<String> texts = List.of("黑人都是懒惰的", "亲，您的快递已经发出了", "you are disgusting", "thanks");
    double[] first = texts.stream().mapToDouble(m::score).toArray();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> runs =
          pool.invokeAll(
              java.util.Collections.nCopies(
                  8, () -> texts.stream().mapToDouble(m::score).toArray()));
      for (Future<double[]> f : runs) {
        assertThat(f.get()).containsExactly(first);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(first[0]).isGreaterThan(m.threshold(true));
    assertThat(first[1]).isLessThan(m.threshold(true));
  }
}
