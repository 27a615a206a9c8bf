package org.varl.core.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Independent and TanhNormal, and the entropy ≈ −E[log p] identity for every closed-form entropy.
 */
class ContinuousDistributionsTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(3);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void independentSumsOverReinterpretedDimsAndReshapes() {
    NDArray loc = manager.create(new float[] {0f, 1f, 2f, 3f, 4f, 5f}, new Shape(2, 3));
    NDArray scale = manager.create(new float[] {1f, 2f, 0.5f, 1f, 2f, 0.5f}, new Shape(2, 3));
    Normal base = Normal.of(loc, scale);
    Independent d = Normal.diagonal(loc, scale);
    assertThat(d.batchShape()).isEqualTo(new Shape(2));
    assertThat(d.eventShape()).isEqualTo(new Shape(3));
    NDArray x = manager.create(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, new Shape(2, 3));
    assertThat(d.logProb(x).toFloatArray())
        .containsExactly(base.logProb(x).sum(new int[] {1}).toFloatArray(), within(1e-5f));
    assertThat(d.entropy().toFloatArray())
        .containsExactly(base.entropy().sum(new int[] {1}).toFloatArray(), within(1e-5f));
    assertThat(d.rsample(new Shape(5)).getShape()).isEqualTo(new Shape(5, 2, 3));
    assertThat(d.logProb(d.sample(new Shape(5))).getShape()).isEqualTo(new Shape(5, 2));
    Independent both = Independent.of(base, 2); // a multi-axis sum
    assertThat(both.logProb(x).getFloat())
        .isCloseTo(base.logProb(x).sum().getFloat(), within(1e-4f));
    assertThatThrownBy(() -> Independent.of(base, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reinterpretedBatchDims must be in [0, 2]");
  }

  @Test
  void tanhNormalLogProbMatchesReferenceAndDrawnLogProb() {
    TanhNormal t =
        TanhNormal.of(manager.create(new float[] {0.2f}), manager.create(new float[] {0.8f}));
    assertThat(t.logProb(manager.create(new float[] {0.6f})).getFloat())
        .isCloseTo(-0.43950330f, within(1e-4f));
    TanhNormal.Draw draw = t.rsampleWithLogProb(new Shape(256));
    float[] viaValue = t.logProb(draw.value()).toFloatArray();
    float[] viaDraw = draw.logProb().toFloatArray();
    float[] y = draw.value().toFloatArray();
    for (int i = 0; i < y.length; i++) {
      if (Math.abs(y[i]) < 0.99f) { // away from the clip, atanh is exact enough
        assertThat(viaValue[i]).isCloseTo(viaDraw[i], within(1e-3f));
      }
    }
  }

  @Test
  void tanhNormalRsampleGradientsMatchTheChainRule() {
    // y = tanh(μ + σε): ∂y/∂μ = 1 − y², ∂y/∂σ = (1 − y²) ε with ε = (atanh y − μ)/σ.
    NDArray mu = manager.create(new float[] {0.4f});
    NDArray sigma = manager.create(new float[] {0.9f});
    mu.setRequiresGradient(true);
    sigma.setRequiresGradient(true);
    TanhNormal.Draw draw;
    try (var gc = Engine.getInstance().newGradientCollector()) {
      draw = TanhNormal.of(mu, sigma).rsampleWithLogProb(new Shape(32));
      gc.backward(draw.value().sum());
    }
    float[] ys = draw.value().toFloatArray();
    double[] us = new double[ys.length];
    for (int i = 0; i < ys.length; i++) {
      us[i] = 0.5 * Math.log((1.0 + ys[i]) / (1.0 - ys[i]));
    }
    double dMu = 0;
    double dSigma = 0;
    for (double v : us) {
      double y = Math.tanh(v);
      dMu += 1 - y * y;
      dSigma += (1 - y * y) * (v - 0.4) / 0.9;
    }
    assertThat(mu.getGradient().getFloat()).isCloseTo((float) dMu, within(1e-3f));
    assertThat(sigma.getGradient().getFloat()).isCloseTo((float) dSigma, within(1e-3f));
  }

  @Test
  void tanhLogDetIsFiniteForLargePreTanhValues() {
    TanhNormal t =
        TanhNormal.of(manager.create(new float[] {0f, 0f}), manager.create(new float[] {1f, 1f}));
    float[] lp = t.logProbPreTanh(manager.create(new float[] {20f, -40f})).toFloatArray();
    // log N(u; 0, 1) − 2(log 2 − |u| − softplus(−2|u|)) ≈ −u²/2 − ½ log 2π + 2|u| − 2 log 2
    assertThat(lp[0]).isCloseTo((float) (-200 - 0.9189385 + 40 - 2 * Math.log(2)), within(1e-3f));
    assertThat(lp[1]).isCloseTo((float) (-800 - 0.9189385 + 80 - 2 * Math.log(2)), within(1e-2f));
  }

  @Test
  void entropyIsMinusExpectedLogProb() {
    // Monte Carlo with 200k draws; tolerances are ≥ 4 standard errors of the estimate.
    NDArray loc = manager.create(new float[] {0.3f, -2f});
    NDArray scale = manager.create(new float[] {0.4f, 1.7f});
    assertEntropyMatches(Normal.of(loc, scale), 0.01f);
    assertEntropyMatches(Bernoulli.ofLogits(manager.create(new float[] {-1.5f, 0.2f})), 0.01f);
    assertEntropyMatches(
        Categorical.ofLogits(
            manager.create(new float[] {1f, 0f, -1f, 2f, 2f, 2f}, new Shape(2, 3))),
        0.01f);
    assertEntropyMatches(Normal.diagonal(loc.reshape(1, 2), scale.reshape(1, 2)), 0.015f);
  }

  private void assertEntropyMatches(Distribution d, float tolerance) {
    NDArray x = d.sample(new Shape(200_000));
    float[] mc = d.logProb(x).mean(new int[] {0}).neg().toFloatArray();
    assertThat(mc).as(d.toString()).containsExactly(d.entropy().toFloatArray(), within(tolerance));
  }
}
