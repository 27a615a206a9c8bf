package org.varl.control;

/**
 * Infinite-horizon discounted soft value iteration (gamma < 1, either backup): iterate Q(s,a) =
 * r~(s,a) + gamma B[V](s,a), V(s) = alpha log sum_a exp(Q(s,a)/alpha) from V = 0 until max_s |V_new
 * - V| <= tolerance. The map is a gamma-contraction in the sup norm for both backups, so it
 * converges; the policy is pi(a|s) = exp((Q(s,a) - V(s)) / alpha).
 */
public final class SoftValueIteration {
  private SoftValueIteration() {}

  public static StationarySolution solve(Mdp mdp, InfiniteHorizonConfig config) {
    int numStates = mdp.numStates;
    int numActions = mdp.numActions;
    double alpha = config.temperature();
    double gamma = config.discount();
    Backup backup = config.backup();
    mdp.requireRepresentableValues(alpha, 1 / (1 - gamma));
    double[] folded = mdp.foldedRewards(alpha);
    double[] v = new double[numStates];
    double[] q = new double[numStates * numActions];
    double residual = Double.POSITIVE_INFINITY;
    int iterations = 0;
    while (iterations < config.maxIterations() && residual > config.tolerance()) {
      for (int row = 0; row < q.length; row++) {
        q[row] =
            folded[row] == Double.NEGATIVE_INFINITY
                ? Double.NEGATIVE_INFINITY
                : folded[row]
                    + gamma
                        * backup.apply(
                            mdp.rowStart, mdp.successors, mdp.probabilities, row, v, alpha);
      }
      double[] next = new double[numStates];
      residual = 0.0;
      for (int s = 0; s < numStates; s++) {
        next[s] = LogSpace.softMax(q, s * numActions, numActions, alpha);
        residual = Math.max(residual, Math.abs(next[s] - v[s]));
      }
      v = next;
      iterations++;
    }
    // Q from the final V, so that pi and V are exactly consistent.
    double[] policy = new double[q.length];
    for (int row = 0; row < q.length; row++) {
      q[row] =
          folded[row] == Double.NEGATIVE_INFINITY
              ? Double.NEGATIVE_INFINITY
              : folded[row]
                  + gamma
                      * backup.apply(
                          mdp.rowStart, mdp.successors, mdp.probabilities, row, v, alpha);
    }
    double[] vq = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      vq[s] = LogSpace.softMax(q, s * numActions, numActions, alpha);
      for (int a = 0; a < numActions; a++) {
        policy[s * numActions + a] = Math.exp((q[s * numActions + a] - vq[s]) / alpha);
      }
    }
    return new StationarySolution(
        config,
        numStates,
        numActions,
        q,
        vq,
        policy,
        iterations,
        residual,
        residual <= config.tolerance());
  }
}
