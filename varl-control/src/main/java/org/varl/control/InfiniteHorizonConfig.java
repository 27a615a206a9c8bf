package org.varl.control;

/**
 * Infinite-horizon discounted soft value iteration settings: temperature alpha > 0, backup,
 * discount gamma in (0, 1) (gamma = 1 has no fixed point in general), stopping when max_s |V_new(s)
 * - V(s)| <= tolerance or after maxIterations sweeps.
 */
public record InfiniteHorizonConfig(
    double temperature, Backup backup, double discount, double tolerance, int maxIterations) {
  public InfiniteHorizonConfig {
    InferenceConfig.checkTemperature(temperature);
    if (backup == null) {
      throw new IllegalArgumentException("backup: expected exact or maxent, found null");
    }
    InferenceConfig.checkDiscount(discount);
    if (discount == 1.0) {
      throw new IllegalArgumentException("discount: horizon inf needs discount < 1, found 1.0");
    }
    checkStopping(tolerance, maxIterations);
  }

  /**
   * The stopping rule's checks, also for callers that take the options without iterating (a
   * finite-horizon solve still rejects a bad {@code --tolerance}): tolerance finite and > 0 (an
   * infinite tolerance would stop at once and report convergence), maxIterations >= 1.
   */
  public static void checkStopping(double tolerance, int maxIterations) {
    if (!(tolerance > 0.0 && tolerance < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("tolerance: must be finite and > 0, found " + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations: must be >= 1, found " + maxIterations);
    }
  }

  /** Tolerance 1e-10 and at most 1,000,000 sweeps. */
  public static InfiniteHorizonConfig of(double temperature, Backup backup, double discount) {
    return new InfiniteHorizonConfig(temperature, backup, discount, 1e-10, 1_000_000);
  }
}
