package org.varl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MonteCarloTest {

  private static double[] normal(long seed, int n, double mean, double sd) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = mean + sd * r.nextGaussian();
    }
    return x;
  }

  @Test
  void meanAndStandardErrorMatchTheirDefinitions() {
    double[] x = {1, 2, 3, 6};
    // mean 3; squared deviations 4, 1, 0, 9 sum to 14; s^2 = 14/3; SE = sqrt(14/3/4).
    assertThat(MonteCarlo.mean(x)).isEqualTo(3.0);
    assertThat(MonteCarlo.standardError(x)).isCloseTo(Math.sqrt(14.0 / 12), within(1e-15));
  }

  @Test
  void standardErrorOfManyDrawsIsSigmaOverRootN() {
    // sd 2, n = 10000: SE = 0.02; the sample sd has relative error ~1/sqrt(2n) = 0.7%, allow 3%.
    assertThat(MonteCarlo.standardError(normal(1, 10_000, 5, 2))).isCloseTo(0.02, within(0.0006));
  }

  @Test
  void aCorrectMeanPassesAndAWrongOneFailsWithTheNumbers() {
    double[] x = normal(2, 10_000, 1.0, 1.0); // SE 0.01
    double mean = MonteCarlo.mean(x);
    assertThatCode(() -> MonteCarlo.assertMeanWithin(x, 1.0, 4)).doesNotThrowAnyException();
    // 10 standard errors away fails, and the message gives the mean, the SE, the expected value and
    // k.
    assertThatThrownBy(() -> MonteCarlo.assertMeanWithin(x, 1.1, 4))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("mean: " + String.format("%.6g", mean))
        .hasMessageContaining("from the expected 1.10000")
        .hasMessageContaining("n = 10000 draws")
        .hasMessageContaining("allowed: 4.0 SE + 0.0");
    // The tolerance is exactly k SE: just inside passes, just outside fails.
    double se = MonteCarlo.standardError(x);
    assertThatCode(() -> MonteCarlo.assertMeanWithin(x, mean + 2.99 * se, 3))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> MonteCarlo.assertMeanWithin(x, mean + 3.01 * se, 3))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void theFloorCoversADegenerateSampleAndNothingMore() {
    double[] constant = {0.5, 0.5, 0.5, 0.5};
    assertThatThrownBy(() -> MonteCarlo.assertMeanWithin(constant, 0.5001, 5))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SE 0.00");
    assertThatCode(() -> MonteCarlo.assertMeanWithin(constant, 0.5001, 5, 1e-3))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> MonteCarlo.assertMeanWithin(constant, 0.502, 5, 1e-3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SE + 0.001");
  }

  @Test
  void aNonFiniteDrawOrExpectedValueFails() {
    double[] x = {1, 2, Double.NaN, 3};
    assertThatThrownBy(() -> MonteCarlo.assertMeanWithin("grad[2]", x, 2, 5, 1))
        .isInstanceOf(AssertionError.class)
        .hasMessage("grad[2]: draw 2 of 4 is NaN");
    assertThatThrownBy(() -> MonteCarlo.assertMeanWithin(new double[] {1, 2}, Double.NaN, 5, 1))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void twoSamplesOfOneDistributionAgreeAndOfShiftedOnesDoNot() {
    double[] a = normal(3, 5000, 0, 1);
    double[] b = normal(4, 5000, 0, 1);
    double[] shifted = normal(5, 5000, 0.2, 1); // 0.2 / (sqrt(2) * 0.0141) = 10 standard errors
    assertThatCode(() -> MonteCarlo.assertMeansAgree("same", a, b, 4, 0))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> MonteCarlo.assertMeansAgree("shifted", a, shifted, 4, 0))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("shifted: means ")
        .hasMessageContaining("n = 5000 and 5000");
  }

  @Test
  void badArgumentsAreTheCallersError() {
    double[] x = {1, 2, 3};
    assertThatThrownBy(() -> MonteCarlo.assertMeanWithin(x, 2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k (standard errors allowed) must be finite and > 0, found 0.0");
    assertThatThrownBy(() -> MonteCarlo.assertMeanWithin(x, 2, 3, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("floor must be finite and >= 0, found -1.0");
    assertThatThrownBy(() -> MonteCarlo.standardError(new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a standard error needs at least 2 samples, found 1");
  }
}
