package org.varl.cli.common;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.varl.core.io.OutputSet;
import org.varl.core.io.OutputTarget;

/**
 * The output rule of every command, called at the start of {@code call()} before any work: {@code
 * --out} must be absent or a regular file (a directory for {@code --out DIR}), not a device, FIFO,
 * symbolic link or the empty path, and not one of the command's input files ({@link OutputTarget}).
 * A command that writes several files writes them with {@link #all}, so a failure half-way leaves
 * the previous set as it was.
 */
public final class Outputs {

  private Outputs() {}

  /** Checks {@code --out FILE} against the rule; {@code inputs} are the command's input files. */
  public static Path file(Path out, Path... inputs) {
    return OutputTarget.requireFile("--out", out, inputs);
  }

  /** Checks {@code --out DIR} against the rule. */
  public static Path directory(Path out) {
    return OutputTarget.requireDirectory("--out", out);
  }

  /**
   * Runs {@code writes} (any number of {@link org.varl.core.io.AtomicFiles} writes on this thread)
   * as one {@link OutputSet}: every file is replaced, or none is.
   */
  public static <T> T all(Supplier<T> writes) {
    try (OutputSet set = OutputSet.open()) {
      T written = writes.get();
      set.commit();
      return written;
    }
  }
}
