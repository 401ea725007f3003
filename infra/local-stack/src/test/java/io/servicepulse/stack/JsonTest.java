// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesAFlinkResponseWithNestedValues() {
    Map<String, Object> overview =
        Json.parseObject(
            "{\"taskmanagers\":1,\"slots-total\":2,\"flink-version\":\"2.2.1\",\"ratio\":0.5,"
                + " \"jobs\":[{\"jid\":\"a1\",\"state\":\"RUNNING\",\"tasks\":{}}],"
                + " \"ok\":true,\"none\":null}");

    assertThat(overview)
        .containsEntry("taskmanagers", 1L)
        .containsEntry("flink-version", "2.2.1")
        .containsEntry("ratio", 0.5)
        .containsEntry("ok", true)
        .containsEntry("none", null);
    assertThat(overview.get("jobs"))
        .isEqualTo(List.of(Map.of("jid", "a1", "state", "RUNNING", "tasks", Map.of())));
  }

  @Test
  void quotedStringsReadBack() {
    String tricky = "path \"C:\\tmp\"\nline\ttab \u0001 中文";

    assertThat(Json.parse(Json.quote(tricky))).isEqualTo(tricky);
    assertThat(Json.parse(Json.quoteAll(List.of("--a", "b c")))).isEqualTo(List.of("--a", "b c"));
  }

  @Test
  void malformedInputNamesTheOffset() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 7");
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .hasMessageContaining("Expected a JSON object");
  }
}
