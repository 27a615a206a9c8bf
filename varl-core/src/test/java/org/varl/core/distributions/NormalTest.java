package org.varl.core.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Normal: closed forms against hand-computed values, sampling moments, rsample gradients,
 * validation.
 */
class NormalTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(7);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void logProbMatchesHandComputedValues() {
    // log N(x; μ, σ²) = −(x−μ)²/(2σ²) − log σ − ½ log 2π; values computed by hand (python math
    // module):
    // x=0.5, μ=0, σ=1: −0.125 − 0 − 0.9189385 = −1.0439385
    // x=1.0, μ=2, σ=0.5: −2 − log 0.5 − 0.9189385 = −2.2257913
    Normal n =
        Normal.of(manager.create(new float[] {0f, 2f}), manager.create(new float[] {1f, 0.5f}));
    float[] lp = n.logProb(manager.create(new float[] {0.5f, 1f})).toFloatArray();
    assertThat(lp[0]).isCloseTo(-1.0439385f, within(1e-5f));
    assertThat(lp[1]).isCloseTo(-2.2257913f, within(1e-5f));
  }

  @Test
  void entropyMatchesHandComputedValue() {
    // H = ½ + ½ log 2π + log σ; σ = 2: 1.4189385 + 0.6931472 = 2.1120857
    Normal n = Normal.of(manager.create(new float[] {3f}), manager.create(new float[] {2f}));
    assertThat(n.entropy().toFloatArray()[0]).isCloseTo(2.1120857f, within(1e-5f));
  }

  @Test
  void logVarianceParameterizationEqualsScaleParameterization() {
    NDArray loc = manager.create(new float[] {0.3f, -1f});
    NDArray logVar = manager.create(new float[] {-1f, 2f});
    Normal a = Normal.fromLogVariance(loc, logVar);
    Normal b = Normal.of(loc, logVar.mul(0.5f).exp());
    NDArray x = manager.create(new float[] {1f, 1f});
    assertThat(a.logProb(x).toFloatArray())
        .containsExactly(b.logProb(x).toFloatArray(), within(1e-5f));
  }

  @Test
  void extremeLogVarianceIsClippedToARepresentableScale() {
    NDArray loc = manager.create(new float[] {0.5f, -1f});
    Normal n = Normal.fromLogVariance(loc, manager.create(new float[] {-250f, 200f}));
    float[] scale = n.scale().toFloatArray();
    assertThat(scale[0]).isCloseTo((float) Math.exp(-85), within(1e-40f)).isPositive();
    assertThat(scale[1]).isCloseTo((float) Math.exp(85), within(1e31f));
    NDArray logProb = n.logProb(n.rsample(new Shape(100)));
    assertThat(logProb.isNaN().logicalOr(logProb.isInfinite()).any().getBoolean()).isFalse();
    // Inside the range the log-variance is used as given.
    Normal inside = Normal.fromLogVariance(loc, manager.create(new float[] {-169f, 169f}));
    assertThat(inside.scale().toFloatArray()[1]).isCloseTo((float) Math.exp(84.5), within(1e31f));
  }

  /**
   * The shared rule: the value is clipped to ±170 and the derivative is 1 inside the closed range,
   * 0 outside.
   */
  @Test
  void clipLogVarianceIsTheRuleOfFromLogVarianceWithClipsGradient() {
    NDArray logVar = manager.create(new float[] {-250f, -170f, -3f, 169f, 200f});
    logVar.setRequiresGradient(true);
    float[] clipped;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray c = Normal.clipLogVariance(logVar);
      clipped = c.toFloatArray();
      gc.backward(c.sum());
    }
    float max = Normal.MAX_ABS_LOG_VARIANCE;
    assertThat(clipped).containsExactly(-max, -max, -3f, 169f, max);
    assertThat(logVar.getGradient().toFloatArray()).containsExactly(0f, 1f, 1f, 1f, 0f);
    Normal n = Normal.fromLogVariance(manager.zeros(new Shape(5)), logVar.stopGradient());
    assertThat(n.logScale().toFloatArray())
        .containsExactly(new float[] {-85f, -85f, -1.5f, 84.5f, 85f}, within(1e-5f));
  }

  @Test
  void samplesHaveTheParameterMoments() {
    Normal n =
        Normal.of(manager.create(new float[] {1.5f, -2f}), manager.create(new float[] {0.5f, 3f}));
    NDArray s = n.sample(new Shape(100_000));
    assertThat(s.getShape()).isEqualTo(new Shape(100_000, 2));
    float[] mean = s.mean(new int[] {0}).toFloatArray();
    float[] sd = s.sub(s.mean(new int[] {0})).square().mean(new int[] {0}).sqrt().toFloatArray();
    // standard errors: σ/√n = 0.0016 and 0.0095; tolerances are 5 standard errors.
    assertThat(mean[0]).isCloseTo(1.5f, within(0.008f));
    assertThat(mean[1]).isCloseTo(-2f, within(0.05f));
    assertThat(sd[0]).isCloseTo(0.5f, within(0.006f));
    assertThat(sd[1]).isCloseTo(3f, within(0.035f));
  }

  @Test
  void rsampleGradientsMatchTheAnalyticGradients() {
    // z = μ + σ ε, so ∂z/∂μ = 1 and ∂z/∂σ = ε = (z − μ)/σ; with f = Σ z², ∂f/∂μ = Σ 2z, ∂f/∂σ = Σ
    // 2z ε.
    NDArray mu = manager.create(new float[] {0.7f});
    NDArray sigma = manager.create(new float[] {1.3f});
    mu.setRequiresGradient(true);
    sigma.setRequiresGradient(true);
    NDArray z;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      z = Normal.of(mu, sigma).rsample(new Shape(64));
      gc.backward(z.square().sum());
    }
    float[] zs = z.toFloatArray();
    double dMu = 0;
    double dSigma = 0;
    for (float v : zs) {
      dMu += 2 * v;
      dSigma += 2 * v * (v - 0.7) / 1.3;
    }
    assertThat(mu.getGradient().toFloatArray()[0]).isCloseTo((float) dMu, within(1e-3f));
    assertThat(sigma.getGradient().toFloatArray()[0]).isCloseTo((float) dSigma, within(1e-3f));
  }

  @Test
  void sampleHasNoGradientPath() {
    NDArray mu = manager.create(new float[] {0.7f});
    mu.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray z = Normal.of(mu, manager.create(new float[] {1f})).sample(new Shape(8));
      gc.backward(z.sum().add(mu.sum()));
    }
    // Only the explicit mu term contributes.
    assertThat(mu.getGradient().toFloatArray()[0]).isEqualTo(1f);
  }

  @Test
  void nonPositiveScaleNamesParameterValueAndIndex() {
    float[] scale = new float[4 * 3];
    java.util.Arrays.fill(scale, 1f);
    scale[2 * 3 + 1] = -0.3f;
    NDArray s = manager.create(scale, new Shape(4, 3));
    assertThatThrownBy(() -> Normal.of(manager.zeros(new Shape(4, 3)), s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale must be > 0, found -0.3 at index [2, 1]")
        .hasMessageContaining("(4, 3)");
  }

  @Test
  void nanScaleSaysFinite() {
    assertThatThrownBy(
            () ->
                Normal.of(
                    manager.zeros(new Shape(3)), manager.create(new float[] {1f, 1f, Float.NaN})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale must be finite and > 0, found NaN at index [2]");
  }

  @Test
  void nanLocAndMismatchedShapesAreRejected() {
    assertThatThrownBy(
            () ->
                Normal.of(manager.create(new float[] {0f, Float.NaN}), manager.ones(new Shape(2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loc must be finite, found NaN at index [1]");
    assertThatThrownBy(
            () -> Normal.of(manager.zeros(new Shape(2, 3)), manager.ones(new Shape(3, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loc and scale must have the same shape")
        .hasMessageContaining("(2, 3)")
        .hasMessageContaining("(3, 2)");
  }
}
