package org.varl.core.bounds;

/** How the ELBO's {@code KL(q ‖ p)} term is computed. */
public enum KlTerm {
  /**
   * The registered closed form, {@link org.varl.core.kl.Kl#divergence}: lower variance where it
   * exists.
   */
  ANALYTIC,
  /** {@code (1/S) Σ_s [log q(z_s) − log p(z_s)]} on the same draws as the reconstruction term. */
  MONTE_CARLO
}
