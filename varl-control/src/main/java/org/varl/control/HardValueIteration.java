package org.varl.control;

/**
 * Hard (alpha to 0) finite-horizon value iteration, the limit of the soft backward messages:
 *
 * <pre>
 *   V_T = 0,  Q_t(s,a) = r(s,a) + gamma H[V_{t+1}](s,a),  V_t(s) = max over allowed a of Q_t(s,a)
 *   H = sum_s' P(s'|s,a) V(s')            for the maxent backup (ordinary value iteration)
 *   H = max over s' with P(s'|s,a) > 0 of V(s')   for the exact backup (its alpha to 0 limit: optimistic control)
 * </pre>
 *
 * Actions with prior p(a|s) = 0 are not allowed (their soft reward is -infinity); a positive
 * prior's alpha log p term vanishes as alpha to 0. Returns {@code v[t][s]} for t = 0..T-1.
 */
public final class HardValueIteration {
  private HardValueIteration() {}

  public static double[][] values(Mdp mdp, int horizon, Backup backup, double discount) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon: must be >= 1, found " + horizon);
    }
    InferenceConfig.checkDiscount(discount);
    int numStates = mdp.numStates;
    int numActions = mdp.numActions;
    double[][] v = new double[horizon][];
    double[] next = new double[numStates];
    for (int t = horizon - 1; t >= 0; t--) {
      double[] vt = new double[numStates];
      for (int s = 0; s < numStates; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < numActions; a++) {
          int row = s * numActions + a;
          if (mdp.actionPrior != null && mdp.actionPrior[row] == 0.0) {
            continue;
          }
          double h = backup == Backup.MAXENT ? 0.0 : Double.NEGATIVE_INFINITY;
          for (int k = mdp.rowStart[row]; k < mdp.rowStart[row + 1]; k++) {
            double value = next[mdp.successors[k]];
            h = backup == Backup.MAXENT ? h + mdp.probabilities[k] * value : Math.max(h, value);
          }
          best = Math.max(best, mdp.rewards[row] + discount * h);
        }
        vt[s] = best;
      }
      v[t] = vt;
      next = vt;
    }
    return v;
  }
}
