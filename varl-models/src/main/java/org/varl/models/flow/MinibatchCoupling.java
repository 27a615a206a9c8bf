package org.varl.models.flow;

import java.util.SplittableRandom;
import org.varl.core.analysis.Assignment;

/**
 * Mini-batch optimal-transport pairing of noise rows x_0 and data rows x_1 ({@code [n, d]}) for the
 * squared Euclidean cost {@code C_ij = ‖x_0,i − x_1,j‖²} (Tong et al. 2024, §3.3; Pooladian et al.,
 * "Multisample Flow Matching", ICML 2023):
 *
 * <ul>
 *   <li>exact: the permutation σ minimizing {@code Σ_i C_{i σ(i)}} ({@link Assignment}), which for
 *       uniform weights is an optimal plan of the batch (Birkhoff–von Neumann);
 *   <li>Sinkhorn: n pairs (i, j) drawn with replacement from the entropic plan π_ε ({@link
 *       Sinkhorn}), with ε given relative to the mean cost so that it does not depend on the data's
 *       scale.
 * </ul>
 */
public final class MinibatchCoupling {

  /** Sinkhorn iterations at most, and the L1 tolerance on the row sums. */
  static final int SINKHORN_ITERATIONS = 500;

  static final double SINKHORN_TOLERANCE = 1e-6;

  private MinibatchCoupling() {}

  /** The pairs: row i of the batch is noise row {@code noise[i]} with data row {@code data[i]}. */
  public record Pairs(int[] noise, int[] data) {}

  /** {@code C_ij = ‖x_0,i − x_1,j‖²}. */
  public static double[][] cost(float[] x0, float[] x1, int d) {
    int n = x0.length / d;
    int m = x1.length / d;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          double diff = x0[i * d + k] - x1[j * d + k];
          s += diff * diff;
        }
        c[i][j] = s;
      }
    }
    return c;
  }

  /** The exact OT pairing: noise i with data σ(i). */
  public static Pairs exact(float[] x0, float[] x1, int d) {
    int[] sigma = Assignment.solve(cost(x0, x1, d));
    int[] identity = new int[sigma.length];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    return new Pairs(identity, sigma);
  }

  /** n pairs drawn from Sinkhorn's plan with regularization {@code relativeEpsilon · mean(C)}. */
  public static Pairs sinkhorn(
      float[] x0, float[] x1, int d, double relativeEpsilon, SplittableRandom random) {
    double[][] c = cost(x0, x1, d);
    int n = c.length;
    double mean = 0;
    for (double[] row : c) {
      for (double v : row) {
        mean += v / ((double) n * row.length);
      }
    }
    double[][] plan =
        Sinkhorn.plan(c, relativeEpsilon * mean, SINKHORN_ITERATIONS, SINKHORN_TOLERANCE);
    int m = c[0].length;
    double[] cumulative = new double[n * m];
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        s += plan[i][j];
        cumulative[i * m + j] = s;
      }
    }
    int[] noise = new int[n];
    int[] data = new int[n];
    for (int r = 0; r < n; r++) {
      double u = random.nextDouble() * s;
      int k = java.util.Arrays.binarySearch(cumulative, u);
      k = k >= 0 ? k : Math.min(-k - 1, cumulative.length - 1);
      noise[r] = k / m;
      data[r] = k % m;
    }
    return new Pairs(noise, data);
  }

  /** Rows of {@code x} ({@code [*, d]}) in the order {@code index}. */
  public static float[] gather(float[] x, int[] index, int d) {
    float[] out = new float[index.length * d];
    for (int i = 0; i < index.length; i++) {
      System.arraycopy(x, index[i] * d, out, i * d, d);
    }
    return out;
  }
}
