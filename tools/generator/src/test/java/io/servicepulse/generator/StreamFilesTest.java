// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamFilesTest {

  @Test
  void filesRoundTripRecordsInEmissionOrderAndTheTruth(@TempDir Path dir) throws Exception {
    GeneratedStream stream =
        EventGenerator.generate(
            GeneratorConfig.builder()
                .buyersPerShop(20)
                .malformedRate(0.02)
                .poisonRate(0.02)
                .build());
    List<GeneratedRecord> written = new ArrayList<>();
    stream.forEach(written::add);

    assertThat(StreamFiles.write(stream, stream.truth(), dir)).isEqualTo(written.size());

    List<GeneratedRecord> read = new ArrayList<>();
    try (StreamFiles.RecordIterator it = StreamFiles.read(dir)) {
      it.forEachRemaining(read::add);
    }
    assertThat(read).hasSameSizeAs(written);
    for (int i = 0; i < written.size(); i++) {
      GeneratedRecord w = written.get(i);
      GeneratedRecord r = read.get(i);
      assertThat(r.topic()).isEqualTo(w.topic());
      assertThat(r.key()).isEqualTo(w.key());
      assertThat(r.value()).isEqualTo(w.value());
      assertThat(r.timestamp()).isEqualTo(w.timestamp());
      assertThat(r.kind()).isEqualTo(w.kind());
    }
    assertThat(read).anyMatch(r -> r.kind() == GeneratedRecord.Kind.POISON);
    assertThat(StreamFiles.readTruth(dir).toJson()).isEqualTo(stream.truth().toJson());
  }

  @Test
  void truthJsonRoundTrips() {
    GroundTruth truth = EventGenerator.generate(GeneratorConfig.defaults()).truth();
    GroundTruth back = GroundTruth.fromJson(truth.toJson());
    assertThat(back.toJson()).isEqualTo(truth.toJson());
    assertThat(back.rules()).isEqualTo(MetricRules.DEFAULTS);
    assertThat(back.attribution().get("shop-01").totalSales())
        .isEqualTo(truth.attribution().get("shop-01").totalSales());
    assertThat(truth.toJson()).contains("\"sessionGapMs\" : 1800000", "\"reachedBuyers\"");
  }
}
