package org.varl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class FiniteDifferenceTest {

  /** f(x) = sum_i sin(x_i) x_{i+1} + x_0^3, with its gradient by hand. */
  private static final ToDoubleFunction<double[]> F =
      x -> {
        double s = x[0] * x[0] * x[0];
        for (int i = 0; i + 1 < x.length; i++) {
          s += Math.sin(x[i]) * x[i + 1];
        }
        return s;
      };

  private static double[] gradF(double[] x) {
    double[] g = new double[x.length];
    g[0] = 3 * x[0] * x[0];
    for (int i = 0; i + 1 < x.length; i++) {
      g[i] += Math.cos(x[i]) * x[i + 1];
      g[i + 1] += Math.sin(x[i]);
    }
    return g;
  }

  @Test
  void centralDifferenceOfACubicHasItsKnownTruncationError() {
    // f = x^3: (f(x+h) - f(x-h)) / 2h = 3x^2 + h^2 exactly.
    double[] g = FiniteDifference.centralGradient(x -> x[0] * x[0] * x[0], new double[] {2}, 0.1);
    assertThat(g[0]).isCloseTo(12.01, within(1e-12));
  }

  @Test
  void theRightGradientPassesAndTheInputIsNotModified() {
    double[] x = {0.3, -1.2, 2.0, 0.7};
    double[] copy = x.clone();
    assertThatCode(() -> FiniteDifference.assertGradient(F, x, gradF(x), 1e-5, 1e-7, 1e-9))
        .doesNotThrowAnyException();
    assertThat(x).containsExactly(copy);
  }

  @Test
  void aWrongEntryFailsNamingTheWorstIndex() {
    double[] x = {0.3, -1.2, 2.0, 0.7};
    double[] wrong = gradF(x);
    wrong[1] *= 1.001; // 1e-3 relative: 10x the allowance
    wrong[2] += 5e-5; // smaller relative error
    assertThatThrownBy(() -> FiniteDifference.assertGradient(F, x, wrong, 1e-5, 1e-4, 1e-9))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("gradient[1]: analytic ")
        .hasMessageContaining("central difference");
    double[] nan = gradF(x);
    nan[3] = Double.NaN;
    assertThatThrownBy(() -> FiniteDifference.assertGradient(F, x, nan, 1e-5, 1e-4, 1e-9))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("gradient[3]: analytic NaN");
  }

  @Test
  void aSignErrorIsCaughtEvenAtZeroRelativeTolerance() {
    double[] x = {1.5};
    assertThatThrownBy(
            () ->
                FiniteDifference.assertGradient(
                    v -> v[0] * v[0], x, new double[] {-3}, 1e-5, 0, 1e-6))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void badArgumentsAreTheCallersError() {
    assertThatThrownBy(() -> FiniteDifference.centralGradient(F, new double[] {1, 2}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("h must be finite and > 0, found 0.0");
    assertThatThrownBy(
            () ->
                FiniteDifference.assertGradient(
                    F, new double[] {1, 2}, new double[] {1}, 1e-5, 1e-6, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("analytic gradient has 1 entries, x has 2");
    assertThatThrownBy(
            () ->
                FiniteDifference.assertGradient(
                    F, new double[] {1, 2}, new double[] {1, 2}, 1e-5, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
