package org.varl.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The forward process's closed forms against iteration, Bayes' rule and Monte Carlo. */
class NoiseScheduleTest {

  @Test
  void marginalMomentsEqualIteratingTheForwardKernel() {
    for (NoiseSchedule s :
        new NoiseSchedule[] {NoiseSchedule.of(Schedule.LINEAR, 1000), NoiseSchedule.cosine(50)}) {
      // x_t = √α_t x_{t−1} + √β_t ε: the mean coefficient multiplies by √α_t, the variance maps
      // v ↦ α_t v + β_t from v_0 = 0.
      double coef = 1;
      double var = 0;
      for (int t = 1; t <= s.steps(); t++) {
        coef *= Math.sqrt(s.alpha(t));
        var = s.alpha(t) * var + s.beta(t);
        assertThat(Math.sqrt(s.alphaBar(t))).isCloseTo(coef, within(1e-12));
        assertThat(1 - s.alphaBar(t)).isCloseTo(var, within(1e-12));
      }
    }
  }

  @Test
  void marginalMatchesSimulatedChainsByMonteCarlo() {
    NoiseSchedule s = NoiseSchedule.linear(40, 0.01, 0.1);
    SplittableRandom r = new SplittableRandom(7);
    int n = 40000;
    double x0 = 1.5;
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double x = x0;
      for (int t = 1; t <= 40; t++) {
        x = Math.sqrt(s.alpha(t)) * x + Math.sqrt(s.beta(t)) * r.nextGaussian();
      }
      sum += x;
      sq += x * x;
    }
    double mean = sum / n;
    double var = sq / n - mean * mean;
    double v = 1 - s.alphaBar(40);
    assertThat(mean).isCloseTo(Math.sqrt(s.alphaBar(40)) * x0, within(4 * Math.sqrt(v / n)));
    assertThat(var).isCloseTo(v, within(4 * v * Math.sqrt(2.0 / n)));
  }

  @Test
  void posteriorIsBayesRuleOnTheTwoGaussians() {
    NoiseSchedule s = NoiseSchedule.of(Schedule.COSINE, 200);
    for (int t = 2; t <= 200; t += 17) {
      // Prior x_{t−1} | x_0 ~ N(√ᾱ_{t−1} x_0, 1 − ᾱ_{t−1}); likelihood x_t | x_{t−1} ~ N(√α_t
      // x_{t−1}, β_t).
      double priorVar = 1 - s.alphaBar(t - 1);
      double precision = 1 / priorVar + s.alpha(t) / s.beta(t);
      double var = 1 / precision;
      double coefX0 = var * Math.sqrt(s.alphaBar(t - 1)) / priorVar;
      double coefXt = var * Math.sqrt(s.alpha(t)) / s.beta(t);
      assertThat(s.posteriorVariance(t)).isCloseTo(var, within(1e-12 + 1e-9 * var));
      assertThat(s.posteriorMeanCoef1(t)).isCloseTo(coefX0, within(1e-9));
      assertThat(s.posteriorMeanCoef2(t)).isCloseTo(coefXt, within(1e-9));
    }
    assertThat(s.posteriorVariance(1)).isEqualTo(0.0);
    assertThat(s.posteriorVarianceClipped(1)).isEqualTo(s.posteriorVariance(2));
  }

  @Test
  void posteriorMatchesMonteCarloRegressionOfXtMinusOneOnXt() {
    NoiseSchedule s = NoiseSchedule.linear(10, 0.05, 0.3);
    int t = 6;
    double x0 = -0.7;
    SplittableRandom r = new SplittableRandom(11);
    int n = 200000;
    double sa = 0;
    double sb = 0;
    double sab = 0;
    double sbb = 0;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] =
          Math.sqrt(s.alphaBar(t - 1)) * x0 + Math.sqrt(1 - s.alphaBar(t - 1)) * r.nextGaussian();
      b[i] = Math.sqrt(s.alpha(t)) * a[i] + Math.sqrt(s.beta(t)) * r.nextGaussian();
      sa += a[i];
      sb += b[i];
    }
    double ma = sa / n;
    double mb = sb / n;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    double slope = sab / sbb;
    double intercept = ma - slope * mb;
    double residual = 0;
    for (int i = 0; i < n; i++) {
      double e = a[i] - intercept - slope * b[i];
      residual += e * e;
    }
    // E[x_{t−1} | x_t, x_0] = c1 x_0 + c2 x_t is linear in x_t; the residual variance is β̃_t.
    assertThat(slope).isCloseTo(s.posteriorMeanCoef2(t), within(0.01));
    assertThat(intercept).isCloseTo(s.posteriorMeanCoef1(t) * x0, within(0.01));
    assertThat(residual / n)
        .isCloseTo(s.posteriorVariance(t), within(0.01 * s.posteriorVariance(t)));
  }

  @Test
  void schedulesAreMonotoneAndMatchTheirFormulas() {
    NoiseSchedule lin = NoiseSchedule.of(Schedule.LINEAR, 1000);
    assertThat(lin.beta(1)).isEqualTo(1e-4);
    assertThat(lin.beta(1000)).isCloseTo(0.02, within(1e-15));
    assertThat(lin.beta(500) - lin.beta(499)).isCloseTo((0.02 - 1e-4) / 999, within(1e-15));
    NoiseSchedule cos = NoiseSchedule.cosine(1000);
    for (NoiseSchedule s : new NoiseSchedule[] {lin, cos}) {
      for (int t = 1; t <= s.steps(); t++) {
        assertThat(s.alphaBar(t)).isLessThan(s.alphaBar(t - 1));
        assertThat(s.beta(t)).isGreaterThan(0).isLessThanOrEqualTo(0.999);
      }
    }
    // ᾱ_T ≈ 4e-5 for Ho's linear schedule: x_T is nearly N(0, I).
    assertThat(lin.alphaBar(1000)).isBetween(3e-5, 5e-5);
    for (int t = 1; t <= 1000; t += 37) {
      // Unclipped steps follow ᾱ(t) = f(t)/f(0) exactly.
      if (cos.beta(t) < 0.999) {
        assertThat(cos.alphaBar(t)).isCloseTo(NoiseSchedule.cosineAlphaBar(t, 1000), within(1e-12));
      }
    }
    double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
    double f500 = Math.pow(Math.cos((0.5 + 0.008) / 1.008 * Math.PI / 2), 2);
    assertThat(NoiseSchedule.cosineAlphaBar(500, 1000)).isCloseTo(f500 / f0, within(1e-15));
    assertThat(cos.beta(1000)).isEqualTo(0.999);
  }

  @Test
  void badSchedulesAreRefusedNamingTheStep() {
    assertThatThrownBy(() -> NoiseSchedule.linear(0, 1e-4, 0.02))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("T must be >= 1, found 0");
    assertThatThrownBy(() -> NoiseSchedule.fromBetas(new double[] {0.1, 1.0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("beta must be in (0, 1), found 1.0 at t = 2");
    assertThatThrownBy(() -> NoiseSchedule.linear(5, 0, 0.02))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at t = 1");
    assertThatThrownBy(() -> Schedule.parse("quadratic"))
        .hasMessage("schedule must be linear or cosine, found quadratic");
  }
}
