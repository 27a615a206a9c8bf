package org.varl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void writesContentAndCreatesParents(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("a/b/out.txt");
    AtomicFiles.writeString(target, "hello");
    assertThat(Files.readString(target)).isEqualTo("hello");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
    try (var files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void failedWriteKeepsTheOldFileAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("out.txt");
    AtomicFiles.writeString(target, "old");
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("partial".getBytes());
                      throw new IOException("disk on fire");
                    }))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("disk on fire");
    assertThat(Files.readString(target)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
