// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicepulse.qa.inspect.SharedInspector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate.sh --tsv FILE --out RESULTS} on a small fixture, through the command line. */
class EvaluateTsvTest {
  @TempDir Path dir;

  @Test
  void writesOneResultsLinePerRowAndPrintsPerSetFigures() throws Exception {
    Path fixture = resource("qa/eval/labelled.tsv");
    Path results = dir.resolve("results.tsv");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Evaluate evaluate =
        new Evaluate(SharedInspector::get, new PrintStream(printed, true, StandardCharsets.UTF_8));

    int exit =
        Evaluate.command(evaluate)
            .execute("--tsv", fixture.toString(), "--out", results.toString());

    assertThat(exit).isZero();
    List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(6).first().isEqualTo(ResultsTsv.HEADER);
    List<String[]> cols = lines.stream().skip(1).map(l -> l.split("\t", -1)).toList();
    assertThat(cols).allSatisfy(c -> assertThat(c).hasSize(10));
    assertThat(cols)
        .extracting(c -> c[0] + "/" + c[1] + "/" + c[2] + "/" + c[3])
        .containsExactly(
            "shop/1/BUYER/1",
            "shop/2/BUYER/0",
            "shop/3/AGENT/0",
            "shop/4/AGENT/-",
            "civil/a/AGENT/0");
    // the insults are caught as abuse with a category, a rule and a severity
    for (int i : new int[] {0, 3}) {
      assertThat(cols.get(i)[4]).isEqualTo("1");
      assertThat(cols.get(i)[5]).isEqualTo("1");
      assertThat(cols.get(i)[7]).contains("INSULT");
      assertThat(cols.get(i)[8]).isNotEqualTo("-");
      assertThat(Integer.parseInt(cols.get(i)[9])).isBetween(1, 3);
    }
    // the civil messages raise nothing
    for (int i : new int[] {1, 2, 4}) {
      assertThat(String.join("\t", cols.get(i))).endsWith("\t0\t0\t0\t-\t-\t0");
    }

    String out = printed.toString(StandardCharsets.UTF_8);
    // shop: 3 labelled rows, 1 tp, 2 tn; the unlabelled insult counts only to the flag rates
    assertThat(out)
        .containsPattern("(?m)^shop +4 +1\\.000 +1\\.000 +1\\.000 +1\\.000 +3 +1 \\(33\\.333 %\\)");
    assertThat(out)
        .contains("civil: 0 of 1 flagged at severity >= 2 = 0.000 % (target <= 0.100 %: met)");
  }

  @Test
  void outWithoutTsvIsAUsageError() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Evaluate evaluate =
        new Evaluate(SharedInspector::get, new PrintStream(printed, true, StandardCharsets.UTF_8));
    StringWriter usage = new StringWriter();
    int exit =
        Evaluate.command(evaluate)
            .setErr(new PrintWriter(usage))
            .execute("--out", dir.resolve("r").toString());
    assertThat(exit).isEqualTo(2);
    assertThat(usage.toString()).startsWith("--out needs --tsv");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(EvaluateTsvTest.class.getClassLoader().getResource(name).toURI());
  }
}
