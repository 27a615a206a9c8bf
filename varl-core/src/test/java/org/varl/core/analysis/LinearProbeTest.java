package org.varl.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.varl.testing.FiniteDifference;

class LinearProbeTest {

  private static double[][] features(int n, int d, SplittableRandom r) {
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return x;
  }

  /** y_i = a . x_i + b + sigma e_i, e_i ~ N(0, 1). */
  private static double[] linear(
      double[][] x, double[] a, double b, double sigma, SplittableRandom r) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = b + dot(a, x[i]) + sigma * r.nextGaussian();
    }
    return y;
  }

  @Test
  void exactLinearTargetHasRSquaredOneAndItsCoefficients() {
    SplittableRandom r = new SplittableRandom(1);
    double[][] train = features(200, 4, r);
    double[][] test = features(100, 4, r);
    double[] w = {0.5, -2, 0, 3};
    LinearProbe probe = LinearProbe.fit(train, linear(train, w, 7, 0, r));
    assertThat(probe.r2(test, linear(test, w, 7, 0, r))).isCloseTo(1.0, within(1e-12));
    assertThat(probe.coefficients()[0]).containsExactly(w, within(1e-12));
    assertThat(probe.intercepts()).containsExactly(new double[] {7}, within(1e-12));
  }

  @Test
  void noiseOfKnownVarianceGivesTheTheoreticalRSquaredAndTheCoefficients() {
    // z ~ N(0, I_3), y = a.z + b + e with Var e = 1: Var y = |a|^2 + 1 = 6.25, so R^2 -> 1 - 1/6.25
    // = 0.84.
    SplittableRandom r = new SplittableRandom(2);
    int n = 5000;
    double[] a = {1, -2, 0.5};
    double[][] train = features(n, 3, r);
    double[][] test = features(n, 3, r);
    LinearProbe probe = LinearProbe.fit(train, linear(train, a, 3, 1, r));
    // Delta method for 1 - SSE/SST on n test rows: sd = (1 - R^2) sqrt(3.36 / n) = 0.0041 (SSE and
    // SST share the
    // noise: Var = 2/1 + 2/1 - 2 * 2/6.25 per row, relative); estimating w adds ~p/n = 6e-4. Allow
    // 0.02 (5 sd).
    assertThat(probe.r2(test, linear(test, a, 3, 1, r))).isCloseTo(0.84, within(0.02));
    // Each coefficient and the intercept have standard error sigma / sqrt(n) = 0.014 here: allow 5
    // of them.
    assertThat(probe.coefficients()[0]).containsExactly(a, within(0.07));
    assertThat(probe.intercepts()[0]).isCloseTo(3, within(0.07));

    // y = z_0 + e with Var z_0 = Var e = 1: the best linear predictor explains half the variance.
    double[] half = {1, 0, 0};
    assertThat(
            LinearProbe.fit(train, linear(train, half, 0, 1, r))
                .r2(test, linear(test, half, 0, 1, r)))
        .isCloseTo(0.5, within(0.03));
  }

  @Test
  void unrelatedTargetHasRSquaredNearZero() {
    SplittableRandom r = new SplittableRandom(3);
    double[][] train = features(5000, 3, r);
    double[][] test = features(5000, 3, r);
    double[] none = {0, 0, 0};
    // E R^2 ~ -(p + 1)/n = -8e-4: the probe cannot beat the test mean on noise.
    assertThat(
            LinearProbe.fit(train, linear(train, none, 2, 1, r))
                .r2(test, linear(test, none, 2, 1, r)))
        .isBetween(-0.01, 0.01);
  }

  @Test
  void theFitSatisfiesTheNormalEquations() {
    // At the least-squares solution the gradient of SSE(w, b) is 0; a coefficient off by 1e-6 gives
    // a gradient
    // of 2 n Var(z) 1e-6 = 0.004, far above the allowance, so the check is sharper than "close to
    // the truth".
    SplittableRandom r = new SplittableRandom(4);
    double[][] x = features(2000, 3, r);
    double[] y = linear(x, new double[] {0.3, 1, -1}, -0.5, 0.7, r);
    LinearProbe probe = LinearProbe.fit(x, y);
    ToDoubleFunction<double[]> sse =
        theta -> {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double e =
                y[i] - theta[3] - theta[0] * x[i][0] - theta[1] * x[i][1] - theta[2] * x[i][2];
            s += e * e;
          }
          return s;
        };
    double[] w = probe.coefficients()[0];
    double[] theta = {w[0], w[1], w[2], probe.intercepts()[0]};
    FiniteDifference.assertGradient(sse, theta, new double[4], 1e-3, 0, 1e-5);
    double[] off = theta.clone();
    off[1] += 1e-6;
    assertThatThrownBy(
            () -> FiniteDifference.assertGradient(sse, off, new double[4], 1e-3, 0, 1e-5))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("gradient[1]");
  }

  @Test
  void deadAndDuplicatedLatentDimensionsGetTheMinimumNormSolution() {
    SplittableRandom r = new SplittableRandom(3);
    double[][] x = features(100, 4, r);
    double[] y = new double[100];
    for (int i = 0; i < 100; i++) {
      x[i][2] =
          0.1; // a collapsed latent: constant column, singular design without the pseudo-inverse
      x[i][3] = x[i][0]; // a copy of dimension 0: the weight 2 is shared equally
      y[i] = 2 * x[i][0] - x[i][1] + 4;
    }
    LinearProbe probe = LinearProbe.fit(x, y);
    assertThat(probe.r2(x, y)).isCloseTo(1.0, within(1e-12));
    assertThat(probe.coefficients()[0]).containsExactly(new double[] {1, -1, 0, 1}, within(1e-12));
    assertThat(probe.intercepts()[0]).isCloseTo(4, within(1e-12));
  }

  @Test
  void severalOutputsAtOnceEqualSeparateFits() {
    SplittableRandom r = new SplittableRandom(5);
    double[][] train = features(300, 3, r);
    double[][] test = features(200, 3, r);
    double[][] yTrain = new double[300][];
    double[][] yTest = new double[200][];
    double[] a = {1, 0, -1};
    double[] c = {0, 2, 0.5};
    double[] t0 = linear(train, a, 1, 0.5, r);
    double[] t1 = linear(train, c, -2, 2, r);
    double[] s0 = linear(test, a, 1, 0.5, r);
    double[] s1 = linear(test, c, -2, 2, r);
    for (int i = 0; i < 300; i++) {
      yTrain[i] = new double[] {t0[i], t1[i]};
    }
    for (int i = 0; i < 200; i++) {
      yTest[i] = new double[] {s0[i], s1[i]};
    }
    LinearProbe both = LinearProbe.fit(train, yTrain);
    assertThat(both.outputs()).isEqualTo(2);
    assertThat(both.features()).isEqualTo(3);
    LinearProbe first = LinearProbe.fit(train, t0);
    LinearProbe second = LinearProbe.fit(train, t1);
    assertThat(both.coefficients()[0]).containsExactly(first.coefficients()[0], within(1e-12));
    assertThat(both.coefficients()[1]).containsExactly(second.coefficients()[0], within(1e-12));
    assertThat(both.r2(test, yTest))
        .containsExactly(new double[] {first.r2(test, s0), second.r2(test, s1)}, within(1e-12));
  }

  @Test
  void aConstantTestTargetScoresOneOnlyWhenPredictedExactly() {
    double[][] x = {{0}, {0}, {0}};
    LinearProbe probe = new LinearProbe(new double[][] {{2}}, new double[] {5});
    assertThat(probe.r2(x, new double[] {5, 5, 5})).isEqualTo(1.0);
    assertThat(probe.r2(x, new double[] {4, 4, 4})).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void badInputsAreNamed() {
    double[][] x = {{1, 2}, {3, 4}, {5, 7}};
    assertThatThrownBy(() -> LinearProbe.fit(x, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a probe needs one target row per feature row: 3 train feature rows vs 2 target rows");
    assertThatThrownBy(() -> LinearProbe.fit(new double[][] {{1}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("train features needs at least 2 rows, found 1");
    assertThatThrownBy(() -> LinearProbe.fit(x, new double[] {1, Double.NaN, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("train targets must be finite, found NaN at [1, 0]");
    LinearProbe probe = LinearProbe.fit(x, new double[] {1, 2, 4});
    assertThatThrownBy(() -> probe.r2(new double[][] {{1, 2, 3}, {1, 2, 3}}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("features have 3 columns, the probe was fitted on 2");
    assertThatThrownBy(() -> probe.r2(x, new double[][] {{1, 1}, {2, 2}, {3, 3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("test targets have 2 columns, the probe has 1 outputs");
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
