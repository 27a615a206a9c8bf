package org.varl.testing;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.IntConsumer;
import org.opentest4j.AssertionFailedError;

/**
 * Native-memory leak checks on DJL managers. An op's result attaches to the manager of its first
 * input, so a temporary made from a long-lived array in a step that is not scoped to a sub-manager
 * stays in the long-lived manager until it closes (STYLE.md, DJL rules). The count used here is
 * {@link NDManager#getManagedArrays()}: the arrays attached to the manager and, recursively, to its
 * open sub-managers, so a sub-manager that a step forgets to close counts with the arrays it holds.
 */
public final class ResourceCounts {

  private ResourceCounts() {}

  /** The arrays alive in {@code manager} and its open sub-managers. */
  public static int arrays(NDManager manager) {
    return manager.getManagedArrays().size();
  }

  /**
   * Runs {@code step.accept(0..steps-1)} and asserts that {@code root} holds as many arrays after
   * every step as before the first: each step must scope its temporaries (e.g. {@code try
   * (NDManager s = root.newSubManager())} with the long-lived arrays temp-attached). Fails at the
   * first step that leaves an array behind, naming it.
   */
  public static void assertFlatOver(NDManager root, int steps, IntConsumer step) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, found " + steps);
    }
    int before = arrays(root);
    for (int i = 0; i < steps; i++) {
      step.accept(i);
      int after = arrays(root);
      if (after != before) {
        throw new AssertionFailedError(
            "the manager held "
                + before
                + " arrays before the first step and "
                + after
                + " after step "
                + i
                + " (of "
                + steps
                + "): the step leaves arrays in it",
            before,
            after);
      }
    }
  }

  /**
   * Asserts that every count read during a run (e.g. at each progress report of a trainer) equals
   * the first; {@code what} says what was counted. Fails naming the first read that differs.
   */
  public static void assertFlat(String what, List<Integer> counts) {
    if (counts.size() < 2) {
      throw new IllegalArgumentException(
          what + ": a flat count needs at least 2 reads, found " + counts.size());
    }
    int first = counts.get(0);
    for (int i = 1; i < counts.size(); i++) {
      if (counts.get(i) != first) {
        throw new AssertionFailedError(
            what
                + ": read "
                + i
                + " of "
                + counts.size()
                + " is "
                + counts.get(i)
                + ", the first was "
                + first
                + " (all reads: "
                + counts
                + ")",
            first,
            counts.get(i));
      }
    }
  }
}
