package org.varl.control;

/**
 * The backward messages of control as inference, i.e. finite-horizon soft value iteration, storing
 * every t.
 *
 * <pre>
 *   V_T(s)     = 0
 *   Q_t(s,a)   = r~(s,a) + gamma B[V_{t+1}](s,a)          r~ = r + alpha log p(a|s), B = exact or maxent
 *   V_t(s)     = alpha log sum_a exp(Q_t(s,a) / alpha)     (the soft max)
 *   pi_t(a|s)  = exp((Q_t(s,a) - V_t(s)) / alpha)
 * </pre>
 *
 * computed in the forms that hold for every accepted alpha: V by {@link LogSpace#softValue} with
 * the prior as weights, pi as a log-softmax ({@link LogSpace#softPolicy}), so each policy row sums
 * to 1 within a few ulps.
 *
 * <p>Shapes: {@code q[t][s*A+a]}, {@code v[t][s]}, {@code policy[t][s*A+a]} for t = 0..T-1. Memory
 * is O(T S A): use {@link SoftValues} when only values of a large MDP are needed.
 */
public record BackwardMessages(double[][] q, double[][] v, double[][] policy) {

  /**
   * Bytes of q, v and policy for every t: what {@link #compute} allocates, before it does (issue
   * 9).
   */
  static double bytes(Mdp mdp, int horizon) {
    double rows = (double) mdp.numStates * mdp.numActions;
    return MemoryEstimate.arrays(2.0 * horizon, rows, 8)
        + MemoryEstimate.arrays(horizon, mdp.numStates, 8)
        + MemoryEstimate.arrays(3, horizon, 8);
  }

  public static BackwardMessages compute(Mdp mdp, InferenceConfig config) {
    int numStates = mdp.numStates;
    int numActions = mdp.numActions;
    int horizon = config.horizon();
    double alpha = config.temperature();
    double gamma = config.discount();
    Backup backup = config.backup();
    NumericRange.checkHorizon(mdp, alpha, horizon);
    MemoryEstimate.check(
        "horizon", horizon, bytes(mdp, horizon), "Q, V and pi at every t (T x S x A doubles)");
    double[] rewards = mdp.rewards;
    double[] prior = mdp.actionPrior;
    double[][] q = new double[horizon][];
    double[][] v = new double[horizon][];
    double[][] policy = new double[horizon][];
    double[] next = new double[numStates];
    // Q'_t = r + gamma B[V_{t+1}] without the prior's alpha log p: for alpha = 1e20 that term
    // would round r and B away (V_0 was [16384, 30720, 10] for [3.67, 5.50, 10]); the prior
    // enters V and pi as weights instead (LogSpace.softValue, LogSpace.softPolicy).
    double[] qWithoutPrior = new double[numStates * numActions];
    for (int t = horizon - 1; t >= 0; t--) {
      double[] qt = new double[numStates * numActions];
      double[] vt = new double[numStates];
      double[] pt = new double[numStates * numActions];
      for (int row = 0; row < qt.length; row++) {
        // An impossible action (prior 0) stays at exactly -inf.
        if (prior != null && prior[row] == 0.0) {
          qWithoutPrior[row] = Double.NEGATIVE_INFINITY;
          qt[row] = Double.NEGATIVE_INFINITY;
          continue;
        }
        qWithoutPrior[row] =
            rewards[row]
                + gamma
                    * backup.apply(
                        mdp.rowStart, mdp.successors, mdp.probabilities, row, next, alpha);
        qt[row] =
            prior == null ? qWithoutPrior[row] : qWithoutPrior[row] + alpha * Math.log(prior[row]);
      }
      for (int s = 0; s < numStates; s++) {
        vt[s] = LogSpace.softValue(qWithoutPrior, s * numActions, numActions, prior, alpha);
        LogSpace.softPolicy(qWithoutPrior, s * numActions, numActions, prior, alpha, pt);
      }
      q[t] = qt;
      v[t] = vt;
      policy[t] = pt;
      next = vt;
    }
    return new BackwardMessages(q, v, policy);
  }
}
