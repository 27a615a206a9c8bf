package org.varl.models.vae;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param config the run's full configuration (as stored in the checkpoint)
 * @param history one row per finished epoch, including epochs finished before a resume
 * @param out the run directory
 * @param gradientPath {@code "analytic"} (hand-derived backward, {@link MlpBernoulliStep}) or
 *     {@code "autograd"}
 */
public record TrainResult(
    RunConfig config, List<EpochMetrics> history, Path out, String gradientPath) {

  /** The last epoch's metrics. */
  public EpochMetrics last() {
    return history.get(history.size() - 1);
  }
}
