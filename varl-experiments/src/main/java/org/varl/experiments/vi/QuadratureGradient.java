package org.varl.experiments.vi;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.Function;
import org.varl.core.distributions.Normal;
import org.varl.core.estimators.Integrand;

/**
 * A deterministic reference gradient for a diagonal Gaussian {@code q_φ(z | x_b) = N(μ_b, diag
 * σ_b²)}, {@code z ∈ R^d}, by Gauss–Hermite product quadrature ({@link GaussHermite}, n nodes per
 * axis) with the nodes held fixed:
 *
 * <pre>
 *   E_q[f_b] ≈ Σ_k w_k f_b(μ_b + σ_b ⊙ u_k)                      (n^d points u_k, weights w_k, Σ_k w_k = 1)
 *   ∇_φ (1/B) Σ_b E_q[f_b] ≈ ∇_φ (1/B) Σ_b Σ_k w_k f_b(μ_b(φ) + σ_b(φ) ⊙ u_k)      (autograd through μ and σ)
 * </pre>
 *
 * No draw is made, so the result has no Monte Carlo error, only the rule's discretization error.
 * That error is <em>measured</em>, not bounded: {@link #discretizationError()} is the RMS over
 * parameters of the difference between the n-node rule and a coarser m-node one. While the error
 * falls with the number of nodes that difference is about the m-rule's error, so it overstates the
 * n-rule's. Two cautions, both met in this package: the convergence need not be fast (for a tanh
 * decoder f is analytic only in a strip around the real axis, where Gauss–Hermite converges like
 * {@code exp(−c√n)}, not geometrically), so m = n − 2 can understate the error and m must be well
 * below n; and for a ReLU decoder f has kinks and only algebraic convergence, so the tests check
 * the estimate against a finer rule and the reference against Monte Carlo averages.
 *
 * <p>The points are evaluated in chunks of at most {@code chunk} nodes (all B data points at once),
 * one backward pass per chunk; parameter gradients accumulate over the chunks (PyTorch does not
 * zero them) and are read and zeroed at the end. The arithmetic is float32, like the estimators'.
 *
 * @param gradient the n-node rule's gradient of {@code (1/B) Σ_b E_q[f_b]}, flattened over the
 *     parameters in order
 * @param coarse the m-node rule's
 * @param nodes n, per axis
 * @param coarseNodes m, per axis
 * @param dimension d
 */
record QuadratureGradient(
    double[] gradient, double[] coarse, int nodes, int coarseNodes, int dimension) {

  /**
   * The n- and m-node gradients; {@code attach} are the long-lived arrays a pass touches.
   *
   * @throws IllegalArgumentException unless {@code 1 ≤ m < n} and {@code chunk ≥ 1}
   */
  static QuadratureGradient compute(
      NDManager root,
      int nodes,
      int coarseNodes,
      Function<NDManager, Normal> q,
      Function<NDManager, Integrand> f,
      List<NDArray> parameters,
      List<NDArray> attach,
      int chunk) {
    if (coarseNodes < 1 || coarseNodes >= nodes) {
      throw new IllegalArgumentException(
          "coarse nodes must be in [1, "
              + (nodes - 1)
              + "] (below nodes = "
              + nodes
              + "), found "
              + coarseNodes);
    }
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be >= 1, found " + chunk);
    }
    int d;
    try (NDManager scope = root.newSubManager()) {
      scope.tempAttachAll(attach.toArray(new NDArray[0]));
      d = (int) q.apply(scope).loc().getShape().get(1);
    }
    double[] fine = rule(root, GaussHermite.of(nodes), d, q, f, parameters, attach, chunk);
    double[] coarse = rule(root, GaussHermite.of(coarseNodes), d, q, f, parameters, attach, chunk);
    return new QuadratureGradient(fine, coarse, nodes, coarseNodes, d);
  }

  private static double[] rule(
      NDManager root,
      GaussHermite rule,
      int d,
      Function<NDManager, Normal> q,
      Function<NDManager, Integrand> f,
      List<NDArray> parameters,
      List<NDArray> attach,
      int chunk) {
    float[] u = rule.productNodes(d);
    double[] w = rule.productWeights(d);
    int points = w.length;
    NDArray[] longLived = attach.toArray(new NDArray[0]);
    for (int from = 0; from < points; from += chunk) {
      int k = Math.min(chunk, points - from);
      float[] uChunk = new float[k * d];
      System.arraycopy(u, from * d, uChunk, 0, k * d);
      float[] wChunk = new float[k];
      for (int i = 0; i < k; i++) {
        wChunk[i] = (float) w[from + i];
      }
      try (NDManager scope = root.newSubManager()) {
        scope.tempAttachAll(longLived);
        NDArray nodesArray = scope.create(uChunk, new Shape(k, 1, d));
        NDArray weightsArray = scope.create(wChunk, new Shape(k, 1));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          Normal normal = q.apply(scope);
          NDArray z =
              normal
                  .loc()
                  .expandDims(0)
                  .add(normal.scale().expandDims(0).mul(nodesArray)); // [k, B, d]
          NDArray fz = f.apply(scope).at(z); // [k, B]
          // Σ_k w_k f(z_k), averaged over the batch: this chunk's share of (1/B) Σ_b E_q[f_b].
          gc.backward(fz.mul(weightsArray).sum(new int[] {0}).mean());
        }
      }
    }
    return readAndZero(parameters);
  }

  private static double[] readAndZero(List<NDArray> parameters) {
    int total = 0;
    for (NDArray p : parameters) {
      total += (int) p.size();
    }
    double[] out = new double[total];
    int offset = 0;
    for (NDArray p : parameters) {
      NDArray g = p.getGradient();
      for (float v : g.toType(DataType.FLOAT32, false).toFloatArray()) {
        out[offset++] = v;
      }
      g.subi(g);
    }
    return out;
  }

  /** n^d, the points per data point of the n-node rule. */
  int points() {
    return (int) Math.pow(nodes, dimension);
  }

  /**
   * {@code sqrt((1/P) Σ_j (g_n,j − g_m,j)²)}: the measured discretization error, RMS over the P
   * parameters.
   */
  double discretizationError() {
    double sum = 0;
    for (int j = 0; j < gradient.length; j++) {
      sum += (gradient[j] - coarse[j]) * (gradient[j] - coarse[j]);
    }
    return Math.sqrt(sum / gradient.length);
  }

  /** The RMS over parameters of the gradient itself, the scale the error is read against. */
  double rms() {
    double sum = 0;
    for (double g : gradient) {
      sum += g * g;
    }
    return Math.sqrt(sum / gradient.length);
  }

  /**
   * What this reference is, for {@code trueGradientSource()}: {@code unit} is "data point" or
   * "image".
   */
  String describe(String unit) {
    return String.format(
        java.util.Locale.ROOT,
        "Gauss-Hermite quadrature of E_q[f] per %s, %d^%d = %d nodes, gradient by autograd through"
            + " mu and sigma; discretization error %.2g RMS (vs %d nodes per axis; gradient RMS %.3g)",
        unit,
        nodes(),
        dimension(),
        points(),
        discretizationError(),
        coarseNodes(),
        rms());
  }
}
