package org.varl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTest {

  /** y = W₁ φ(W₀ x + b₀) + b₁ in double precision, from the network's own parameters. */
  private static double[] reference(Mlp mlp, double[] x) {
    double[] h = x;
    List<NDArray> p = mlp.parameters();
    int layers = p.size() / 2;
    for (int l = 0; l < layers; l++) {
      float[] w = p.get(2 * l).toFloatArray();
      float[] b = p.get(2 * l + 1).toFloatArray();
      int out = b.length;
      int in = h.length;
      double[] next = new double[out];
      for (int o = 0; o < out; o++) {
        double a = b[o];
        for (int i = 0; i < in; i++) {
          a += w[o * in + i] * h[i];
        }
        next[o] =
            l < layers - 1
                ? switch (mlp.activation()) {
                  case RELU -> Math.max(0, a);
                  case TANH -> Math.tanh(a);
                  case SILU -> a / (1 + Math.exp(-a));
                  case IDENTITY -> a;
                }
                : a;
      }
      h = next;
    }
    return h;
  }

  @Test
  void forwardIsTheLayeredAffineMapWithTheActivation() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (Activation act : Activation.values()) {
        Mlp mlp = Mlp.create(m, act, 7L, 3, 5, 4, 2);
        double[] x = {0.3, -1.2, 2.0};
        float[] y =
            mlp.forward(m.create(new float[] {0.3f, -1.2f, 2.0f}, new Shape(1, 3))).toFloatArray();
        double[] expected = reference(mlp, x);
        for (int i = 0; i < 2; i++) {
          assertThat((double) y[i]).as("%s output %d", act, i).isCloseTo(expected[i], offset(1e-5));
        }
        assertThat(mlp.parameterNames())
            .containsExactly(
                "layers.0.weight",
                "layers.0.bias",
                "layers.1.weight",
                "layers.1.bias",
                "layers.2.weight",
                "layers.2.bias");
        assertThat(mlp.parameters().get(0).getShape()).isEqualTo(new Shape(5, 3));
        assertThat(mlp.parameterCount()).isEqualTo(5 * 3 + 5 + 4 * 5 + 4 + 2 * 4 + 2);
      }
    }
  }

  @Test
  void initializationIsPytorchsUniformWithBoundOneOverRootFanIn() {
    try (NDManager m = NDManager.newBaseManager()) {
      int fanIn = 400;
      Mlp mlp = Mlp.create(m, Activation.RELU, 3L, fanIn, 300, 1);
      float[] w = mlp.parameters().get(0).toFloatArray();
      double bound = 1 / Math.sqrt(fanIn);
      double sum = 0;
      double sq = 0;
      for (float v : w) {
        assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        sum += v;
        sq += (double) v * v;
      }
      int n = w.length;
      double mean = sum / n;
      double var = sq / n - mean * mean;
      // U(−b, b): mean 0, variance b²/3; the standard error of the mean is b/√(3n), of the variance
      // ≈ b²·0.3/√n.
      assertThat(mean).isCloseTo(0, offset(4 * bound / Math.sqrt(3.0 * n)));
      assertThat(var).isCloseTo(bound * bound / 3, offset(4 * bound * bound * 0.3 / Math.sqrt(n)));
    }
  }

  @Test
  void sameSeedSameNetworkAndOneGeneratorEqualsOneDeepNetwork() {
    try (NDManager m = NDManager.newBaseManager()) {
      Mlp a = Mlp.create(m, Activation.TANH, 11L, 4, 6, 3);
      Mlp b = Mlp.create(m, Activation.TANH, 11L, 4, 6, 3);
      Mlp c = Mlp.create(m, Activation.TANH, 12L, 4, 6, 3);
      assertThat(b.parameters().get(0).toFloatArray())
          .containsExactly(a.parameters().get(0).toFloatArray());
      assertThat(c.parameters().get(0).toFloatArray())
          .isNotEqualTo(a.parameters().get(0).toFloatArray());
      // Two networks drawn in turn from one generator = the layers of one network drawn from it.
      SplittableRandom r1 = new SplittableRandom(5);
      Mlp first = Mlp.create(m, Activation.RELU, r1, 4, 6);
      Mlp second = Mlp.create(m, Activation.RELU, r1, 6, 3);
      Mlp both = Mlp.create(m, Activation.RELU, new SplittableRandom(5), 4, 6, 3);
      assertThat(first.parameters().get(0).toFloatArray())
          .containsExactly(both.parameters().get(0).toFloatArray());
      assertThat(second.parameters().get(1).toFloatArray())
          .containsExactly(both.parameters().get(3).toFloatArray());
    }
  }

  @Test
  void gradientsFlowToEveryParameterUntilFrozen() {
    try (NDManager m = NDManager.newBaseManager()) {
      Mlp mlp = Mlp.create(m, Activation.TANH, 1L, 3, 4, 2);
      NDArray x = m.randomNormal(new Shape(5, 3));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(mlp.forward(x).sum());
      }
      // d Σ y / d b_last = the batch size for every output.
      assertThat(mlp.parameters().get(3).getGradient().toFloatArray()).containsExactly(5f, 5f);
      assertThat(mlp.parameters().get(0).getGradient().abs().sum().getFloat()).isGreaterThan(0f);
      mlp.freeze();
      assertThat(mlp.parameters().get(0).hasGradient()).isFalse();
    }
  }

  @Test
  void explicitArraysAreCheckedAndUsedAsGiven() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1f, 2f}, new Shape(1, 2));
      NDArray b = m.create(new float[] {0.5f});
      Mlp mlp = Mlp.of(Activation.IDENTITY, List.of(w), List.of(b));
      assertThat(mlp.forward(m.create(new float[] {3f, 4f}, new Shape(1, 2))).toFloatArray())
          .containsExactly(11.5f);
      assertThatThrownBy(
              () -> Mlp.of(Activation.RELU, List.of(w), List.of(m.create(new float[] {0f, 1f}))))
          .hasMessage("layer 0: weight must be [out, 2] and bias [out], found (1, 2) and (2)");
      assertThatThrownBy(() -> Mlp.create(m, Activation.RELU, 1L, 3, 0, 2))
          .hasMessage("width 1 must be >= 1, found 0");
      assertThatThrownBy(() -> Activation.parse("gelu"))
          .hasMessage("activation must be one of relu, tanh, silu, identity, found gelu");
    }
  }
}
