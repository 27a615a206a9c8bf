package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FusedAdam against torch.optim.Adam's update written out in double precision. */
class FusedAdamTest {

  @Test
  void matchesTorchAdamOverSeveralSteps() {
    double lr = 0.01;
    double[] w = {1.0, -2.0, 0.5};
    double[] m = new double[3];
    double[] v = new double[3];
    double[][] grads = {{0.5, -1.0, 1e-3}, {0.2, 3.0, -1e-3}, {-0.7, 0.1, 0.0}, {1.0, 1.0, 1.0}};
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray param = manager.create(new float[] {1f, -2f, 0.5f});
      FusedAdam adam = new FusedAdam(List.of(param), lr);
      for (int t = 1; t <= grads.length; t++) {
        double[] g = grads[t - 1];
        for (int i = 0; i < 3; i++) {
          // torch.optim.Adam (amsgrad=False): bias-corrected step, eps added to sqrt(v_hat).
          m[i] = 0.9 * m[i] + 0.1 * g[i];
          v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
          double mHat = m[i] / (1 - Math.pow(0.9, t));
          double vHat = v[i] / (1 - Math.pow(0.999, t));
          w[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
        }
        NDArray grad = manager.create(new float[] {(float) g[0], (float) g[1], (float) g[2]});
        adam.update(List.of(param), List.of(grad));
        float[] actual = param.toFloatArray();
        for (int i = 0; i < 3; i++) {
          assertThat((double) actual[i]).as("step %d, coordinate %d", t, i)
              .isCloseTo(w[i], org.assertj.core.data.Offset.offset(1e-6));
        }
      }
      assertThat(adam.step()).isEqualTo(grads.length);
    }
  }

  @Test
  void rejectsNonsensicalLearningRate() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<NDArray> p = List.of(manager.create(new float[] {1f}));
      assertThatThrownBy(() -> new FusedAdam(p, -0.1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("lr must be > 0 and finite, found -0.1");
      assertThatThrownBy(() -> new FusedAdam(p, Double.NaN)).hasMessageContaining("lr must be > 0");
    }
  }
}
