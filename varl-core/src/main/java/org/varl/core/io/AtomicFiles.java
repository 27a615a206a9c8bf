package org.varl.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * half-written file: the bytes go to a temporary file in the target's directory (same file system,
 * so the rename is atomic), which is flushed to disk and then renamed over the target. On any
 * failure the temporary file is deleted and the target is untouched. Every output and checkpoint in
 * varl is written this way.
 */
public final class AtomicFiles {

  /** Writes the content of one file to the given stream; may throw {@link IOException}. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} atomically with the bytes produced by {@code writer}; creates parent
   * directories.
   */
  public static void write(Path target, Writer writer) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
      // createTempFile makes the file private (0600); outputs are ordinary files that reports and
      // users read.
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try (var channel =
              java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
          OutputStream out =
              new BufferedOutputStream(
                  java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
        writer.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(
            tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the original failure is the one worth reporting
        }
      }
    }
  }

  /** Writes a UTF-8 string atomically. */
  public static void writeString(Path target, String content) {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }
}
