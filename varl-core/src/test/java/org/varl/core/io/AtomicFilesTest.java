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

  @Test
  void refusesToRenameOverAFifoASymlinkOrADevice(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    assertThatThrownBy(() -> AtomicFiles.writeString(fifo, "x"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("not a regular file");
    assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();

    Path real = dir.resolve("real.txt");
    AtomicFiles.writeString(real, "kept");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertThatThrownBy(() -> AtomicFiles.writeString(link, "x"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("symbolic link");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("kept");

    Path devNull = Path.of("/dev/null");
    assertThatThrownBy(() -> AtomicFiles.writeString(devNull, "x"))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(Files.isRegularFile(devNull, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(fifo, real, link);
    }
  }

  @Test
  void registersTheTemporaryWhileWritingAndForgetsIt(@TempDir Path dir) {
    Path target = dir.resolve("big.json");
    java.util.List<java.util.Set<Path>> seen = new java.util.ArrayList<>();
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      seen.add(AtomicFiles.pending());
                      throw new IOException("No space left on device");
                    }))
        .hasMessage("cannot write " + target + ": No space left on device");
    assertThat(seen.get(0))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getParent()).isEqualTo(dir);
              assertThat(p.getFileName().toString()).startsWith(".big.json.").endsWith(".tmp");
            });
    assertThat(AtomicFiles.pending()).doesNotContain(seen.get(0).iterator().next());
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void ioFailuresNameTheReasonNotOnlyThePath(@TempDir Path dir) {
    assertThat(AtomicFiles.describe(new java.nio.file.AccessDeniedException("x")))
        .isEqualTo("permission denied");
    assertThat(
            AtomicFiles.describe(
                new java.nio.file.FileSystemException("a.bin", null, "No space left on device")))
        .isEqualTo("No space left on device (a.bin)");
  }

  /** SIGTERM (as Ctrl-C, SIGINT) runs the shutdown hook: no .NAME.*.tmp survives the JVM. */
  @Test
  void anInterruptedRunLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("big.json");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                InterruptedWriteMain.class.getName(),
                target.toString())
            .redirectErrorStream(true)
            .start();
    try (var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("writing");
      try (var files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .singleElement()
            .satisfies(n -> assertThat(n).startsWith(".big.json.").endsWith(".tmp"));
      }
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
