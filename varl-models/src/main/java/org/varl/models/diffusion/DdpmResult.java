package org.varl.models.diffusion;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished DDPM training run.
 *
 * @param config the run (with the final step count)
 * @param out the run directory
 * @param history the rows of {@code metrics.csv}
 * @param finalLossEma the exponential moving average of the training loss (decay 0.99, the peer's
 *     {@code final_loss})
 * @param stepsPerSecond training steps per second of this invocation (resumed steps only)
 * @param trainSeconds training seconds of this invocation
 */
public record DdpmResult(
    DdpmConfig config,
    Path out,
    List<MetricsRow> history,
    double finalLossEma,
    double stepsPerSecond,
    double trainSeconds) {

  /** Copies the history. */
  public DdpmResult {
    history = List.copyOf(history);
  }
}
