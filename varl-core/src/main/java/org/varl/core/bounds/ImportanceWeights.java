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
   * {@code log w}, shape {@code [K, B]}, from reparameterized draws, so the weights carry the
   * pathwise gradient (the IWAE estimator of Burda et al.).
   *
   * @throws UnsupportedOperationException if the posterior has no {@code rsample}: plain draws
   *     would leave out the score term {@code ∇ log q(z_k)} and bias the gradient without any sign.
   *     Use the score-function estimator for such a posterior, or {@link LogMarginal#estimate} for
   *     a value without gradient.
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public static NDArray logWeights(
      NDArray x, Distribution posterior, Distribution prior, Likelihood likelihood, int k) {
    if (!posterior.hasRsample()) {
      String simple = posterior.getClass().getSimpleName();
      String named = posterior.toString().startsWith(simple) ? posterior.toString() : simple;
      throw new UnsupportedOperationException(
          "importance weights with a gradient need a reparameterized posterior, "
              + "but "
              + named
              + " has no reparameterized sampler (rsample), and plain draws would silently bias the "
              + "gradient; use the score-function estimator (org.varl.core.estimators.ScoreFunctionEstimator) with "
              + "the weights as its signal, or LogMarginal.estimate for a value without gradient");
    }
    return logWeights(x, posterior, prior, likelihood, k, true);
  }

  /**
   * As above; with {@code reparameterize} false the draws are plain samples (for gradient-free
   * evaluation).
   */
  static NDArray logWeights(
      NDArray x,
      Distribution posterior,
      Distribution prior,
      Likelihood likelihood,
      int k,
      boolean reparameterize) {
    if (k < 1) {
      throw new IllegalArgumentException("number of importance samples K must be >= 1, found " + k);
    }
    Shape sampleShape = new Shape(k);
    NDArray z = reparameterize ? posterior.rsample(sampleShape) : posterior.sample(sampleShape);
    NDArray logLikelihood = likelihood.given(z).logProb(x);
    return logLikelihood.add(prior.logProb(z)).sub(posterior.logProb(z));
  }
}
