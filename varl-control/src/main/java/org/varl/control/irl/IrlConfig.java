package org.varl.control.irl;

/**
 * MaxEnt IRL settings: temperature alpha of the soft policy, the number of ascent iterations and
 * the initial learning rate (the step adapts: x1.25 after an accepted step, x0.5 after a step that
 * lowered the objective).
 */
public record IrlConfig(double temperature, int iterations, double learningRate) {
  public IrlConfig {
    if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature: must be finite and > 0, found " + temperature);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations: must be >= 1, found " + iterations);
    }
    if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("lr: must be finite and > 0, found " + learningRate);
    }
  }

  /** alpha = 1, 200 iterations, learning rate 1. */
  public static IrlConfig defaults() {
    return new IrlConfig(1.0, 200, 1.0);
  }
}
