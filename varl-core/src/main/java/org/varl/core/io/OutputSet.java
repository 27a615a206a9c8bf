package org.varl.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several output files written as one: while a set is open on a thread, every {@link
 * AtomicFiles#write} on that thread writes its temporary file as usual but defers the rename;
 * {@link #commit()} renames them all, and closing a set that was not committed (an exception, a
 * full disk half-way through) deletes them, so the previous outputs stay as they were and no
 * partial set appears.
 *
 * <pre>{@code
 * try (OutputSet set = OutputSet.open()) {
 *   Json.write(dir.resolve("metrics.json"), metrics);
 *   Plots.save(chart, dir.resolve("curve.png"));
 *   set.commit();
 * }
 * }</pre>
 *
 * <p>The renames need no space, so once every file is written the commit does not fail for a full
 * disk; a rename failing half-way (the directory removed under the run) is reported and the rest
 * are deleted. Sets nest: an inner set's commit hands its files to the outer one. A staged file is
 * not visible under its name before the commit, so do not read back what the set wrote.
 */
public final class OutputSet implements AutoCloseable {

  private static final ThreadLocal<OutputSet> CURRENT = new ThreadLocal<>();

  private record Staged(Path tmp, Path target) {}

  private final OutputSet outer;
  private final List<Staged> staged = new ArrayList<>();
  private boolean done;

  private OutputSet(OutputSet outer) {
    this.outer = outer;
  }

  /** Opens a set on the current thread; close it with try-with-resources. */
  public static OutputSet open() {
    OutputSet set = new OutputSet(CURRENT.get());
    CURRENT.set(set);
    return set;
  }

  /** The innermost open set of this thread, or null. */
  static OutputSet current() {
    return CURRENT.get();
  }

  void stage(Path tmp, Path target) {
    staged.add(new Staged(tmp, target));
  }

  /** The targets written so far, in order. */
  public List<Path> targets() {
    return staged.stream().map(Staged::target).toList();
  }

  /** Renames every staged file over its target (or hands them to the enclosing set). */
  public void commit() {
    if (done) {
      throw new IllegalStateException("output set already committed or closed");
    }
    done = true;
    restore();
    if (outer != null) {
      outer.staged.addAll(staged);
      staged.clear();
      return;
    }
    try {
      while (!staged.isEmpty()) {
        Staged s = staged.get(0);
        AtomicFiles.moveIntoPlace(s.tmp(), s.target());
        staged.remove(0);
      }
    } catch (IOException e) {
      Path target = staged.get(0).target();
      discard();
      throw new UncheckedIOException("cannot write " + target + ": " + AtomicFiles.describe(e), e);
    }
  }

  /** Deletes what was staged and not committed. */
  @Override
  public void close() {
    if (!done) {
      done = true;
      restore();
    }
    discard();
  }

  private void discard() {
    for (Staged s : staged) {
      AtomicFiles.deleteQuietly(s.tmp());
    }
    staged.clear();
  }

  private void restore() {
    if (CURRENT.get() == this) {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }
}
