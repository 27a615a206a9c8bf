package org.varl.rl.tabular;

/**
 * Settings of {@link TabularSoftQ}, validated at construction: the temperature alpha of the soft
 * value, the discount gamma and the step sizes.
 *
 * @param temperature alpha, finite and > 0 (the same alpha as {@link
 *     org.varl.control.InfiniteHorizonConfig#temperature()})
 * @param discount gamma in (0, 1): an infinite-horizon discounted problem has a fixed point only
 *     for gamma &lt; 1
 * @param steps the Robbins–Monro step sizes
 */
public record TabularSoftQConfig(double temperature, double discount, PolynomialSteps steps) {

  /** Validates. */
  public TabularSoftQConfig {
    if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature: must be finite and > 0, found " + temperature);
    }
    if (!(discount > 0.0 && discount < 1.0)) {
      throw new IllegalArgumentException(
          "discount: must be in (0, 1) for an infinite-horizon discounted problem, found "
              + discount);
    }
    if (steps == null) {
      throw new IllegalArgumentException("steps: must be given, found null");
    }
  }

  /** alpha and gamma with the default steps ({@link PolynomialSteps#defaults()}). */
  public static TabularSoftQConfig of(double temperature, double discount) {
    return new TabularSoftQConfig(temperature, discount, PolynomialSteps.defaults());
  }
}
