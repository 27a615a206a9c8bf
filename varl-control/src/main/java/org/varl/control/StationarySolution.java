package org.varl.control;

/**
 * The fixed point of discounted soft value iteration: stationary {@code q[s*A+a]}, {@code v[s]},
 * {@code policy[s*A+a]}, the number of sweeps done and the final residual max_s |V_k(s) -
 * V_{k-1}(s)|.
 */
public record StationarySolution(
    InfiniteHorizonConfig config,
    int numStates,
    int numActions,
    double[] q,
    double[] v,
    double[] policy,
    int iterations,
    double residual,
    boolean converged) {

  public double q(int s, int a) {
    return q[s * numActions + a];
  }

  public double policy(int s, int a) {
    return policy[s * numActions + a];
  }
}
