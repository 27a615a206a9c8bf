package org.varl.models.diffusion;

/** The samplers of a trained DDPM. */
public enum Sampler {
  /** Ho et al.'s Algorithm 2: T steps of p_θ(x_{t−1} | x_t), noise σ_t z except at t = 1. */
  ANCESTRAL("ancestral"),
  /** DDIM with η = 0 (Song, Meng and Ermon 2021): deterministic, any number of steps ≤ T. */
  DDIM("ddim");

  private final String id;

  Sampler(String id) {
    this.id = id;
  }

  /** The option value. */
  public String id() {
    return id;
  }

  /** The sampler named {@code id} (case-insensitive), or a one-line error. */
  public static Sampler parse(String id) {
    for (Sampler s : values()) {
      if (s.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException("sampler must be ancestral or ddim, found " + id);
  }
}
