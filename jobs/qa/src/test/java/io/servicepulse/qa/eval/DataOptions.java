// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** --data and --civil of the training and mining commands (a picocli mixin). */
final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data")
  Path data;

  @Option(names = "--civil", paramLabel = "DIR", description = "civil agent samples (*.tsv)")
  Path civil;

  /** Every row of every *.tsv in the civil folder; an empty list when there is no folder. */
  List<LabelledRow> civilRows() throws IOException {
    List<LabelledRow> rows = new ArrayList<>();
    if (civil == null || !Files.isDirectory(civil)) {
      return rows;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(civil)) {
      files = list.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
    }
    for (Path f : files) {
      rows.addAll(LabelledTsv.read(f));
    }
    System.out.println("civil agent rows: " + rows.size() + " from " + files);
    return rows;
  }
}
