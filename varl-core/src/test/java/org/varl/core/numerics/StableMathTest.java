package org.varl.core.numerics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StableMathTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void logSumExpIsExactForLargeValuesAndMinusInfinityRows() {
    float inf = Float.POSITIVE_INFINITY;
    NDArray x =
        manager.create(
            new float[] {1000f, 1000f, -1e4f, -1e4f, -inf, -inf, 0f, -inf}, new Shape(4, 2));
    float[] lse = StableMath.logSumExp(x, 1, false).toFloatArray();
    float log2 = (float) Math.log(2);
    assertThat(lse[0]).isCloseTo(1000f + log2, within(1e-3f));
    assertThat(lse[1]).isCloseTo(-1e4f + log2, within(1e-2f));
    assertThat(lse[2]).isEqualTo(-inf);
    assertThat(lse[3]).isEqualTo(0f);
    assertThat(StableMath.logSumExp(x, 1, true).getShape()).isEqualTo(new Shape(4, 1));
  }

  @Test
  void logMeanExpSubtractsLogN() {
    NDArray x = manager.create(new float[] {0f, 0f, 0f, 0f});
    assertThat(StableMath.logMeanExp(x, 0, false).getFloat()).isCloseTo(0f, within(1e-6f));
  }

  @Test
  void logSumExpGradientIsSoftmaxAndFiniteForInfiniteEntries() {
    NDArray x = manager.create(new float[] {1f, 2f, Float.NEGATIVE_INFINITY});
    x.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(StableMath.logSumExp(x, 0, false));
    }
    float[] g = x.getGradient().toFloatArray();
    assertThat(g).containsExactly(new float[] {0.26894142f, 0.73105858f, 0f}, within(1e-6f));
  }

  /**
   * Every row length, on both sides of the composed path's range [4, 15], against PyTorch's fused
   * kernels.
   */
  @Test
  void logSoftmaxAndSoftmaxMatchTheFusedKernelsWithGradients() {
    Engine.getInstance().setRandomSeed(3);
    for (int k : new int[] {1, 2, 3, 4, 7, 10, 15, 16, 40}) {
      NDArray x =
          manager.randomNormal(0f, 30f, new Shape(6, 5, k), ai.djl.ndarray.types.DataType.FLOAT32);
      NDArray w = manager.randomNormal(new Shape(6, 5, k));
      float[][] ours = valueAndGradient(x, w, true);
      float[][] fused = valueAndGradient(x, w, false);
      for (int part = 0; part < 4; part++) {
        for (int i = 0; i < ours[part].length; i++) {
          assertThat(ours[part][i])
              .as("K=%d part %d index %d", k, part, i)
              .isCloseTo(fused[part][i], within(2e-5f * Math.max(1f, Math.abs(fused[part][i]))));
        }
      }
    }
  }

  /**
   * Values of logSoftmax and softmax over the last axis and the gradients of Σ w·f for each, ours
   * or PyTorch's.
   */
  private static float[][] valueAndGradient(NDArray x, NDArray w, boolean ours) {
    float[][] out = new float[4][];
    for (int which = 0; which < 2; which++) {
      NDArray input = x.duplicate();
      input.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y =
            which == 0
                ? (ours ? StableMath.logSoftmax(input, -1) : input.logSoftmax(-1))
                : (ours ? StableMath.softmax(input, 2) : input.softmax(2));
        out[which] = y.toFloatArray();
        gc.backward(y.mul(w).sum());
      }
      out[2 + which] = input.getGradient().toFloatArray();
    }
    return out;
  }

  @Test
  void shortRowLogSoftmaxIsExactForHugeLogitsAndKeepsImpossibleEntries() {
    float inf = Float.POSITIVE_INFINITY;
    // K = 5 takes the composed path: entries 1e4 apart, and -inf entries (impossible categories).
    NDArray x =
        manager.create(
            new float[] {1e4f, 0f, -1e4f, -inf, 1e4f, -inf, -inf, 3f, -inf, -inf}, new Shape(2, 5));
    float[] logP = StableMath.logSoftmax(x, -1).toFloatArray();
    float log2 = (float) Math.log(2);
    assertThat(logP)
        .containsExactly(
            new float[] {
              -log2, -1e4f - log2, -2e4f - log2, -inf, -log2, -inf, -inf, 0f, -inf, -inf
            },
            within(1e-2f));
    float[] p = StableMath.softmax(x, -1).toFloatArray();
    assertThat(p)
        .containsExactly(new float[] {0.5f, 0f, 0f, 0f, 0.5f, 0f, 0f, 1f, 0f, 0f}, within(1e-7f));
  }

  /**
   * 0 · log 0 = 0 in value and in both gradients; elsewhere the plain product and its gradients
   * (logY, x).
   */
  @Test
  void xLogYIsZeroWithZeroGradientWhereXIsZeroEvenForInfiniteOrNaNLogs() {
    float inf = Float.POSITIVE_INFINITY;
    NDArray x = manager.create(new float[] {0f, 0f, 0f, 0.25f, 2f});
    NDArray logY = manager.create(new float[] {-inf, Float.NaN, 3f, -1.5f, 0.5f});
    x.setRequiresGradient(true);
    logY.setRequiresGradient(true);
    float[] value;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray product = StableMath.xLogY(x, logY);
      value = product.toFloatArray();
      gc.backward(product.sum());
    }
    assertThat(value).containsExactly(0f, 0f, 0f, -0.375f, 1f);
    assertThat(x.getGradient().toFloatArray()).containsExactly(0f, 0f, 0f, -1.5f, 0.5f);
    assertThat(logY.getGradient().toFloatArray()).containsExactly(0f, 0f, 0f, 0.25f, 2f);
  }

  @Test
  void softplusAndLogSigmoidDoNotOverflow() {
    NDArray x = manager.create(new float[] {-1000f, 0f, 1000f});
    assertThat(StableMath.softplus(x).toFloatArray())
        .containsExactly(new float[] {0f, (float) Math.log(2), 1000f}, within(1e-5f));
    assertThat(StableMath.logSigmoid(x).toFloatArray())
        .containsExactly(new float[] {-1000f, (float) -Math.log(2), 0f}, within(1e-5f));
  }

  @Test
  void logOneMinusTanhSquaredMatchesNaiveFormWhereThatIsAccurate() {
    NDArray u = manager.create(new float[] {-2f, -0.5f, 0f, 0.3f, 3f, 30f});
    float[] stable = StableMath.logOneMinusTanhSquared(u).toFloatArray();
    float[] naive = u.tanh().square().neg().add(1f).log().toFloatArray();
    for (int i = 0; i < 5; i++) {
      assertThat(stable[i]).isCloseTo(naive[i], within(1e-4f));
    }
    assertThat(naive[5]).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(stable[5]).isCloseTo((float) (2 * (Math.log(2) - 30)), within(1e-4f));
  }
}
