package org.varl.rl.agents;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Independent forward passes in double precision from a network's weights, for tests that check the
 * engine's results: an {@code Mlp} ({@code W: [out, in]}) and an {@code EnsembleMlp} member ({@code
 * W: [K, in, out]}), ReLU hidden layers.
 */
final class JavaNets {

  private JavaNets() {}

  /** {@code mlp(x)} for one input row, from {@code [W_0, b_0, ...]} in PyTorch's layout. */
  static double[] mlp(List<NDArray> parameters, double[] x) {
    double[] h = x;
    int layers = parameters.size() / 2;
    for (int l = 0; l < layers; l++) {
      NDArray w = parameters.get(2 * l);
      float[] wv = w.toFloatArray();
      float[] bv = parameters.get(2 * l + 1).toFloatArray();
      int out = (int) w.getShape().get(0);
      int in = (int) w.getShape().get(1);
      double[] next = new double[out];
      for (int o = 0; o < out; o++) {
        double s = bv[o];
        for (int i = 0; i < in; i++) {
          s += wv[o * in + i] * h[i];
        }
        next[o] = l < layers - 1 ? Math.max(0, s) : s;
      }
      h = next;
    }
    return h;
  }
}
