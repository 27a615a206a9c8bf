package org.varl.control;

/**
 * Finite-horizon inference settings: horizon T >= 1 (t = 0..T-1, V_T = 0), temperature alpha > 0,
 * the backup, and the discount gamma in (0, 1] used as Q_t = r~ + gamma B[V_{t+1}].
 */
public record InferenceConfig(int horizon, double temperature, Backup backup, double discount) {
  public InferenceConfig {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon: must be >= 1, found " + horizon);
    }
    checkTemperature(temperature);
    if (backup == null) {
      throw new IllegalArgumentException("backup: expected exact or maxent, found null");
    }
    checkDiscount(discount);
  }

  /** T, alpha = 1, exact backup, gamma = 1. */
  public static InferenceConfig of(int horizon) {
    return new InferenceConfig(horizon, 1.0, Backup.EXACT, 1.0);
  }

  public InferenceConfig withTemperature(double alpha) {
    return new InferenceConfig(horizon, alpha, backup, discount);
  }

  public InferenceConfig withBackup(Backup b) {
    return new InferenceConfig(horizon, temperature, b, discount);
  }

  public InferenceConfig withDiscount(double gamma) {
    return new InferenceConfig(horizon, temperature, backup, gamma);
  }

  /**
   * The smallest temperature accepted: below it 1/alpha overflows for rewards of order 1e8 and
   * alpha itself loses precision near the subnormals (alpha = 1e-320 gave NaN marginals). Whether a
   * temperature above it is small enough to overflow the exponents depends on the rewards and is
   * checked at solve time ({@link NumericRange}).
   */
  public static final double MIN_TEMPERATURE = 1e-300;

  static void checkTemperature(double temperature) {
    if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature: must be finite and > 0, found " + temperature);
    }
    if (temperature < MIN_TEMPERATURE) {
      throw new IllegalArgumentException(
          "temperature: "
              + temperature
              + " is below the representable range (minimum "
              + MIN_TEMPERATURE
              + ")");
    }
  }

  static void checkDiscount(double discount) {
    if (!(discount > 0.0 && discount <= 1.0)) {
      throw new IllegalArgumentException("discount: must be in (0, 1], found " + discount);
    }
  }
}
