package org.varl.core.bounds;

import ai.djl.ndarray.NDArray;
import org.varl.core.distributions.Distribution;
import org.varl.core.numerics.StableMath;

/**
 * The importance-weighted bound (Burda, Grosse and Salakhutdinov 2016, eq. 8):
 *
 * <pre>
 *   L_K(x) = E[ log (1/K) Σ_k w_k ] = E[ logMeanExp_k log w_k ],   w_k = p(x, z_k) / q(z_k | x)
 *   ELBO = L_1 ≤ L_K ≤ L_{K+1} ≤ log p(x)          (Burda et al., theorem 1)
 * </pre>
 *
 * Computed with a max-shifted log-sum-exp, so it is finite even when every {@code log w_k} is
 * around −10⁴.
 */
public final class Iwae {

  private Iwae() {}

  /**
   * {@code L_K} per example, shape {@code [B]}, with the pathwise gradient.
   *
   * @throws UnsupportedOperationException if the posterior has no {@code rsample} (see {@link
   *     ImportanceWeights#logWeights})
   */
  public static NDArray bound(
      NDArray x, Distribution posterior, Distribution prior, Likelihood likelihood, int k) {
    return fromLogWeights(ImportanceWeights.logWeights(x, posterior, prior, likelihood, k));
  }

  /** {@code logMeanExp} over axis 0 of log weights of shape {@code [K, B]}, giving {@code [B]}. */
  public static NDArray fromLogWeights(NDArray logWeights) {
    return StableMath.logMeanExp(logWeights, 0, false);
  }
}
