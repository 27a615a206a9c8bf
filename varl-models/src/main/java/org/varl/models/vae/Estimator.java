package org.varl.models.vae;

import java.util.Locale;

/** How the gradient of the training objective is estimated. */
public enum Estimator {
  /** Reparameterization {@code z = mu + sigma * eps}, analytic KL (Kingma and Welling 2014). */
  PATHWISE,
  /**
   * Score function (REINFORCE) for the reconstruction term, {@code grad E_q[f] = E_q[f grad log
   * q]}, with a leave-one-out batch baseline; the KL stays analytic.
   */
  SCORE,
  /**
   * The importance-weighted bound with K samples (Burda, Grosse and Salakhutdinov, ICLR 2016),
   * pathwise.
   */
  IWAE;

  /** Parses {@code pathwise|score|iwae}. */
  public static Estimator parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "estimator must be pathwise, score or iwae, found '" + value + "'");
    }
  }

  /** Lower-case name used in configs and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
