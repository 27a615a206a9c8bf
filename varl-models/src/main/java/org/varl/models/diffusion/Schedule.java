package org.varl.models.diffusion;

/** The named β schedules of {@link NoiseSchedule}. */
public enum Schedule {
  /** β linear from 1e-4 to 0.02 (Ho et al. 2020, at T = 1000). */
  LINEAR("linear"),
  /**
   * ᾱ_t = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s) · π/2), s = 0.008 (Nichol and Dhariwal 2021).
   */
  COSINE("cosine");

  private final String id;

  Schedule(String id) {
    this.id = id;
  }

  /** The option value. */
  public String id() {
    return id;
  }

  /** The schedule named {@code id} (case-insensitive), or a one-line error listing the names. */
  public static Schedule parse(String id) {
    for (Schedule s : values()) {
      if (s.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException("schedule must be linear or cosine, found " + id);
  }
}
