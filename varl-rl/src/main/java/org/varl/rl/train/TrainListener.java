package org.varl.rl.train;

/**
 * What {@link OffPolicyTrainer} tells its caller while it runs (the CLI draws a progress bar with
 * steps/s, the last return and an ETA); calls come from the training thread. Tests pass {@link
 * #NONE}.
 */
public interface TrainListener {

  /** Ignores everything. */
  TrainListener NONE = new TrainListener() {};

  /** Training runs from step {@code fromStep} (0, or the resumed step) to {@code totalSteps}. */
  default void started(long fromStep, long totalSteps) {}

  /**
   * Progress after environment step {@code step} (1-based), every few hundred steps.
   *
   * @param stepsPerSecond environment steps per second since the (re)start
   * @param lastReturn the return of the last finished training episode (NaN before the first)
   */
  default void progress(long step, double stepsPerSecond, double lastReturn) {}

  /** A metrics row was added: a finished training episode or an evaluation. */
  default void row(MetricsRow row) {}

  /** Training is over (also after a divergence). */
  default void finished() {}
}
