// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicepulse.qa.inspect.SenderRole;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CivilSampleTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void everyKthKeepsAtMostMaxRowsSpreadFromTheFirst() {
    List<Integer> rows = IntStream.range(0, 10).boxed().toList();
    assertThat(CivilSample.everyKth(rows, 4)).containsExactly(0, 3, 6, 9);
    assertThat(CivilSample.everyKth(rows, 5)).containsExactly(0, 2, 4, 6, 8);
    assertThat(CivilSample.everyKth(rows, 20)).isEqualTo(rows);
  }

  @Test
  void crosswozAgentTurnsAreTheSysRole() throws Exception {
    JsonNode messages =
        json.readTree(
            "[{\"role\":\"usr\",\"content\":\"你好\"},{\"role\":\"sys\",\"content\":\" 您好。\"},"
                + "{\"role\":\"sys\",\"content\":\"  \"}]");
    List<LabelledRow> rows = new ArrayList<>();
    CivilSample.turns(messages, "content", "sys", "crosswoz-agent", "val/1", rows);
    assertThat(rows)
        .containsExactly(
            new LabelledRow("crosswoz-agent", "val/1/1", SenderRole.AGENT, Label.CIVIL, "您好。"));
  }

  @Test
  void multiwozAgentTurnsAreTheOddOnes() throws Exception {
    JsonNode log = json.readTree("[{\"text\":\"I need a hotel\"},{\"text\":\"Which area ?\"}]");
    List<LabelledRow> rows = new ArrayList<>();
    CivilSample.turns(log, "text", null, "multiwoz-agent", "test/MUL1", rows);
    assertThat(rows)
        .extracting(LabelledRow::id, LabelledRow::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("test/MUL1/1", "Which area ?"));
  }
}
