// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the newest complete checkpoint under a checkpoint folder, to restart a job from it. */
public final class RetainedCheckpoints {

  private RetainedCheckpoints() {}

  /**
   * The newest {@code <root>/<job-id>/chk-N} folder holding a {@code _metadata} file (a checkpoint
   * is complete only once that file exists), or empty if there is none.
   */
  public static Optional<Path> latest(Path root) {
    // Flink deletes subsumed checkpoints while we walk the folder: a vanished entry means
    // "look again", not an error.
    for (int attempt = 1; ; attempt++) {
      if (!Files.isDirectory(root)) {
        return Optional.empty();
      }
      try (Stream<Path> metadata = Files.find(root, 3, RetainedCheckpoints::isMetadata)) {
        return metadata
            .map(Path::getParent)
            .max(Comparator.comparingLong(RetainedCheckpoints::modified));
      } catch (NoSuchFileException e) {
        vanished(root, attempt, e);
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof NoSuchFileException)) {
          throw e;
        }
        vanished(root, attempt, (IOException) e.getCause());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list checkpoints under " + root, e);
      }
    }
  }

  private static void vanished(Path root, int attempt, IOException e) {
    if (attempt >= 10) {
      throw new UncheckedIOException("checkpoints under " + root + " keep vanishing", e);
    }
  }

  private static boolean isMetadata(Path path, java.nio.file.attribute.BasicFileAttributes attrs) {
    return attrs.isRegularFile()
        && path.getFileName().toString().equals("_metadata")
        && path.getParent().getFileName().toString().startsWith("chk-");
  }

  private static long modified(Path dir) {
    try {
      return Files.getLastModifiedTime(dir.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
