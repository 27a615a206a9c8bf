package org.varl.models.quality;

import org.varl.core.analysis.Assignment;

/**
 * The exact 2-Wasserstein distance between two equal-size empirical distributions (uniform weights
 * on n points each), for which an optimal coupling is a permutation (Birkhoff–von Neumann):
 *
 * <pre>
 *   W₂(A, B) = ( min_σ (1/n) Σ_i |a_i − b_σ(i)|² )^{1/2}
 * </pre>
 *
 * solved by {@link Assignment} on the squared-distance matrix, O(n³) (about a second for n = 1000).
 */
public final class Wasserstein {

  private Wasserstein() {}

  /** W₂ between row-major point sets of dimension d with the same number of points. */
  public static double w2(float[] a, float[] b, int d) {
    EnergyDistance.requireRows(a, d, "a");
    EnergyDistance.requireRows(b, d, "b");
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "exact W2 needs equal-size sets, found "
              + a.length / d
              + " and "
              + b.length / d
              + " points");
    }
    int n = a.length / d;
    double[] cost = squaredDistances(a, b, d);
    int[] sigma = Assignment.solve(cost, n, n);
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += cost[i * n + sigma[i]];
    }
    return Math.sqrt(total / n);
  }

  /** {@code |a_i − b_j|²}, row-major {@code [n_a, n_b]}. */
  public static double[] squaredDistances(float[] a, float[] b, int d) {
    int n = a.length / d;
    int m = b.length / d;
    double[] c = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          double diff = (double) a[i * d + k] - b[j * d + k];
          s += diff * diff;
        }
        c[i * m + j] = s;
      }
    }
    return c;
  }
}
