package org.varl.experiments.vae;

import org.varl.models.vae.EvalResult;
import org.varl.models.vae.TrainResult;

/**
 * What {@link VaeExperiment} measured.
 *
 * @param trained the training run: per-epoch history, the gradient path, the run directory
 * @param eval the trained model's test −ELBO, importance-sampled log p(x) and linear-probe R² per
 *     factor
 */
public record VaeExperimentResult(TrainResult trained, EvalResult eval) {

  /**
   * {@code log p(x) − ELBO} on the same test sprites: an estimate of the average KL(q(z|x) ‖
   * p(z|x)).
   */
  public double boundGap() {
    return eval.logLikelihood() - eval.elboOnSameExamples();
  }
}
