// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicepulse.qa.inspect.SenderRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.ZipInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Regenerates the civil agent-text samples (jobs/qa/eval-data/civil/README.md) from git directories
 * of thu-coai/CrossWOZ and budzianowski/multiwoz, at pinned commits: the system turns of CrossWOZ
 * (Chinese) and of MultiWOZ (English, the copy in ConvLab-2's format that CrossWOZ's first commit
 * carries), val then test split, in file order; every k-th turn with k = ceil(turns / max). Writes
 * crosswoz-agent.tsv, multiwoz-agent.tsv (labelled-file format, role AGENT, label 0) and the two
 * corpora's licences. Run: {@code jobs/qa/civil-sample.sh CROSSWOZ_GIT MULTIWOZ_GIT}.
 */
@Command(
    name = "civil-sample.sh",
    mixinStandardHelpOptions = true,
    description = "Samples the agent turns of CrossWOZ and MultiWOZ into labelled TSV files.")
public final class CivilSample implements Callable<Integer> {
  static final String CROSSWOZ_COMMIT = "df82c9fdff91b9b130f2d6b89110d3870ba6260e";

  /** CrossWOZ's first commit: a copy of ConvLab-2 whose data/multiwoz is under 4 MB a split. */
  static final String CROSSWOZ_MULTIWOZ_COMMIT = "f0171bb2189b1cbb2e1754eda08d8217d71f034a";

  static final String MULTIWOZ_COMMIT = "fe0c8e65cfcd8462bd33c86e35f21addc84ca82b";
  static final List<String> SPLITS = List.of("val", "test");

  @CommandLine.Parameters(
      index = "0",
      paramLabel = "CROSSWOZ_GIT",
      description = "thu-coai/CrossWOZ")
  Path crosswoz;

  @CommandLine.Parameters(
      index = "1",
      paramLabel = "MULTIWOZ_GIT",
      description = "budzianowski/multiwoz (its licence)")
  Path multiwoz;

  @Option(names = "--out", paramLabel = "DIR", required = true)
  Path out;

  @Option(names = "--max", paramLabel = "N", defaultValue = "5000")
  int max;

  private final ObjectMapper json = new ObjectMapper();

  public static void main(String[] args) {
    System.exit(new CommandLine(new CivilSample()).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Files.createDirectories(out);
    List<LabelledRow> zh = new ArrayList<>();
    List<LabelledRow> en = new ArrayList<>();
    for (String split : SPLITS) {
      String zhPath = "data/crosswoz/" + split + ".json.zip";
      forEachDialogue(
          crosswoz,
          CROSSWOZ_COMMIT,
          zhPath,
          (id, d) ->
              turns(d.path("messages"), "content", "sys", "crosswoz-agent", split + "/" + id, zh));
      String enPath = "data/multiwoz/" + split + ".json.zip";
      forEachDialogue(
          crosswoz,
          CROSSWOZ_MULTIWOZ_COMMIT,
          enPath,
          (id, d) -> turns(d.path("log"), "text", null, "multiwoz-agent", split + "/" + id, en));
    }
    write("crosswoz-agent.tsv", everyKth(zh, max));
    write("multiwoz-agent.tsv", everyKth(en, max));
    Files.write(out.resolve("LICENSE-crosswoz"), show(crosswoz, CROSSWOZ_COMMIT, "LICENSE"));
    Files.write(out.resolve("LICENSE-multiwoz"), show(multiwoz, MULTIWOZ_COMMIT, "LICENSE"));
    return 0;
  }

  /**
   * The agent turns of one dialogue: CrossWOZ marks them role "sys"; MultiWOZ's log alternates user
   * (even index) and system (odd index) and has no role field ({@code role} null).
   */
  static void turns(
      JsonNode turns, String textField, String role, String set, String id, List<LabelledRow> to) {
    for (int i = 0; i < turns.size(); i++) {
      JsonNode t = turns.get(i);
      boolean agent = role == null ? i % 2 == 1 : role.equals(t.path("role").asText());
      String text = t.path(textField).asText().strip();
      if (agent && !text.isEmpty()) {
        to.add(new LabelledRow(set, id + "/" + i, SenderRole.AGENT, Label.CIVIL, text));
      }
    }
  }

  /** Every k-th row from the first, k = ceil(size / max): at most max rows, spread evenly. */
  static <T> List<T> everyKth(List<T> rows, int max) {
    int k = Math.max(1, (rows.size() + max - 1) / max);
    List<T> kept = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += k) {
      kept.add(rows.get(i));
    }
    return kept;
  }

  private interface DialogueConsumer {
    void accept(String id, JsonNode dialogue);
  }

  /** Streams a zipped JSON object of dialogues {id: dialogue, ...} out of the git directory. */
  private void forEachDialogue(Path git, String commit, String path, DialogueConsumer consumer)
      throws IOException, InterruptedException {
    Process p = git(git, commit, path);
    InputStream raw = p.getInputStream();
    try (ZipInputStream zip = new ZipInputStream(raw)) {
      if (zip.getNextEntry() == null) {
        throw new IOException(path + " at " + commit + ": empty zip");
      }
      JsonParser parser = json.createParser(zip);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(path + ": a JSON object of dialogues expected");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String id = parser.currentName();
        parser.nextToken();
        consumer.accept(id, json.readTree(parser));
      }
      raw.transferTo(OutputStream.nullOutputStream()); // the zip's directory: let git finish
    }
    finish(p, commit + ":" + path);
  }

  private byte[] show(Path git, String commit, String path)
      throws IOException, InterruptedException {
    Process p = git(git, commit, path);
    byte[] bytes;
    try (InputStream in = p.getInputStream()) {
      bytes = in.readAllBytes();
    }
    finish(p, commit + ":" + path);
    return bytes;
  }

  private static Process git(Path git, String commit, String path) throws IOException {
    return new ProcessBuilder("git", "--git-dir", git.toString(), "show", commit + ":" + path)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static void finish(Process p, String what) throws InterruptedException, IOException {
    if (p.waitFor() != 0) {
      throw new IOException("git show " + what + " failed (exit " + p.exitValue() + ")");
    }
  }

  private void write(String name, List<LabelledRow> rows) throws IOException {
    LabelledTsv.write(out.resolve(name), rows);
    System.out.println(out.resolve(name) + ": " + rows.size() + " agent turns");
  }
}
