package org.varl.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one rule for where a command may write, checked before any work: an output file must be
 * absent or a regular file, an output directory absent or a directory; a symbolic link, a device
 * node, a FIFO, a socket, the empty path, a path below a regular file and (for a file) a path that
 * names one of the command's inputs are refused. The atomic rename of {@link AtomicFiles} replaces
 * whatever the path names (as root even {@code /dev/null}, or the link instead of its target), and
 * an input named as the output would be overwritten, so these must be errors.
 *
 * <p>Every refusal is an {@link IllegalArgumentException} whose message names the option, the value
 * and what is wrong with it.
 */
public final class OutputTarget {

  private OutputTarget() {}

  /**
   * Checks that {@code path} may be written as an output file.
   *
   * @param option the option's name for the message, e.g. {@code "--out"}
   * @param inputs the command's input files; {@code null} entries (options not given) are skipped
   * @return {@code path}
   */
  public static Path requireFile(String option, Path path, Path... inputs) {
    requireUsable(option, path);
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        throw refused(option, path, "is a directory, not a file");
      }
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        throw refused(option, path, "is not a regular file (a device, FIFO or socket)");
      }
    }
    for (Path input : inputs) {
      if (input != null && sameFile(path, input)) {
        throw refused(
            option, path, "is also an input file (" + input + "); it would be overwritten");
      }
    }
    return path;
  }

  /**
   * Checks that {@code path} may be used as an output directory (created if absent).
   *
   * @param option the option's name for the message, e.g. {@code "--out"}
   * @return {@code path}
   */
  public static Path requireDirectory(String option, Path path) {
    requireUsable(option, path);
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw refused(
          option,
          path,
          Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
              ? "is a regular file, not a directory"
              : "is not a directory (a device, FIFO or socket)");
    }
    return path;
  }

  /**
   * Checks what files and directories share: not null, not empty, not a symbolic link, and the
   * nearest existing ancestor is a directory (else creating the parents fails after the work).
   */
  private static void requireUsable(String option, Path path) {
    if (path == null || path.toString().isEmpty()) {
      throw new IllegalArgumentException(option + " \"\": the path is empty");
    }
    if (Files.isSymbolicLink(path)) {
      throw refused(
          option, path, "is a symbolic link (the rename would replace the link); name its target");
    }
    for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          throw refused(option, path, "lies below " + p + ", which is not a directory");
        }
        break;
      }
    }
  }

  /**
   * Whether {@code out} names the file {@code input}: by identity when both exist, else by the
   * normalised absolute path against the input's real path (an output such as {@code
   * absent/../in.json} does not resolve yet, but writing it creates {@code absent} and replaces
   * {@code in.json}).
   */
  private static boolean sameFile(Path out, Path input) {
    try {
      if (Files.exists(out) && Files.exists(input)) {
        return Files.isSameFile(out, input);
      }
      Path normalized = out.toAbsolutePath().normalize();
      Path parent = normalized.getParent();
      Path resolvedOut =
          parent != null && Files.isDirectory(parent)
              ? parent.toRealPath().resolve(normalized.getFileName())
              : normalized;
      Path resolvedIn =
          Files.exists(input) ? input.toRealPath() : input.toAbsolutePath().normalize();
      return resolvedOut.equals(resolvedIn);
    } catch (IOException e) {
      return out.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize());
    }
  }

  private static IllegalArgumentException refused(String option, Path path, String reason) {
    return new IllegalArgumentException(option + " " + path + ": " + reason);
  }
}
