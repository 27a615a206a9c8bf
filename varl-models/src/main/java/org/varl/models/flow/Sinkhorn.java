package org.varl.models.flow;

/**
 * Entropy-regularized optimal transport between two uniform discrete measures by Sinkhorn's
 * iterations in the log domain (Cuturi, "Sinkhorn Distances", NeurIPS 2013; Peyré and Cuturi,
 * "Computational Optimal Transport", 2019, §4.4):
 *
 * <pre>
 *   π_ε = argmin_{π ∈ U(a, b)} ⟨π, C⟩ − ε H(π),   a = 1/n, b = 1/m,
 *   π_ij = exp((f_i + g_j − C_ij) / ε),
 *   f_i ← ε log a_i − ε log Σ_j exp((g_j − C_ij) / ε),   g_j ← ε log b_j − ε log Σ_i exp((f_i − C_ij) / ε)
 * </pre>
 *
 * The log-domain updates do not underflow for small ε, where the plan approaches an optimal
 * (unregularized) one and ⟨π_ε, C⟩ approaches the optimal cost (Peyré and Cuturi, Prop. 4.1). Each
 * g-update makes the column sums exact; iteration stops when the row sums are within {@code
 * tolerance} in L1, or after {@code maxIterations}. Plain Java in double precision: for a
 * mini-batch coupling the matrix is small (256²).
 */
public final class Sinkhorn {

  private Sinkhorn() {}

  /** The plan π_ε {@code [n][m]} for cost {@code cost[i][j]}; ε > 0 in the cost's units. */
  public static double[][] plan(
      double[][] cost, double epsilon, int maxIterations, double tolerance) {
    int n = cost.length;
    if (n == 0 || cost[0].length == 0) {
      throw new IllegalArgumentException("cost must be a non-empty matrix");
    }
    if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be finite and > 0, found " + epsilon);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, found " + maxIterations);
    }
    int m = cost[0].length;
    for (int i = 0; i < n; i++) {
      if (cost[i].length != m) {
        throw new IllegalArgumentException(
            "cost row " + i + " has " + cost[i].length + " entries, row 0 has " + m);
      }
    }
    double logA = -Math.log(n);
    double logB = -Math.log(m);
    double[] f = new double[n];
    double[] g = new double[m];
    double[] column = new double[n];
    for (int it = 0; it < maxIterations; it++) {
      for (int i = 0; i < n; i++) {
        f[i] = epsilon * (logA - logSumExp(g, cost[i], epsilon));
      }
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < n; i++) {
          column[i] = cost[i][j];
        }
        g[j] = epsilon * (logB - logSumExp(f, column, epsilon));
      }
      if (rowError(f, g, cost, epsilon, logA) < tolerance) {
        break;
      }
    }
    double[][] plan = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        plan[i][j] = Math.exp((f[i] + g[j] - cost[i][j]) / epsilon);
      }
    }
    return plan;
  }

  /** {@code ⟨π, C⟩ = Σ_ij π_ij C_ij}. */
  public static double transportCost(double[][] plan, double[][] cost) {
    double s = 0;
    for (int i = 0; i < plan.length; i++) {
      for (int j = 0; j < plan[i].length; j++) {
        s += plan[i][j] * cost[i][j];
      }
    }
    return s;
  }

  /** {@code log Σ_j exp((p_j − c_j) / ε)}, shifted by its maximum. */
  private static double logSumExp(double[] potential, double[] c, double epsilon) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < c.length; j++) {
      max = Math.max(max, (potential[j] - c[j]) / epsilon);
    }
    double s = 0;
    for (int j = 0; j < c.length; j++) {
      s += Math.exp((potential[j] - c[j]) / epsilon - max);
    }
    return max + Math.log(s);
  }

  private static double rowError(
      double[] f, double[] g, double[][] cost, double epsilon, double logA) {
    double error = 0;
    double a = Math.exp(logA);
    for (int i = 0; i < f.length; i++) {
      double row = 0;
      for (int j = 0; j < g.length; j++) {
        row += Math.exp((f[i] + g[j] - cost[i][j]) / epsilon);
      }
      error += Math.abs(row - a);
    }
    return error;
  }
}
