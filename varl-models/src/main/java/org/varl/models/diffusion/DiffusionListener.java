package org.varl.models.diffusion;

/** What a diffusion or flow trainer reports while it runs (from the training thread). */
public interface DiffusionListener {

  /** Ignores everything. */
  DiffusionListener NONE = new DiffusionListener() {};

  /** Training starts at {@code firstStep} (0, or the resumed step) of {@code totalSteps}. */
  default void started(long firstStep, long totalSteps) {}

  /**
   * {@code step} steps are done; {@code loss} is the mean over the last interval and {@code
   * stepsPerSecond} its speed.
   */
  default void progress(long step, double loss, double stepsPerSecond) {}
}
