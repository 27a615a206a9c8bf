package org.varl.control;

/**
 * State visitation of a time-varying policy: d_0 = p0, d_{t+1}(s') = sum_{s,a} P(s'|s,a) pi_t(a|s)
 * d_t(s). Input {@code policy[t][s*A+a]} for t = 0..T-1; output {@code d[t][s]} for t = 0..T-1.
 */
public final class PolicyVisitation {
  private PolicyVisitation() {}

  public static double[][] compute(Mdp mdp, double[][] policy) {
    return compute(mdp, policy, mdp.initial);
  }

  public static double[][] compute(Mdp mdp, double[][] policy, double[] start) {
    int horizon = policy.length;
    int numStates = mdp.numStates;
    int numActions = mdp.numActions;
    double[][] d = new double[horizon][];
    d[0] = start.clone();
    for (int t = 0; t + 1 < horizon; t++) {
      double[] next = new double[numStates];
      double[] current = d[t];
      double[] pi = policy[t];
      for (int s = 0; s < numStates; s++) {
        if (current[s] == 0.0) {
          continue;
        }
        for (int a = 0; a < numActions; a++) {
          int row = s * numActions + a;
          double mass = current[s] * pi[row];
          if (mass == 0.0) {
            continue;
          }
          for (int k = mdp.rowStart[row]; k < mdp.rowStart[row + 1]; k++) {
            next[mdp.successors[k]] += mass * mdp.probabilities[k];
          }
        }
      }
      d[t + 1] = next;
    }
    return d;
  }
}
