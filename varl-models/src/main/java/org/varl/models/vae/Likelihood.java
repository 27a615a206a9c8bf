package org.varl.models.vae;

import java.util.Locale;

/** The observation model {@code p_theta(x|z)}, a product over the D coordinates of x. */
public enum Likelihood {
  /**
   * Bernoulli with logits {@code l = decoder(z)}: {@code log p(x|z) = sum_d x_d l_d -
   * softplus(l_d)}; valid for x in [0, 1] (the continuous-Bernoulli normalizer is ignored, as in
   * PyTorch's example).
   */
  BERNOULLI,
  /**
   * Gaussian with mean {@code m = decoder(z)} and a fixed scale s: {@code log p(x|z) = sum_d -(x_d
   * - m_d)^2 / (2 s^2) - log s - log(2 pi) / 2}.
   */
  GAUSSIAN;

  /** Parses {@code bernoulli|gaussian}. */
  public static Likelihood parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "likelihood must be bernoulli or gaussian, found '" + value + "'");
    }
  }

  /** Lower-case name used in configs and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
