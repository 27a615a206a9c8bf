package org.varl.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.testing.ResourceCounts;

/**
 * For Gaussian data x_0 ~ N(0, s² I) the optimal noise predictor is linear, E[ε | x_t] = √(1 − ᾱ_t)
 * x_t / (ᾱ_t s² + 1 − ᾱ_t), and the bound it attains has a closed form:
 *
 * <pre>
 *   E L_{t−1} = d (λ_t ᾱ_t s² / (ᾱ_t s² + 1 − ᾱ_t) + c_t),   E L_T = (d/2)(ᾱ_T s² − ᾱ_T − ln(1 − ᾱ_T))
 * </pre>
 *
 * (Var(ε | x_t) = ᾱ_t s² / (ᾱ_t s² + 1 − ᾱ_t)). The bound computed term by term through
 * Kl.divergence, and the one-sample estimate, must agree with it within Monte Carlo error, and it
 * must exceed the data's entropy (d/2) ln(2πe s²).
 */
class GaussianOptimumTest {

  private static final double S = 0.5;

  static EpsilonModel optimal(NoiseSchedule s, int d) {
    return (m, xt, t) -> {
      float[] out = new float[xt.length];
      for (int k = 0; k < xt.length; k++) {
        double ab = s.alphaBar(t[k / d]);
        out[k] = (float) (Math.sqrt(1 - ab) * xt[k] / (ab * S * S + 1 - ab));
      }
      return out;
    };
  }

  static double closedFormBound(Ddpm ddpm, int d) {
    NoiseSchedule s = ddpm.schedule();
    double total = 0;
    for (int t = 1; t <= ddpm.steps(); t++) {
      double ab = s.alphaBar(t);
      total += d * (ddpm.lambda(t) * ab * S * S / (ab * S * S + 1 - ab) + ddpm.constant(t));
    }
    double abT = s.alphaBar(ddpm.steps());
    return total + 0.5 * d * (abT * S * S - abT - Math.log(1 - abT));
  }

  @Test
  void theOptimalDenoisersBoundIsTheClosedFormAndExceedsTheEntropy() {
    int d = 2;
    int n = 1000;
    float[] x0 = new float[n * d];
    SplittableRandom r = new SplittableRandom(1);
    for (int k = 0; k < x0.length; k++) {
      x0[k] = (float) (S * r.nextGaussian());
    }
    double entropy = 0.5 * d * Math.log(2 * Math.PI * Math.E * S * S);
    for (DecoderVariance v : DecoderVariance.values()) {
      Ddpm ddpm = new Ddpm(NoiseSchedule.cosine(200), v);
      double closed = closedFormBound(ddpm, d);
      assertThat(closed).as("%s", v).isGreaterThan(entropy);
      try (NDManager root = NDManager.newBaseManager()) {
        int before = ResourceCounts.arrays(root);
        BoundResult b = DdpmBound.evaluate(ddpm, optimal(ddpm.schedule(), d), x0, d, 3, root, null);
        assertThat(ResourceCounts.arrays(root)).isEqualTo(before);
        assertThat(b.negElbo()).as("%s", v).isCloseTo(closed, within(4 * b.negElboSe()));
        assertThat(b.oneSampleAgrees(4))
            .as("one-sample %s vs %s", b.oneSampleMean(), b.negElbo())
            .isTrue();
        assertThat(b.negElbo()).isGreaterThan(entropy - 4 * b.negElboSe());
        // Term by term: L_0 of the optimum, d (λ_1 Var(ε|x_1) + c_1).
        double ab1 = ddpm.schedule().alphaBar(1);
        double l0 = d * (ddpm.lambda(1) * ab1 * S * S / (ab1 * S * S + 1 - ab1) + ddpm.constant(1));
        assertThat(b.termMean()[0]).isCloseTo(l0, within(4 * b.termSe()[0]));
      }
    }
  }

  @Test
  void ddimWithAllStepsIsDeterministicAndMapsNoiseToTheData() {
    int d = 1;
    Ddpm ddpm = new Ddpm(NoiseSchedule.of(Schedule.LINEAR, 1000), DecoderVariance.BETA);
    try (NDManager root = NDManager.newBaseManager()) {
      DdpmSampler.Samples a =
          DdpmSampler.sample(
              ddpm, optimal(ddpm.schedule(), d), d, 4000, Sampler.DDIM, 1000, 5, 4000, root);
      DdpmSampler.Samples b =
          DdpmSampler.sample(
              ddpm, optimal(ddpm.schedule(), d), d, 4000, Sampler.DDIM, 1000, 5, 0, root);
      assertThat(a.points()).isEqualTo(b.points());
      // The probability-flow ODE of N(0, s²) data is x_0 = s x_T · (1 + O(1/T)) for the first-order
      // sampler: every point is mapped by the same increasing linear map, close to s.
      float[] xT = a.trajectories()[0];
      for (int i = 0; i < 4000; i += 97) {
        assertThat(a.points()[i] / xT[i]).isCloseTo((float) S, within(0.02f));
      }
      assertThat(a.times()[0]).isEqualTo(1000);
      assertThat(a.times()[1000]).isEqualTo(0);
      // Ancestral sampling reaches the same distribution: standard deviation s.
      DdpmSampler.Samples anc =
          DdpmSampler.sample(
              ddpm, optimal(ddpm.schedule(), d), d, 4000, Sampler.ANCESTRAL, 1000, 6, 0, root);
      double sq = 0;
      for (float x : anc.points()) {
        sq += x * x;
      }
      assertThat(Math.sqrt(sq / 4000)).isCloseTo(S, within(0.03));
      // Fewer DDIM steps still land near the data's scale.
      DdpmSampler.Samples few =
          DdpmSampler.sample(
              ddpm, optimal(ddpm.schedule(), d), d, 2000, Sampler.DDIM, 50, 5, 2000, root);
      assertThat(few.times()).hasSize(51);
      assertThat(few.points()[0] / few.trajectories()[0][0]).isCloseTo((float) S, within(0.05f));
    }
  }
}
