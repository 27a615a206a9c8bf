package org.varl.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * half-written file: the bytes go to a temporary file in the target's directory (same file system,
 * so the rename is atomic), which is flushed to disk and then renamed over the target. On any
 * failure the temporary file is deleted and the target is untouched. Every output and checkpoint in
 * varl is written this way.
 *
 * <p>The rename replaces only a regular file: a target that is a directory, a symbolic link, a
 * device node or a FIFO is refused with an {@link UncheckedIOException} (as root the rename would
 * otherwise replace {@code /dev/null}); commands check their {@code --out} before any work with
 * {@link OutputTarget}, this is the second line of defence.
 *
 * <p>Temporary files are named {@code .NAME.RANDOM.tmp} beside the target. Each one is registered
 * while it exists and a JVM shutdown hook deletes the registered ones, so an interrupted run
 * (SIGINT, SIGTERM) leaves none behind. One left by a killed JVM (SIGKILL, power loss) is a
 * dot-file that nothing reads: it is ignored, and a later write of the same target does not use its
 * name.
 *
 * <p>Inside an open {@link OutputSet} on the same thread the renames are deferred until the set is
 * committed, so a command that writes several files writes all of them or none.
 */
public final class AtomicFiles {

  /** Temporary files that exist now; deleted by the shutdown hook if the JVM exits first. */
  private static final java.util.Set<Path> PENDING =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(AtomicFiles::deletePending, "varl-delete-temporary-files"));
  }

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
      requireReplaceable(absolute);
      tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
      PENDING.add(tmp);
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
      OutputSet set = OutputSet.current();
      if (set != null) {
        set.stage(tmp, absolute);
      } else {
        moveIntoPlace(tmp, absolute);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  /** Renames a finished temporary file over {@code target} (a regular file or absent). */
  static void moveIntoPlace(Path tmp, Path target) throws IOException {
    requireReplaceable(target);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    PENDING.remove(tmp);
  }

  /** Deletes a temporary file and forgets it; best effort (the original failure is reported). */
  static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // best effort: the original failure is the one worth reporting
    }
    PENDING.remove(tmp);
  }

  /** The temporary files that exist now (tests check that none outlive a failure). */
  static java.util.Set<Path> pending() {
    return java.util.Set.copyOf(PENDING);
  }

  private static void deletePending() {
    for (Path tmp : PENDING) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the JVM is exiting; nothing better to do
      }
    }
  }

  private static void requireReplaceable(Path target) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          Files.isSymbolicLink(target)
              ? "is a symbolic link, refusing to replace it"
              : Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                  ? "is a directory"
                  : "is not a regular file (a device, FIFO or socket), refusing to replace it");
    }
  }

  /**
   * An I/O failure's reason in words: the JDK's file exceptions carry only the path as message
   * ("cannot write x: x"), so name the kind.
   */
  static String describe(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory: " + m;
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "a file is in the way: " + m;
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason() + (fse.getFile() == null ? "" : " (" + fse.getFile() + ")");
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** Writes a UTF-8 string atomically. */
  public static void writeString(Path target, String content) {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }
}
