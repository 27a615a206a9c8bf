package org.varl.experiments.vi;

import java.util.List;

/**
 * What {@link AmortizationExperiment} measured.
 *
 * @param global one q(z) shared by all points
 * @param perPoint a separate q_i(z) per point (non-amortized VI)
 * @param amortized the encoder q_φ(z | x)
 * @param amortizationGap {@code perPoint.elbo − amortized.elbo} (Cremer, Li and Duvenaud 2018)
 * @param logMarginal importance-sampled {@code (1/N) Σ log p(x_i)} with the per-point q_i as
 *     proposal (NaN if skipped): the ceiling of every ELBO, so {@code logMarginal − perPoint.elbo}
 *     is the approximation gap
 * @param curveSteps the steps at which the training curves were recorded
 * @param seconds wall time of the run
 */
public record AmortizationResult(
    Fit global,
    Fit perPoint,
    Fit amortized,
    double amortizationGap,
    double logMarginal,
    List<Integer> curveSteps,
    double seconds) {

  /**
   * One fit.
   *
   * @param elbo final ELBO per data point, averaged over the data (nats), from {@code evalSamples}
   *     draws
   * @param parameters number of variational parameters
   * @param curve training ELBO (one draw per point, averaged over the data) at {@code curveSteps}
   */
  public record Fit(String name, double elbo, long parameters, List<Double> curve) {}
}
