package org.varl.control;

import java.util.Optional;

/**
 * Everything finite-horizon control as inference computes, for t = 0..T-1 (flattened row-major,
 * {@code [s*A+a]}): {@code q[t][s*A+a]}, {@code v[t][s]}, {@code policy[t][s*A+a]}, {@code
 * forward[t][s]} (normalized forward messages), {@code visitation[t][s]} (state distribution when
 * following pi_t from p0) and {@code marginals[t][s]}, the state marginals of the backup's
 * posterior over trajectories (see {@link ControlAsInference}): the true posterior p(s_t |
 * O_{0:T-1}) for the exact backup with gamma = 1, the variational posterior's (the same arrays as
 * {@code visitation}) for the maxent backup, and empty for the exact backup with gamma &lt; 1,
 * which defines no posterior. {@code marginalsNote} says which in one line. The arrays belong to
 * the solution; callers must not modify them.
 */
public record FiniteHorizonSolution(
    InferenceConfig config,
    int numStates,
    int numActions,
    double[][] q,
    double[][] v,
    double[][] policy,
    double[][] forward,
    Optional<double[][]> marginals,
    String marginalsNote,
    double[][] visitation) {

  public int horizon() {
    return v.length;
  }

  public double q(int t, int s, int a) {
    return q[t][s * numActions + a];
  }

  public double policy(int t, int s, int a) {
    return policy[t][s * numActions + a];
  }

  /** Q_t as [S][A]. */
  public double[][] qMatrix(int t) {
    return reshape(q[t]);
  }

  /** pi_t as [S][A]. */
  public double[][] policyMatrix(int t) {
    return reshape(policy[t]);
  }

  private double[][] reshape(double[] flat) {
    double[][] m = new double[numStates][numActions];
    for (int s = 0; s < numStates; s++) {
      System.arraycopy(flat, s * numActions, m[s], 0, numActions);
    }
    return m;
  }
}
