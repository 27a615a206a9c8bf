package org.varl.models.vae;

/**
 * Callbacks from {@link VaeTrainer} so that a front end can draw progress without the library
 * knowing about it. All methods run on the training thread and default to doing nothing.
 */
public interface TrainingListener {

  /** An epoch starts; it has {@code steps} steps of up to {@code batchSize} examples. */
  default void epochStarted(int epoch, int steps, int examples) {}

  /**
   * Progress within an epoch, reported every few steps (when losses are read back from the engine).
   *
   * @param stepsDone steps finished so far in this epoch
   * @param meanLoss mean training objective per example so far in this epoch
   * @param examplesPerSecond training throughput so far in this epoch
   */
  default void progress(int epoch, int stepsDone, double meanLoss, double examplesPerSecond) {}

  /** An epoch finished, was evaluated and checkpointed. */
  default void epochFinished(EpochMetrics metrics) {}

  /** A listener that ignores everything. */
  static TrainingListener none() {
    return new TrainingListener() {};
  }
}
