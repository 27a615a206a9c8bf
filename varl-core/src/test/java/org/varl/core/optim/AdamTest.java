package org.varl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adam against torch.optim.Adam's update written out in double precision, and its options'
 * formulas.
 */
class AdamTest {

  private static final double[][] GRADS = {
    {0.5, -1.0, 1e-3}, {0.2, 3.0, -1e-3}, {-0.7, 0.1, 0.0}, {1.0, 1.0, 1.0}
  };

  /**
   * The reference: torch.optim.Adam (amsgrad=False) in double precision, with the optional extras.
   */
  private static double[] reference(
      double lr, double wd, double clip, long decaySteps, double finalFraction, int steps) {
    double[] w = {1.0, -2.0, 0.5};
    double[] m = new double[3];
    double[] v = new double[3];
    for (int t = 1; t <= steps; t++) {
      double[] g = GRADS[t - 1].clone();
      if (clip > 0) {
        double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
        double scale = Math.min(1, clip / (norm + 1e-6));
        for (int i = 0; i < 3; i++) {
          g[i] *= scale;
        }
      }
      double rate =
          decaySteps > 0
              ? lr * (1 - (1 - finalFraction) * Math.min(1.0, (t - 1) / (double) decaySteps))
              : lr;
      for (int i = 0; i < 3; i++) {
        double gi = g[i] + wd * w[i];
        m[i] = 0.9 * m[i] + 0.1 * gi;
        v[i] = 0.999 * v[i] + 0.001 * gi * gi;
        double mHat = m[i] / (1 - Math.pow(0.9, t));
        double vHat = v[i] / (1 - Math.pow(0.999, t));
        w[i] -= rate * mHat / (Math.sqrt(vHat) + 1e-8);
      }
    }
    return w;
  }

  private static float[] run(Adam.Builder options, NDArray param, NDManager manager, int steps) {
    try (Adam adam = options.build()) {
      for (int t = 1; t <= steps; t++) {
        double[] g = GRADS[t - 1];
        NDArray grad = manager.create(new float[] {(float) g[0], (float) g[1], (float) g[2]});
        adam.step(List.of(grad));
      }
      assertThat(adam.stepCount()).isEqualTo(steps);
    }
    return param.toFloatArray();
  }

  private static void assertClose(float[] actual, double[] expected, String what) {
    for (int i = 0; i < 3; i++) {
      assertThat((double) actual[i])
          .as("%s, coordinate %d", what, i)
          .isCloseTo(expected[i], offset(1e-6));
    }
  }

