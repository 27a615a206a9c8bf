package org.varl.control;

/**
 * Infinite-horizon discounted soft value iteration (gamma < 1, either backup): iterate Q(s,a) =
 * r~(s,a) + gamma B[V](s,a), V(s) = alpha log sum_a exp(Q(s,a)/alpha) from V = 0 until max_s |V_new
 * - V| <= tolerance. The map is a gamma-contraction in the sup norm for both backups, so it
 * converges; the policy is pi(a|s) = exp((Q(s,a) - V(s)) / alpha), computed as a log-softmax
 * ({@link LogSpace#softPolicy}) so that each row sums to 1 for every accepted alpha.
 */
public final class SoftValueIteration {
  private SoftValueIteration() {}

  public static StationarySolution solve(Mdp mdp, InfiniteHorizonConfig config) {
    int numStates = mdp.numStates;
    int numActions = mdp.numActions;
    double alpha = config.temperature();
    double gamma = config.discount();
    Backup backup = config.backup();
    NumericRange.checkDiscounted(mdp, alpha, gamma);
    double[] prior = mdp.actionPrior;
    double[] v = new double[numStates];
    // Q' = r + gamma B[V], the prior kept apart as weights (see BackwardMessages).
    double[] q = new double[numStates * numActions];
    double residual = Double.POSITIVE_INFINITY;
    int iterations = 0;
    while (iterations < config.maxIterations() && residual > config.tolerance()) {
      backups(mdp, backup, gamma, alpha, v, q);
      double[] next = new double[numStates];
      residual = 0.0;
      for (int s = 0; s < numStates; s++) {
        next[s] = LogSpace.softValue(q, s * numActions, numActions, prior, alpha);
        residual = Math.max(residual, Math.abs(next[s] - v[s]));
      }
      v = next;
      iterations++;
    }
    // Q from the final V, so that pi and V are exactly consistent.
    backups(mdp, backup, gamma, alpha, v, q);
    double[] policy = new double[q.length];
    double[] vq = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      vq[s] = LogSpace.softValue(q, s * numActions, numActions, prior, alpha);
      LogSpace.softPolicy(q, s * numActions, numActions, prior, alpha, policy);
    }
    if (prior != null) {
      for (int row = 0; row < q.length; row++) {
        q[row] =
            prior[row] == 0.0 ? Double.NEGATIVE_INFINITY : q[row] + alpha * Math.log(prior[row]);
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

  /** q[row] = r(row) + gamma B[v](row), or -infinity where the prior is 0. */
  private static void backups(
      Mdp mdp, Backup backup, double gamma, double alpha, double[] v, double[] q) {
    for (int row = 0; row < q.length; row++) {
      q[row] =
          mdp.actionPrior != null && mdp.actionPrior[row] == 0.0
              ? Double.NEGATIVE_INFINITY
              : mdp.rewards[row]
                  + gamma
                      * backup.apply(
                          mdp.rowStart, mdp.successors, mdp.probabilities, row, v, alpha);
    }
  }
}
