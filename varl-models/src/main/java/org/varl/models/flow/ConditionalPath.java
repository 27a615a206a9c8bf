package org.varl.models.flow;

/**
 * The conditional probability path of flow matching and its regression target, for a noise point
 * x_0 ~ N(0, I) paired with a data point x_1 and a time t ∈ [0, 1] (Lipman et al., "Flow Matching
 * for Generative Modeling", ICLR 2023, eq. 20–23, the optimal-transport path):
 *
 * <pre>
 *   x_t = (1 − (1 − σ_min) t) x_0 + t x_1,      u_t(x_t | x_0, x_1) = x_1 − (1 − σ_min) x_0,
 *   L_CFM(θ) = E_{t, (x_0, x_1) ~ π} ‖v_θ(x_t, t) − u_t‖²
 * </pre>
 *
 * With σ_min = 0 this is the straight interpolation {@code x_t = (1 − t) x_0 + t x_1} with target
 * {@code x_1 − x_0}: Tong et al.'s I-CFM with σ = 0 ("Improving and Generalizing Flow-Based
 * Generative Models with Minibatch Optimal Transport", TMLR 2024, §3.2) and the PyTorch peer's
 * {@code cfm}. σ_min > 0 ends the path at N(x_1, σ_min² I) instead of at x_1. The coupling π is
 * independent (I-CFM) or a mini-batch OT plan (OT-CFM, {@link MinibatchCoupling}). Plain Java on
 * row-major arrays, so that one training step copies its input to the engine in one call.
 */
public final class ConditionalPath {

  private ConditionalPath() {}

  /**
   * Writes x_t into {@code xt} and u_t into {@code target} for rows {@code x0}, {@code x1} ({@code
   * [n, d]} row-major) and times {@code t} (length n).
   */
  public static void build(
      float[] x0, float[] x1, double[] t, double sigmaMin, int d, float[] xt, float[] target) {
    int n = t.length;
    if (x0.length != n * d || x1.length != n * d || xt.length != n * d || target.length != n * d) {
      throw new IllegalArgumentException(
          "rows must hold " + n + " x " + d + " values, found " + x0.length + " and " + x1.length);
    }
    double keep = 1 - sigmaMin;
    for (int i = 0; i < n; i++) {
      double a = 1 - keep * t[i];
      for (int j = 0; j < d; j++) {
        int k = i * d + j;
        xt[k] = (float) (a * x0[k] + t[i] * x1[k]);
        target[k] = (float) (x1[k] - keep * x0[k]);
      }
    }
  }
}
