package org.varl.models.ssm;

import java.util.Locale;

/**
 * The decoder's observation model p(x_t | z_t).
 *
 * <ul>
 *   <li>{@link #GAUSSIAN}: N(f_d(features_t), diag σ_x²) with σ_x learned per dimension (real
 *       vectors: the linear-Gaussian reference).
 *   <li>{@link #BERNOULLI}: Π_j Bernoulli(x_tj; σ(l_tj)), l = f_d(features_t) the logits, log p =
 *       Σ_j x_j l_j − softplus(l_j): grey frames in [0, 1] as in the VAE of wave 1 (a Gaussian with
 *       a learned σ per pixel would let the never-lit border pixels drive their σ to 0 and the
 *       likelihood to +∞).
 * </ul>
 */
public enum SsmLikelihood {
  GAUSSIAN,
  BERNOULLI;

  /** The option value: {@code gaussian} or {@code bernoulli}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the value and the choices
   */
  public static SsmLikelihood parse(String id) {
    for (SsmLikelihood e : values()) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "likelihood must be gaussian or bernoulli, found '" + id + "'");
  }
}
