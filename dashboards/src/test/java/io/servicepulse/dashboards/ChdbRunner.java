// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Installs and drives {@code chdb/check.js}: ClickHouse 26.x in-process, through node. */
final class ChdbRunner {

  private static final long INSTALL_MINUTES = 5;
  private static final long RUN_MINUTES = 5;
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private ChdbRunner() {}

  /**
   * {@code npm install} of the pinned chdb (using the committed lock file) unless chdb is already
   * there; false (with the reason printed) where node/npm or the registry is missing, so the caller
   * can skip. Not {@code npm ci}: npm 11 refuses the lock file because chdb lists optional platform
   * packages (darwin, arm64) that it cannot resolve on linux-x64.
   */
  static boolean install(Path dir) throws InterruptedException {
    if (Files.exists(dir.resolve("node_modules/chdb/package.json"))
        && Files.isDirectory(dir.resolve("node_modules/@chdb"))) {
      return true;
    }
    // npm's output goes to a file: written to this JVM's stdout it would corrupt the channel
    // Maven's failsafe reads test results from ("std/in stream corrupted").
    Path log = dir.resolve("npm-install.log");
    try {
      Process npm =
          new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!npm.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        System.err.println(
            "npm install in " + dir + " took longer than " + INSTALL_MINUTES + " min");
        return false;
      }
      if (npm.exitValue() != 0) {
        System.err.println(
            "npm install in " + dir + " failed with exit code " + npm.exitValue() + "; see " + log);
        return false;
      }
    } catch (IOException e) {
      System.err.println("npm is not installed here: " + e.getMessage());
      return false;
    }
    return Files.isDirectory(dir.resolve("node_modules/@chdb"));
  }

  /** Runs check.js; its report (version, ddl, loaded, queries). */
  static JsonNode run(Path dir, Path manifest, Path out) throws Exception {
    Path log = out.resolveSibling("check.log");
    Process node =
        new ProcessBuilder("node", "check.js", manifest.toString(), out.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!node.waitFor(RUN_MINUTES, TimeUnit.MINUTES)) {
      node.destroyForcibly();
      throw new AssertionError("check.js took longer than " + RUN_MINUTES + " min");
    }
    if (node.exitValue() != 0) {
      throw new AssertionError("check.js failed: " + Files.readString(log));
    }
    return new ObjectMapper().readTree(out.toFile());
  }

  /**
   * Columns of a CREATE TABLE that hold data: DEFAULT columns are derived by each server (its own
   * time zone rules), so they are neither exported nor loaded.
   */
  static List<String> storedColumns(String createTable) {
    List<String> columns = new ArrayList<>();
    boolean inList = false;
    for (String line : createTable.split("\n")) {
      String l = line.strip();
      if (!inList) {
        inList = l.equals("(");
        continue;
      }
      if (l.equals(")")) {
        break;
      }
      if (!l.contains(" DEFAULT ")) {
        columns.add(l.split("\\s+")[0]);
      }
    }
    return columns;
  }

  /**
   * Rows as comparable lines: numbers to 9 significant digits (float sums may differ in the last
   * bits between engines), rows sorted (ties in ORDER BY may come in either order).
   */
  static List<String> normalise(String tsv) {
    List<String> rows = new ArrayList<>();
    for (String line : tsv.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      List<String> fields = new ArrayList<>();
      for (String f : line.split("\t", -1)) {
        fields.add(
            NUMBER.matcher(f).matches()
                ? new BigDecimal(f).round(new MathContext(9)).stripTrailingZeros().toPlainString()
                : f);
      }
      rows.add(String.join("\t", fields));
    }
    rows.sort(null);
    return rows;
  }
}
