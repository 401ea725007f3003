// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {

  @TempDir Path root;

  private Path checkpoint(int n, long modifiedMs) throws IOException {
    Path chk = Files.createDirectories(root.resolve("job-1").resolve("chk-" + n));
    Files.writeString(chk.resolve("state-" + n), "state");
    Path metadata = Files.writeString(chk.resolve("_metadata"), "m");
    Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMs));
    return chk;
  }

  @Test
  void theNewestCompleteCheckpointWins() throws IOException {
    checkpoint(1, 1_000);
    Path newest = checkpoint(2, 2_000);
    Files.createDirectories(root.resolve("job-1").resolve("chk-3")); // in progress: no _metadata
    assertThat(RetainedCheckpoints.latest(root)).contains(newest);
  }

  @Test
  void checkpointsDeletedWhileWeLookAreNotAnError() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    Thread flink =
        new Thread(
            () -> {
              // As Flink does: write chk-n, delete the one it subsumes.
              for (int n = 1; running.get(); n++) {
                try {
                  checkpoint(n, n);
                  deleteRecursively(root.resolve("job-1").resolve("chk-" + (n - 1)));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            });
    flink.start();
    try {
      long end = System.nanoTime() + 1_000_000_000L;
      while (System.nanoTime() < end) {
        RetainedCheckpoints.latest(root);
      }
    } finally {
      running.set(false);
      flink.join();
    }
    assertThat(RetainedCheckpoints.latest(root)).isPresent();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
