package org.varl.control;

/**
 * Finite-horizon control as inference on a finite MDP: backward messages (soft value iteration, {@link
 * BackwardMessages}), forward messages ({@link ForwardMessages}), posterior state marginals and policy visitation
 * ({@link PolicyVisitation}).
 *
 * <pre>
 *   p(s_t | O_{0:T-1}) proportional to fwd_t(s) exp(V_t(s) / alpha)     (normalized for each t)
 * </pre>
 *
 * The marginals are those of the posterior over trajectories; the visitation is what happens when the policy pi_t
 * is run in the true dynamics from p0. They agree for deterministic dynamics and a single start state; otherwise the
 * posterior also "chooses" the dynamics' outcomes and its start state.
 */
public final class ControlAsInference {
  private ControlAsInference() {
  }

  public static FiniteHorizonSolution solve(Mdp mdp, InferenceConfig config) {
    BackwardMessages backward = BackwardMessages.compute(mdp, config);
    double alpha = config.temperature();
    int horizon = config.horizon();
    double[][] logForward = ForwardMessages.computeLog(mdp, alpha, horizon);
    double[][] forward = new double[horizon][];
    double[][] marginals = new double[horizon][];
    for (int t = 0; t < horizon; t++) {
      forward[t] = LogSpace.normalizeLog(logForward[t]);
      double[] logPosterior = new double[mdp.numStates];
      for (int s = 0; s < mdp.numStates; s++) {
        logPosterior[s] = logForward[t][s] + backward.v()[t][s] / alpha;
      }
      marginals[t] = LogSpace.normalizeLog(logPosterior);
    }
    double[][] visitation = PolicyVisitation.compute(mdp, backward.policy());
    return new FiniteHorizonSolution(config, mdp.numStates, mdp.numActions, backward.q(), backward.v(),
        backward.policy(), forward, marginals, visitation);
  }
}
