package org.varl.rl.imitation.eval;

/**
 * How a latent-variable policy chooses z at test time (issue 12's {@code --z} option of
 * evaluation), z = μ_p(s) + σ_p(s) ⊙ ε from the prior p(z | s).
 */
public enum LatentChoice {
  /**
   * ε ~ N(0, I) drawn once per episode at the start state and z held: the policy commits to a mode.
   */
  PER_EPISODE,
  /** A fresh ε ~ N(0, I) and z at every step: the policy may switch modes mid-way. */
  PER_STEP,
  /** ε = 0, z the prior mean at the current state (ACT's choice): deterministic. */
  ZERO;

  /** The command-line name: {@code per-episode}, {@code per-step}, {@code zero}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * The choice named {@code id}; anything else is an IllegalArgumentException listing the names.
   */
  public static LatentChoice parse(String id) {
    for (LatentChoice c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "z must be one of per-episode, per-step, zero, found '" + id + "'");
  }
}
