package org.varl.core.bounds;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.varl.core.distributions.Distribution;
import org.varl.core.kl.Kl;

/**
 * The evidence lower bound (Kingma and Welling 2014, eq. 3; lecture: "the variational lower
 * bound"):
 *
 * <pre>
 *   log p(x) ≥ ELBO(x) = E_{q(z|x)}[log p(x | z)] − KL(q(z | x) ‖ p(z))
 *                      ≈ (1/S) Σ_s log p(x | z_s) − KL,      z_s ~ q(z | x)
 * </pre>
 *
 * <p>The draws are reparameterized ({@code rsample}) when the posterior allows it, so the result
 * carries the pathwise gradient. For a posterior without {@code rsample} the draws are plain
 * samples: the value is still an unbiased ELBO estimate, but its gradient with respect to q's
 * parameters is not the ELBO's; use {@link org.varl.core.estimators.ScoreFunctionEstimator} for
 * that.
 */
public final class Elbo {

  private Elbo() {}

  /**
   * The ELBO per example.
   *
   * @param x data, shape {@code [B, …]}
   * @param posterior {@code q(z | x)}, batch shape {@code [B]}
   * @param prior {@code p(z)}, batch shape broadcastable to {@code [B]} (e.g. {@code ()}), same
   *     event shape
   * @param likelihood the decoder {@code z ↦ p(x | z)}
   * @param numSamples S ≥ 1 draws per example
   * @param klTerm analytic (closed-form) or Monte Carlo KL
   */
  public static ElboTerms estimate(
      NDArray x,
      Distribution posterior,
      Distribution prior,
      Likelihood likelihood,
      int numSamples,
      KlTerm klTerm) {
    if (numSamples < 1) {
      throw new IllegalArgumentException("numSamples must be >= 1, found " + numSamples);
    }
    Shape sampleShape = new Shape(numSamples);
    NDArray z =
        posterior.hasRsample() ? posterior.rsample(sampleShape) : posterior.sample(sampleShape);
    NDArray logLikelihood = likelihood.given(z).logProb(x); // [S, B]
    NDArray reconstruction = logLikelihood.mean(new int[] {0});
    NDArray kl =
        klTerm == KlTerm.ANALYTIC
            ? Kl.divergence(posterior, prior)
            : posterior.logProb(z).sub(prior.logProb(z)).mean(new int[] {0});
    return new ElboTerms(reconstruction.sub(kl), reconstruction, kl);
  }
}
