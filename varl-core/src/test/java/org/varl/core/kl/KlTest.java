package org.varl.core.kl;

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
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.distributions.TanhNormal;

/**
 * Every analytic KL against reference values ({@code core_reference_values.py}) and its Monte Carlo
 * estimate.
 */
class KlTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(5);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private Normal normal(float loc, float scale) {
    return Normal.of(manager.create(new float[] {loc}), manager.create(new float[] {scale}));
  }

  @Test
  void normalNormalMatchesReference() {
    assertThat(Kl.divergence(normal(1f, 0.5f), normal(-1f, 2f)).getFloat())
        .isCloseTo(1.41754436f, within(1e-5f));
    assertThat(Kl.divergence(normal(1f, 0.5f), normal(1f, 0.5f)).getFloat())
        .isCloseTo(0f, within(1e-7f));
  }

  @Test
  void bernoulliBernoulliMatchesReference() {
    Bernoulli p = Bernoulli.ofLogits(manager.create(new float[] {0.3f}));
    Bernoulli q = Bernoulli.ofLogits(manager.create(new float[] {-1.2f}));
    assertThat(Kl.divergence(p, q).getFloat()).isCloseTo(0.27059100f, within(1e-5f));
  }

  @Test
  void categoricalPairWithDifferentCategoryCountsIsNamed() {
    Categorical p = Categorical.ofLogits(manager.zeros(new Shape(3)));
    Categorical q = Categorical.ofLogits(manager.zeros(new Shape(4)));
    assertThatThrownBy(() -> Kl.divergence(p, q))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "KL(Categorical || Categorical) needs the same number of categories, found p 3 and q 4");
  }

  @Test
  void categoricalCategoricalMatchesReference() {
    Categorical p = Categorical.ofLogits(manager.create(new float[] {1f, 2f, 3f}));
    Categorical q = Categorical.ofLogits(manager.create(new float[] {0f, 0f, 1f}));
    assertThat(Kl.divergence(p, q).getFloat()).isCloseTo(0.05380818f, within(1e-5f));
  }

  /**
   * Action masks ({@code −inf} logits) give finite KL gradients. Where p and q mask the same
   * category, KL and both gradients equal those of the logits with that category removed (0 at the
   * masked one). Where only p masks it, {@code ∂KL/∂l_p} still equals the reduced problem's (q's
   * renormalization over the remaining categories shifts {@code log q} by a constant, and {@code Σ
   * p = 1}, so only the value moves by that constant), and {@code ∂KL/∂l_q} is the closed form
   * {@code q − p} at every category, {@code q_k} at the masked one.
   */
  @Test
  void categoricalKlGradientWithMaskedLogitsIsFiniteAndIgnoresTheMaskedCategory() {
    float inf = Float.NEGATIVE_INFINITY;
    float[] lp = {0.3f, inf, -1.2f, 1.0f, 2.0f};
    float[] lqMasked = {-0.4f, inf, 0.8f, 0.1f, -1.5f};
    float[] lqOpen = {-0.4f, 0.6f, 0.8f, 0.1f, -1.5f};
    float[] lpReduced = {0.3f, -1.2f, 1.0f, 2.0f};
    float[] lqReduced = {-0.4f, 0.8f, 0.1f, -1.5f};
    float[][] reduced = klGradients(lpReduced, lqReduced);
    float reducedKl =
        Kl.divergence(
                Categorical.ofLogits(manager.create(lpReduced)),
                Categorical.ofLogits(manager.create(lqReduced)))
            .getFloat();

    float[][] bothMasked = klGradients(lp, lqMasked);
    assertThat(
            Kl.divergence(
                    Categorical.ofLogits(manager.create(lp)),
                    Categorical.ofLogits(manager.create(lqMasked)))
                .getFloat())
        .isCloseTo(reducedKl, within(1e-6f));
    for (int side = 0; side < 2; side++) {
      assertThat(bothMasked[side][1]).as("masked category, side %d", side).isEqualTo(0f);
      assertThat(
              new float[] {
                bothMasked[side][0], bothMasked[side][2], bothMasked[side][3], bothMasked[side][4]
              })
          .as("side %d", side)
          .containsExactly(reduced[side], within(1e-6f));
    }

    float[][] onlyPMasked = klGradients(lp, lqOpen);
    assertThat(onlyPMasked[0][1]).isEqualTo(0f);
    assertThat(
            new float[] {
              onlyPMasked[0][0], onlyPMasked[0][2], onlyPMasked[0][3], onlyPMasked[0][4]
            })
        .containsExactly(reduced[0], within(1e-6f));
    float[] p = Categorical.ofLogits(manager.create(lp)).probs().toFloatArray();
    float[] q = Categorical.ofLogits(manager.create(lqOpen)).probs().toFloatArray();
    for (int k = 0; k < 5; k++) {
      assertThat(onlyPMasked[1][k]).as("dKL/dl_q[%d]", k).isCloseTo(q[k] - p[k], within(1e-6f));
    }
  }

  /** {@code [∂KL/∂l_p, ∂KL/∂l_q]} for {@code KL(Categorical(l_p) ‖ Categorical(l_q))}. */
  private float[][] klGradients(float[] logitsP, float[] logitsQ) {
    NDArray lp = manager.create(logitsP);
    NDArray lq = manager.create(logitsQ);
    lp.setRequiresGradient(true);
    lq.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(Kl.divergence(Categorical.ofLogits(lp), Categorical.ofLogits(lq)));
    }
    return new float[][] {lp.getGradient().toFloatArray(), lq.getGradient().toFloatArray()};
  }

  @Test
  void independentIndependentMatchesReferenceAndBroadcastsAgainstAPrior() {
    Independent p =
        Normal.diagonal(
            manager.create(new float[] {0f, 1f}), manager.create(new float[] {1f, 0.5f}));
    Independent q =
        Normal.diagonal(
            manager.create(new float[] {0.5f, -1f}), manager.create(new float[] {2f, 1f}));
    assertThat(Kl.divergence(p, q).getFloat()).isCloseTo(2.66754436f, within(1e-5f));
    // A batch [4] of posteriors against one standard-normal prior: the VAE's KL term, shape [B].
    Independent posterior =
        Normal.diagonal(manager.randomNormal(new Shape(4, 3)), manager.ones(new Shape(4, 3)));
    Independent prior = Independent.of(Normal.standard(manager, new Shape(3)), 1);
    NDArray kl = Kl.divergence(posterior, prior);
    assertThat(kl.getShape()).isEqualTo(new Shape(4));
    float[] mu = ((Normal) posterior.base()).loc().toFloatArray();
    for (int b = 0; b < 4; b++) {
      double expected = 0; // σ = 1: KL = ½ Σ μ²
      for (int j = 0; j < 3; j++) {
        expected += 0.5 * mu[b * 3 + j] * mu[b * 3 + j];
      }
      assertThat(kl.getFloat(b)).isCloseTo((float) expected, within(1e-5f));
    }
  }

  @Test
  void everyAnalyticKlAgreesWithItsMonteCarloEstimate() {
    // 200k draws; each tolerance is ≥ 4 Monte Carlo standard errors (estimated from a pilot run).
    assertMonteCarloAgrees(normal(1f, 0.5f), normal(-1f, 2f), 0.02f);
    assertMonteCarloAgrees(
        Bernoulli.ofLogits(manager.create(new float[] {0.3f, 2f})),
        Bernoulli.ofLogits(manager.create(new float[] {-1.2f, 0f})),
        0.01f);
    assertMonteCarloAgrees(
        Categorical.ofLogits(manager.create(new float[] {1f, 2f, 3f})),
        Categorical.ofLogits(manager.create(new float[] {0f, 0f, 1f})),
        0.005f);
    assertMonteCarloAgrees(
        Normal.diagonal(
            manager.create(new float[] {0f, 1f}), manager.create(new float[] {1f, 0.5f})),
        Normal.diagonal(
            manager.create(new float[] {0.5f, -1f}), manager.create(new float[] {2f, 1f})),
        0.02f);
  }

  private void assertMonteCarloAgrees(Distribution p, Distribution q, float tolerance) {
    float[] analytic = Kl.divergence(p, q).toFloatArray();
    float[] mc = Kl.monteCarlo(p, q, 200_000).toFloatArray();
    assertThat(mc).as(p + " vs " + q).containsExactly(analytic, within(tolerance));
  }

  @Test
  void unregisteredPairNamesBothClassesAndPointsAtMonteCarlo() {
    TanhNormal t =
        TanhNormal.of(manager.create(new float[] {0f}), manager.create(new float[] {1f}));
    assertThatThrownBy(() -> Kl.divergence(t, normal(0f, 1f)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("TanhNormal")
        .hasMessageContaining("Normal")
        .hasMessageContaining("Kl.monteCarlo");
    // ... and the Monte Carlo estimate works for it: KL(tanh N ‖ N) is finite.
    assertThat(Kl.monteCarlo(t, normal(0f, 1f), 1000).getFloat()).isFinite();
  }

  @Test
  void registeredRuleIsUsedAndMismatchedShapesAreRejected() {
    Kl.register(TanhNormal.class, TanhNormal.class, (p, q) -> Kl.divergence(p.base(), q.base()));
    TanhNormal a =
        TanhNormal.of(manager.create(new float[] {1f}), manager.create(new float[] {0.5f}));
    TanhNormal b =
        TanhNormal.of(manager.create(new float[] {-1f}), manager.create(new float[] {2f}));
    // KL is invariant under the bijection tanh, so it equals the base KL.
    assertThat(Kl.divergence(a, b).getFloat()).isCloseTo(1.41754436f, within(1e-5f));
    Normal two = Normal.of(manager.zeros(new Shape(2)), manager.ones(new Shape(2)));
    Normal three = Normal.of(manager.zeros(new Shape(3)), manager.ones(new Shape(3)));
    assertThatThrownBy(() -> Kl.divergence(two, three))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(2)")
        .hasMessageContaining("(3)");
  }
}
