// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How often the local pipeline's Flink job restarted, read from its log (the JobMaster logs every
 * transition to RESTARTING). A crash of the whole process is not a restart: it starts a new job.
 */
final class JobRestarts {

  static final String MARK = "to RESTARTING";

  private JobRestarts() {}

  static long count(Path log) throws IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains("switched from state") && l.contains(MARK)).count();
    }
  }
}
