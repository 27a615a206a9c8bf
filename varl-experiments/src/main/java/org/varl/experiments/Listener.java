package org.varl.experiments;

/**
 * What an experiment tells its caller while it runs: the stages it enters, each with its amount of
 * work in units the experiment chooses (optimization steps, sampled trajectories, ...), and the
 * units done. The CLI draws a progress bar with ETA from these calls; tests pass {@link #NONE}.
 * Calls come from the thread that called {@code run}.
 */
public interface Listener {

  /** Ignores everything. */
  Listener NONE = new Listener() {};

  /**
   * A stage begins.
   *
   * @param name a short description, shown next to the bar ("fit: amortized q")
   * @param totalUnits the stage's work, or 0 when unknown
   */
  default void stage(String name, long totalUnits) {}

  /** {@code units} more units of the current stage are done. */
  default void advance(long units) {}
}