  @Test
  void matchesTorchAdamOverSeveralSteps() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray param = manager.create(new float[] {1f, -2f, 0.5f});
      float[] w = run(Adam.builder(List.of(param)).setLearningRate(0.01), param, manager, 4);
      assertClose(w, reference(0.01, 0, 0, 0, 1, 4), "plain");
    }
  }

  @Test
  void weightDecayClippingAndLinearDecayFollowTheirFormulas() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray p1 = manager.create(new float[] {1f, -2f, 0.5f});
      assertClose(
          run(Adam.builder(List.of(p1)).setLearningRate(0.01).optWeightDecay(0.1), p1, manager, 4),
          reference(0.01, 0.1, 0, 0, 1, 4),
          "weight decay");
      NDArray p2 = manager.create(new float[] {1f, -2f, 0.5f});
      // ‖g‖ is 1.1 to 3.2 here: a bound of 0.5 clips every step.
      assertClose(
          run(Adam.builder(List.of(p2)).setLearningRate(0.01).optMaxGradNorm(0.5), p2, manager, 4),
          reference(0.01, 0, 0.5, 0, 1, 4),
          "clipping");
      NDArray p3 = manager.create(new float[] {1f, -2f, 0.5f});
      assertClose(
          run(
              Adam.builder(List.of(p3)).setLearningRate(0.01).optLinearDecay(2, 0.1),
              p3,
              manager,
              4),
          reference(0.01, 0, 0, 2, 0.1, 4),
          "linear decay");
      // Clipping changes the result (the check above is not vacuous).
      assertThat(reference(0.01, 0, 0.5, 0, 1, 4)[1])
          .isNotCloseTo(reference(0.01, 0, 0, 0, 1, 4)[1], offset(1e-4));
    }
  }

  @Test
  void shardedGradientsEqualTheirSumAndParallelThreadsChangeNothing() {
    try (NDManager manager = NDManager.newBaseManager()) {
      int n = 1 << 16; // above the parallel threshold
      float[] init = new float[n];
      float[] g1 = new float[n];
      float[] g2 = new float[n];
      float[] sum = new float[n];
      for (int i = 0; i < n; i++) {
        init[i] = (float) Math.sin(i);
        g1[i] = (float) Math.cos(0.37 * i);
        g2[i] = (float) Math.sin(0.11 * i) * 0.5f;
        sum[i] = g1[i] + g2[i];
      }
      NDArray a = manager.create(init.clone());
      NDArray b = manager.create(init.clone());
      try (Adam one = Adam.builder(List.of(a)).setLearningRate(1e-3).build();
          Adam two = Adam.builder(List.of(b)).setLearningRate(1e-3).optThreads(2).build()) {
        one.step(List.of(manager.create(sum)));
        two.stepSharded(List.of(List.of(manager.create(g1)), List.of(manager.create(g2))));
      }
      assertThat(b.toFloatArray()).containsExactly(a.toFloatArray());
    }
  }

  @Test
  void stepFromParametersUsesAndZeroesTheEngineGradients() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray param = manager.create(new float[] {1f, -2f, 0.5f});
      param.setRequiresGradient(true);
      try (Adam adam = Adam.of(List.of(param), 0.01)) {
        for (int t = 1; t <= 2; t++) {
          double[] g = GRADS[t - 1];
          NDArray c = manager.create(new float[] {(float) g[0], (float) g[1], (float) g[2]});
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(param.mul(c).sum()); // d/dθ (θ · c) = c
          }
          adam.stepFromParameters();
          assertThat(param.getGradient().toFloatArray()).containsOnly(0f);
        }
      }
      assertClose(param.toFloatArray(), reference(0.01, 0, 0, 0, 1, 2), "from parameters");
    }
  }

  @Test
  void stateRoundTripContinuesExactly() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {1f, -2f, 0.5f});
      NDArray b = manager.create(new float[] {1f, -2f, 0.5f});
      try (Adam straight = Adam.of(List.of(a), 0.01);
          Adam first = Adam.of(List.of(b), 0.01)) {
        for (int t = 0; t < 4; t++) {
          double[] g = GRADS[t];
          straight.step(
              List.of(manager.create(new float[] {(float) g[0], (float) g[1], (float) g[2]})));
        }
        for (int t = 0; t < 2; t++) {
          double[] g = GRADS[t];
          first.step(
              List.of(manager.create(new float[] {(float) g[0], (float) g[1], (float) g[2]})));
        }
        AdamState saved = first.state();
        try (Adam second = Adam.of(List.of(b), 0.01)) {
          second.restore(saved);
          for (int t = 2; t < 4; t++) {
            double[] g = GRADS[t];
            second.step(
                List.of(manager.create(new float[] {(float) g[0], (float) g[1], (float) g[2]})));
          }
        }
      }
      assertThat(b.toFloatArray()).containsExactly(a.toFloatArray());
    }
  }

  @Test
  void rejectsNonsensicalSettings() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<NDArray> p = List.of(manager.create(new float[] {1f}));
      assertThatThrownBy(() -> Adam.of(p, -0.1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("lr must be > 0 and finite, found -0.1");
      assertThatThrownBy(() -> Adam.of(p, Double.NaN)).hasMessageContaining("lr must be > 0");
      assertThatThrownBy(() -> Adam.builder(p).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("setLearningRate");
      assertThatThrownBy(() -> Adam.builder(p).optMaxGradNorm(0))
          .hasMessage("max grad norm must be > 0 and finite, found 0.0");
      try (Adam adam = Adam.of(p, 0.1)) {
        assertThatThrownBy(() -> adam.restore(new AdamState(3, new float[2][1], new float[2][1])))
            .hasMessage("adam state has 2 parameters, the optimizer 1");
      }
    }
  }
}
