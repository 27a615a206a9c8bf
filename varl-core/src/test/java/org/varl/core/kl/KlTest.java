package org.varl.core.kl;

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
import org.varl.core.distributions.Bernoulli;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Distribution;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.distributions.TanhNormal;

/** Every analytic KL against reference values ({@code core_reference_values.py}) and its Monte Carlo estimate. */
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
    assertThat(Kl.divergence(normal(1f, 0.5f), normal(-1f, 2f)).getFloat()).isCloseTo(1.41754436f, within(1e-5f));
    assertThat(Kl.divergence(normal(1f, 0.5f), normal(1f, 0.5f)).getFloat()).isCloseTo(0f, within(1e-7f));
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
    assertThatThrownBy(() -> Kl.divergence(p, q)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KL(Categorical || Categorical) needs the same number of categories, found p 3 and q 4");
  }

  @Test
  void categoricalCategoricalMatchesReference() {
    Categorical p = Categorical.ofLogits(manager.create(new float[] {1f, 2f, 3f}));
    Categorical q = Categorical.ofLogits(manager.create(new float[] {0f, 0f, 1f}));
    assertThat(Kl.divergence(p, q).getFloat()).isCloseTo(0.05380818f, within(1e-5f));
  }

  @Test
  void independentIndependentMatchesReferenceAndBroadcastsAgainstAPrior() {
    Independent p = Normal.diagonal(manager.create(new float[] {0f, 1f}), manager.create(new float[] {1f, 0.5f}));
    Independent q = Normal.diagonal(manager.create(new float[] {0.5f, -1f}), manager.create(new float[] {2f, 1f}));
    assertThat(Kl.divergence(p, q).getFloat()).isCloseTo(2.66754436f, within(1e-5f));
    // A batch [4] of posteriors against one standard-normal prior: the VAE's KL term, shape [B].
    Independent posterior = Normal.diagonal(manager.randomNormal(new Shape(4, 3)), manager.ones(new Shape(4, 3)));
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
    assertMonteCarloAgrees(Bernoulli.ofLogits(manager.create(new float[] {0.3f, 2f})),
        Bernoulli.ofLogits(manager.create(new float[] {-1.2f, 0f})), 0.01f);
    assertMonteCarloAgrees(Categorical.ofLogits(manager.create(new float[] {1f, 2f, 3f})),
        Categorical.ofLogits(manager.create(new float[] {0f, 0f, 1f})), 0.005f);
    assertMonteCarloAgrees(
        Normal.diagonal(manager.create(new float[] {0f, 1f}), manager.create(new float[] {1f, 0.5f})),
        Normal.diagonal(manager.create(new float[] {0.5f, -1f}), manager.create(new float[] {2f, 1f})), 0.02f);
  }

  private void assertMonteCarloAgrees(Distribution p, Distribution q, float tolerance) {
    float[] analytic = Kl.divergence(p, q).toFloatArray();
    float[] mc = Kl.monteCarlo(p, q, 200_000).toFloatArray();
    assertThat(mc).as(p + " vs " + q).containsExactly(analytic, within(tolerance));
  }

  @Test
  void unregisteredPairNamesBothClassesAndPointsAtMonteCarlo() {
    TanhNormal t = TanhNormal.of(manager.create(new float[] {0f}), manager.create(new float[] {1f}));
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
    TanhNormal a = TanhNormal.of(manager.create(new float[] {1f}), manager.create(new float[] {0.5f}));
    TanhNormal b = TanhNormal.of(manager.create(new float[] {-1f}), manager.create(new float[] {2f}));
    // KL is invariant under the bijection tanh, so it equals the base KL.
    assertThat(Kl.divergence(a, b).getFloat()).isCloseTo(1.41754436f, within(1e-5f));
    Normal two = Normal.of(manager.zeros(new Shape(2)), manager.ones(new Shape(2)));
    Normal three = Normal.of(manager.zeros(new Shape(3)), manager.ones(new Shape(3)));
    assertThatThrownBy(() -> Kl.divergence(two, three)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(2)").hasMessageContaining("(3)");
  }
}
