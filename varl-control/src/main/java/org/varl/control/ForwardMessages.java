package org.varl.control;

import java.util.Arrays;

/**
 * The forward messages of control as inference, normalized at each step:
 *
 * <pre>
 *   fwd_0 = p0
 *   fwd_{t+1}(s') proportional to sum_{s,a} P(s'|s,a) exp(r(s,a)/alpha) p(a|s) fwd_t(s)
 * </pre>
 *
 * with p(a|s) uniform when no prior is given. Computed in log space (log fwd), so rewards of any
 * size neither overflow nor lose the states they weight down. Returns {@code logForward[t][s]} for
 * t = 0..T-1.
 */
public final class ForwardMessages {
  private ForwardMessages() {}

  /**
   * log fwd_t(s), t = 0..T-1, each normalized (log sum_s exp = 0); -infinity marks unreachable
   * states.
   */
  public static double[][] computeLog(Mdp mdp, double alpha, int horizon) {
    InferenceConfig.checkTemperature(alpha);
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon: must be >= 1, found " + horizon);
    }
    NumericRange.checkHorizon(mdp, alpha, horizon);
    MemoryEstimate.check(
        "horizon",
        horizon,
        MemoryEstimate.arrays(horizon, mdp.numStates, 8),
        "the forward messages (T x S doubles)");
    int numStates = mdp.numStates;
    int numActions = mdp.numActions;
    // log(exp(r/alpha) p(a|s)) = r/alpha + log p(a|s), not (r + alpha log p)/alpha, which rounds r
    // away at large alpha; the uniform 1/A of "no prior" is a constant that normalization removes.
    double[] logWeight = new double[numStates * numActions];
    for (int row = 0; row < logWeight.length; row++) {
      logWeight[row] =
          mdp.actionPrior == null
              ? mdp.rewards[row] / alpha
              : mdp.actionPrior[row] == 0.0
                  ? Double.NEGATIVE_INFINITY
                  : mdp.rewards[row] / alpha + Math.log(mdp.actionPrior[row]);
    }
    double[][] logForward = new double[horizon][];
    double[] current = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      current[s] = Math.log(mdp.initial[s]);
    }
    logForward[0] = current;
    double[] max = new double[numStates];
    double[] acc = new double[numStates];
    for (int t = 0; t + 1 < horizon; t++) {
      // Two passes of a scatter logsumexp: first each successor's largest incoming log term, then
      // the shifted sum.
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      Arrays.fill(acc, 0.0);
      for (int pass = 0; pass < 2; pass++) {
        for (int s = 0; s < numStates; s++) {
          if (current[s] == Double.NEGATIVE_INFINITY) {
            continue;
          }
          for (int a = 0; a < numActions; a++) {
            int row = s * numActions + a;
            double base = current[s] + logWeight[row];
            if (base == Double.NEGATIVE_INFINITY) {
              continue;
            }
            for (int k = mdp.rowStart[row]; k < mdp.rowStart[row + 1]; k++) {
              double term = base + Math.log(mdp.probabilities[k]);
              int s2 = mdp.successors[k];
              if (pass == 0) {
                max[s2] = Math.max(max[s2], term);
              } else {
                acc[s2] += Math.exp(term - max[s2]);
              }
            }
          }
        }
      }
      double[] next = new double[numStates];
      for (int s = 0; s < numStates; s++) {
        next[s] =
            max[s] == Double.NEGATIVE_INFINITY
                ? Double.NEGATIVE_INFINITY
                : max[s] + Math.log(acc[s]);
      }
      double logZ = LogSpace.logSumExp(next);
      for (int s = 0; s < numStates; s++) {
        next[s] -= logZ;
      }
      logForward[t + 1] = next;
      current = next;
    }
    return logForward;
  }

  /** fwd_t(s) as probabilities, t = 0..T-1, each summing to 1. */
  public static double[][] compute(Mdp mdp, double alpha, int horizon) {
    double[][] logForward = computeLog(mdp, alpha, horizon);
    double[][] forward = new double[horizon][];
    for (int t = 0; t < horizon; t++) {
      forward[t] = LogSpace.normalizeLog(logForward[t]);
    }
    return forward;
  }
}
