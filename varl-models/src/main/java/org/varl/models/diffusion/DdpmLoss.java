package org.varl.models.diffusion;

/** The training objectives of DDPM. */
public enum DdpmLoss {
  /** Ho et al.'s L_simple = E_{t, x_0, ε} ‖ε − ε_θ(√ᾱ_t x_0 + √(1 − ᾱ_t) ε, t)‖², t ~ U{1..T}. */
  SIMPLE("simple"),
  /**
   * The true variational bound, by its one-sample unbiased estimate over t (as in VDM, Kingma et
   * al. 2021): T · L_{t−1} for one t ~ U{1..T} per example, plus L_T (see {@link Ddpm}).
   */
  VLB("vlb");

  private final String id;

  DdpmLoss(String id) {
    this.id = id;
  }

  /** The option value. */
  public String id() {
    return id;
  }

  /** The loss named {@code id} (case-insensitive), or a one-line error. */
  public static DdpmLoss parse(String id) {
    for (DdpmLoss l : values()) {
      if (l.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
        return l;
      }
    }
    throw new IllegalArgumentException("loss must be simple or vlb, found " + id);
  }
}
