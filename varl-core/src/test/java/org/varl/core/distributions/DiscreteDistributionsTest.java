package org.varl.core.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bernoulli, Categorical and RelaxedOneHotCategorical against reference values from {@code
 * src/test/python/core_reference_values.py}, sampling frequencies and the τ → 0 limit.
 */
class DiscreteDistributionsTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    Engine.getInstance().setRandomSeed(11);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void bernoulliLogProbAndEntropyMatchReferenceIncludingLargeLogits() {
    Bernoulli b = Bernoulli.ofLogits(manager.create(new float[] {-2f, 0.5f, 30f}));
    float[] lp = b.logProb(manager.create(new float[] {1f, 0f, 0f})).toFloatArray();
    assertThat(lp).containsExactly(new float[] {-2.1269280f, -0.97407698f, -30.0f}, within(1e-4f));
    float[] h = b.entropy().toFloatArray();
    assertThat(h).containsExactly(new float[] {0.36533386f, 0.66284732f, 0f}, within(1e-5f));
  }

  @Test
  void bernoulliEntropyKeepsItsDigitsForLargePositiveLogits() {
    // H(±15) = softplus(−15) + σ(−15)·15 in double: the naive softplus(l) − σ(l)·l is 16% off at
    // +15 in float32.
    double expected = Math.log1p(Math.exp(-15)) + 15 / (1 + Math.exp(15));
    float[] h =
        Bernoulli.ofLogits(manager.create(new float[] {15f, -15f})).entropy().toFloatArray();
    assertThat(h[0]).isCloseTo((float) expected, within((float) (1e-4 * expected)));
    assertThat(h[1]).isCloseTo((float) expected, within((float) (1e-4 * expected)));
  }

  @Test
  void categoricalLogProbRejectsAnIndexOutOfRangeNamingIt() {
    Categorical c = Categorical.ofLogits(manager.zeros(new Shape(2, 3)));
    assertThatThrownBy(() -> c.logProb(manager.create(new long[] {1, 3})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value must be a category index in [0, 3)")
        .hasMessageContaining("3")
        .hasMessageContaining("[1]");
    assertThatThrownBy(() -> c.logProb(manager.create(new float[] {-1f, 0f})))
        .hasMessageContaining("value must be a category index in [0, 3)")
        .hasMessageContaining("[0]");
  }

  @Test
  void relaxedLogProbStaysFiniteAtSmallTemperatureWhereDrawsUnderflow() {
    RelaxedOneHotCategorical q =
        RelaxedOneHotCategorical.ofLogits(manager.create(new float[] {50f, -50f, 0f}), 0.05, false);
    NDArray draws = q.rsample(new Shape(2000));
    assertThat(draws.eq(0f).any().getBoolean()).as("some components underflow to 0").isTrue();
    NDArray logProb = q.logProb(draws);
    assertThat(logProb.isNaN().logicalOr(logProb.isInfinite()).any().getBoolean()).isFalse();
  }

  @Test
  void bernoulliHugeLogitsStayFinite() {
    Bernoulli b = Bernoulli.ofLogits(manager.create(new float[] {-3000f, 3000f}));
    float[] lp = b.logProb(manager.create(new float[] {1f, 0f})).toFloatArray();
    assertThat(lp).containsExactly(new float[] {-3000f, -3000f}, within(1e-2f));
    assertThat(b.entropy().toFloatArray()).containsExactly(new float[] {0f, 0f}, within(1e-6f));
  }

  @Test
  void bernoulliSampleFrequencyIsSigmoidOfLogit() {
    Bernoulli b = Bernoulli.ofLogits(manager.create(new float[] {-1f, 2f}));
    float[] freq = b.sample(new Shape(50_000)).mean(new int[] {0}).toFloatArray();
    // σ(−1) = 0.26894, σ(2) = 0.88080; standard errors ≤ 0.002, tolerance 4 of them.
    assertThat(freq[0]).isCloseTo(0.26894f, within(0.008f));
    assertThat(freq[1]).isCloseTo(0.88080f, within(0.008f));
  }

  @Test
  void bernoulliHasNoRsampleAndPointsToScoreFunction() {
    Bernoulli b = Bernoulli.ofLogits(manager.create(new float[] {0f}));
    assertThat(b.hasRsample()).isFalse();
    assertThatThrownBy(() -> b.rsample(new Shape(1)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("score-function estimator");
  }

  @Test
  void categoricalLogProbEntropyMatchReference() {
    Categorical c = Categorical.ofLogits(manager.create(new float[] {1f, 2f, 3f}));
    float[] lp = c.logProb(manager.create(new long[] {0, 2})).toFloatArray();
    assertThat(lp).containsExactly(new float[] {-2.4076060f, -0.40760596f}, within(1e-5f));
    assertThat(c.entropy().getFloat()).isCloseTo(0.83239558f, within(1e-5f));
  }

  @Test
  void categoricalGumbelMaxSamplesFollowSoftmax() {
    Categorical c = Categorical.ofLogits(manager.create(new float[] {1f, 2f, 3f}, new Shape(1, 3)));
    NDArray s = c.sample(new Shape(60_000));
    assertThat(s.getShape()).isEqualTo(new Shape(60_000, 1));
    assertThat(s.getDataType()).isEqualTo(DataType.INT64);
    float[] freq = s.oneHot(3).mean(new int[] {0}).mean(new int[] {0}).toFloatArray();
    // softmax(1, 2, 3) = (0.09003, 0.24473, 0.66524); standard errors ≤ 0.002.
    assertThat(freq).containsExactly(new float[] {0.09003f, 0.24473f, 0.66524f}, within(0.008f));
  }

  @Test
  void categoricalImpossibleCategoryHasMinusInfinityAndZeroEntropyContribution() {
    Categorical c = Categorical.ofLogits(manager.create(new float[] {0f, Float.NEGATIVE_INFINITY}));
    assertThat(c.logProb(manager.create(new long[] {1})).toFloatArray()[0])
        .isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(c.entropy().getFloat()).isEqualTo(0f);
    assertThat(c.logProb(manager.create(new long[] {0})).toFloatArray()[0]).isEqualTo(0f);
  }

  /**
   * An action mask ({@code −inf} logit) must not poison the gradient: {@code ∂H/∂l} is finite, 0 at
   * the masked category, and equal to the gradient of the entropy of the logits with that category
   * removed (the masked category has p = 0, so the distributions are the same). K = 3 runs
   * PyTorch's fused log-softmax, K = 6 the composed one of {@link
   * org.varl.core.numerics.StableMath}; both rows of the batch are masked in one column.
   */
  @Test
  void categoricalEntropyGradientWithAMaskedLogitEqualsTheGradientWithoutThatCategory() {
    float inf = Float.NEGATIVE_INFINITY;
    float[][] masked = {
      {0.3f, inf, -1.2f, 1.0f, 2.0f, -0.5f}, {1.5f, inf, 0.2f, -0.7f, 0.0f, 0.4f}
    };
    for (int k : new int[] {3, 6}) {
      float[] full = new float[2 * k];
      float[] reduced = new float[2 * (k - 1)];
      for (int b = 0, r = 0; b < 2; b++) {
        for (int j = 0; j < k; j++) {
          full[b * k + j] = masked[b][j];
          if (j != 1) {
            reduced[r++] = masked[b][j];
          }
        }
      }
      NDArray maskedLogits = manager.create(full, new Shape(2, k));
      NDArray reducedLogits = manager.create(reduced, new Shape(2, k - 1));
      float[] maskedGradient = entropyGradient(maskedLogits);
      float[] reducedGradient = entropyGradient(reducedLogits);
      for (int b = 0; b < 2; b++) {
        assertThat(maskedGradient[b * k + 1])
            .as("K=%d, row %d, masked category", k, b)
            .isEqualTo(0f);
        for (int j = 0, r = 0; j < k; j++) {
          if (j != 1) {
            assertThat(maskedGradient[b * k + j])
                .as("K=%d, row %d, category %d", k, b, j)
                .isCloseTo(reducedGradient[b * (k - 1) + r++], within(1e-6f));
          }
        }
      }
      assertThat(Categorical.ofLogits(maskedLogits).entropy().toFloatArray())
          .containsExactly(
              Categorical.ofLogits(reducedLogits).entropy().toFloatArray(), within(1e-6f));
    }
  }

  private float[] entropyGradient(NDArray logits) {
    logits.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(Categorical.ofLogits(logits).entropy().sum());
    }
    return logits.getGradient().toFloatArray();
  }

  @Test
  void categoricalRejectsNaNWithIndexAndHasNoRsample() {
    assertThatThrownBy(
            () ->
                Categorical.ofLogits(
                    manager.create(new float[] {0f, 1f, 2f, Float.NaN}, new Shape(2, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logits must not be NaN, found NaN at index [1, 1]");
    assertThatThrownBy(
            () -> Categorical.ofLogits(manager.create(new float[] {0f, Float.POSITIVE_INFINITY})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logits must be < +inf, found Infinity at index [1]");
    Categorical c = Categorical.ofLogits(manager.create(new float[] {0f, 1f}));
    assertThatThrownBy(() -> c.rsample(new Shape(1)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("score-function estimator");
  }

  @Test
  void relaxedLogProbMatchesReferenceConcreteDensity() {
    RelaxedOneHotCategorical r =
        RelaxedOneHotCategorical.ofLogits(
            manager.create(new float[] {0.1f, -0.4f, 1.2f}), 0.7, false);
    assertThat(r.logProb(manager.create(new float[] {0.2f, 0.3f, 0.5f})).getFloat())
        .isCloseTo(-0.17297369f, within(1e-4f));
    assertThat(r.eventShape()).isEqualTo(new Shape(3));
    assertThat(r.batchShape()).isEqualTo(new Shape());
  }

  @Test
  void relaxedSamplesApproachTheCategoricalAsTemperatureGoesToZero() {
    NDArray logits = manager.create(new float[] {1f, 2f, 3f});
    double[] temperatures = {5.0, 1.0, 0.1, 0.01};
    double previousDistance = Double.POSITIVE_INFINITY;
    for (double t : temperatures) {
      NDArray y = RelaxedOneHotCategorical.ofLogits(logits, t, false).sample(new Shape(40_000));
      // Distance to the nearest vertex of the simplex: 1 − max_k y_k, which is 0 for one-hot
      // vectors.
      double distance = 1 - y.max(new int[] {-1}).mean().getFloat();
      assertThat(distance).isLessThan(previousDistance);
      previousDistance = distance;
    }
    assertThat(previousDistance).isLessThan(0.01);
    // At τ = 0.01 the argmax frequencies are those of softmax(1, 2, 3).
    NDArray y = RelaxedOneHotCategorical.ofLogits(logits, 0.01, false).sample(new Shape(60_000));
    float[] freq = y.argMax(-1).oneHot(3).mean(new int[] {0}).toFloatArray();
    assertThat(freq).containsExactly(new float[] {0.09003f, 0.24473f, 0.66524f}, within(0.008f));
  }

  @Test
  void straightThroughIsOneHotForwardWithSoftGradient() {
    NDArray logits = manager.create(new float[] {0.2f, 0.1f, -0.3f, 0.9f}, new Shape(1, 4));
    logits.setRequiresGradient(true);
    NDArray y;
    try (var gc = Engine.getInstance().newGradientCollector()) {
      y = RelaxedOneHotCategorical.ofLogits(logits, 0.5, true).rsample(new Shape(16));
      gc.backward(y.mul(manager.create(new float[] {1f, 2f, 3f, 4f})).sum());
    }
    float[] values = y.toFloatArray();
    for (int i = 0; i < values.length; i += 4) {
      float sum = 0;
      for (int k = 0; k < 4; k++) {
        assertThat(values[i + k])
            .satisfiesAnyOf(
                v -> assertThat(v).isCloseTo(0f, within(1e-6f)),
                v -> assertThat(v).isCloseTo(1f, within(1e-6f)));
        sum += values[i + k];
      }
      assertThat(sum).isCloseTo(1f, within(1e-6f));
    }
    assertThat(logits.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
  }

  @Test
  void relaxedRejectsNonPositiveTemperature() {
    assertThatThrownBy(
            () ->
                RelaxedOneHotCategorical.ofLogits(manager.create(new float[] {0f, 1f}), 0.0, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temperature must be finite and > 0, found 0.0");
  }
}
