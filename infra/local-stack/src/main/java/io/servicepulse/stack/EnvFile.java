// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.stack;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** {@code KEY=value} files of the state dir, readable by a shell ({@code set -a; . FILE}). */
final class EnvFile {

  private EnvFile() {}

  /** The file's keys, or empty if there is no such file. */
  static Optional<Properties> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return Optional.of(p);
  }

  /** Writes the lines to a temp file and renames it, so a reader never sees half a file. */
  static void write(Path file, List<String> lines) {
    Path partial = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(partial, String.join("\n", lines) + "\n");
      Files.move(partial, file, REPLACE_EXISTING, ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
