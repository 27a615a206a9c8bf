package org.varl.core.bounds;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.varl.core.distributions.Distribution;

/**
 * Log importance weights of the posterior as a proposal:
 *
 * <pre>
 *   log w_k = log p(x | z_k) + log p(z_k) − log q(z_k | x),     z_k ~ q(z | x),  k = 1..K
 * </pre>
 *
 * {@code E_q[w] = p(x)}, so every bound in this package is a function of these weights.
 */
public final class ImportanceWeights {

  private ImportanceWeights() {}

  /**
   * {@code log w}, shape {@code [K, B]}. Draws are reparameterized when the posterior allows it (so the weights carry
   * the pathwise gradient), plain samples otherwise.
   */
  public static NDArray logWeights(NDArray x, Distribution posterior, Distribution prior, Likelihood likelihood,
      int k) {
    return logWeights(x, posterior, prior, likelihood, k, true);
  }

  static NDArray logWeights(NDArray x, Distribution posterior, Distribution prior, Likelihood likelihood, int k,
      boolean reparameterize) {
    if (k < 1) {
      throw new IllegalArgumentException("number of importance samples K must be >= 1, found " + k);
    }
    Shape sampleShape = new Shape(k);
    NDArray z = reparameterize && posterior.hasRsample() ? posterior.rsample(sampleShape) : posterior.sample(sampleShape);
    NDArray logLikelihood = likelihood.given(z).logProb(x);
    return logLikelihood.add(prior.logProb(z)).sub(posterior.logProb(z));
  }
}
