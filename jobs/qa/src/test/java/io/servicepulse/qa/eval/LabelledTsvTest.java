// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicepulse.qa.inspect.SenderRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledTsvTest {
  @TempDir Path dir;

  @Test
  void writeThenReadGivesTheRowsBack() throws IOException {
    List<LabelledRow> rows =
        List.of(
            new LabelledRow("shop", "1", SenderRole.BUYER, Label.OFFENSIVE, "你是\t傻逼\n吧"),
            new LabelledRow("shop", "2", SenderRole.AGENT, Label.CIVIL, "path C:\\temp\r\n"),
            new LabelledRow("other set", "x/3", SenderRole.AGENT, Label.UNKNOWN, ""));
    Path file = dir.resolve("rows.tsv");
    LabelledTsv.write(file, rows);

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(4).first().isEqualTo(LabelledTsv.HEADER);
    assertThat(lines.get(1)).isEqualTo("shop\t1\tBUYER\t1\t你是\\t傻逼\\n吧");
    assertThat(LabelledTsv.read(file)).isEqualTo(rows);
  }

  @Test
  void skipsHeaderCommentsBlankLinesAndABom() throws IOException {
    Path file = dir.resolve("rows.tsv");
    Files.writeString(
        file,
        "\uFEFF" + LabelledTsv.HEADER + "\n# a comment\n\nshop\t7\tAGENT\t-\thello\n",
        StandardCharsets.UTF_8);
    assertThat(LabelledTsv.read(file))
        .containsExactly(new LabelledRow("shop", "7", SenderRole.AGENT, Label.UNKNOWN, "hello"));
  }

  @Test
  void aBadLineNamesTheFileLineAndColumn() throws IOException {
    Path file = dir.resolve("bad.tsv");
    Files.writeString(file, "shop\t1\tAGENT\t0\tok\nshop\t2\tCUSTOMER\t0\tno\n");
    assertThatThrownBy(() -> LabelledTsv.read(file))
        .hasMessageContaining("bad.tsv:2")
        .hasMessageContaining("role must be AGENT or BUYER");
    assertThatThrownBy(() -> LabelledTsv.parse("shop\t1\tAGENT\t2\ttext"))
        .hasMessageContaining("label must be 1, 0 or -");
    assertThatThrownBy(() -> LabelledTsv.parse("shop\t1\tAGENT\t0"))
        .hasMessageContaining("5 tab-separated columns");
  }
}
