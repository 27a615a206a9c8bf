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
 * Shapes: {@code q[t][s*A+a]}, {@code v[t][s]}, {@code policy[t][s*A+a]} for t = 0..T-1. Memory is
 * O(T S A): use {@link SoftValues} when only values of a large MDP are needed.
 */
public record BackwardMessages(double[][] q, double[][] v, double[][] policy) {

  public static BackwardMessages compute(Mdp mdp, InferenceConfig config) {
    int numStates = mdp.numStates;
    int numActions = mdp.numActions;
    int horizon = config.horizon();
    double alpha = config.temperature();
    double gamma = config.discount();
    Backup backup = config.backup();
    mdp.requireRepresentableValues(alpha, gamma < 1 ? Math.min(horizon, 1 / (1 - gamma)) : horizon);
    double[] folded = mdp.foldedRewards(alpha);
    double[][] q = new double[horizon][];
    double[][] v = new double[horizon][];
    double[][] policy = new double[horizon][];
    double[] next = new double[numStates];
    for (int t = horizon - 1; t >= 0; t--) {
      double[] qt = new double[numStates * numActions];
      double[] vt = new double[numStates];
      double[] pt = new double[numStates * numActions];
      for (int row = 0; row < qt.length; row++) {
        // An impossible action (prior 0) stays at exactly -inf; adding a finite backup cannot make
        // NaN.
        qt[row] =
            folded[row] == Double.NEGATIVE_INFINITY
                ? Double.NEGATIVE_INFINITY
                : folded[row]
                    + gamma
                        * backup.apply(
                            mdp.rowStart, mdp.successors, mdp.probabilities, row, next, alpha);
      }
      for (int s = 0; s < numStates; s++) {
        vt[s] = LogSpace.softMax(qt, s * numActions, numActions, alpha);
        double total = 0.0;
        for (int a = 0; a < numActions; a++) {
          pt[s * numActions + a] = Math.exp((qt[s * numActions + a] - vt[s]) / alpha);
          total += pt[s * numActions + a];
        }
        // The rounding of V (|V| ulp / alpha, 1e-8 at |V| = 6e4, alpha = 1e-3) would leave each row
        // off 1 by as much,
        // and the visitation, which is the maxent posterior's marginals, would lose or gain that
        // mass at every step.
        for (int a = 0; a < numActions; a++) {
          pt[s * numActions + a] /= total;
        }
      }
      q[t] = qt;
      v[t] = vt;
      policy[t] = pt;
      next = vt;
    }
    return new BackwardMessages(q, v, policy);
  }
}
