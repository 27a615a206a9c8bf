package org.varl.models.diffusion;

/**
 * The fixed variance σ_t² of the decoder p_θ(x_{t−1} | x_t) = N(μ_θ(x_t, t), σ_t² I): Ho et al.
 * (2020, section 3.2) found both choices to give similar samples; they are the upper and lower
 * bounds on the reverse variance for data that is a point mass or N(0, I).
 */
public enum DecoderVariance {
  /** σ_t² = β_t (Ho's {@code fixedlarge}; the peer's sampler). */
  BETA("beta"),
  /** σ_t² = β̃_t, the posterior variance, clipped at t = 1 (Ho's {@code fixedsmall}). */
  POSTERIOR("posterior");

  private final String id;

  DecoderVariance(String id) {
    this.id = id;
  }

  /** The option value. */
  public String id() {
    return id;
  }

  /** The choice named {@code id} (case-insensitive), or a one-line error. */
  public static DecoderVariance parse(String id) {
    for (DecoderVariance v : values()) {
      if (v.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
        return v;
      }
    }
    throw new IllegalArgumentException("variance must be beta or posterior, found " + id);
  }
}
