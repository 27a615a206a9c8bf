package org.varl.control;

import java.util.Locale;
import java.util.Optional;

/**
 * Finite-horizon control as inference on a finite MDP: backward messages (soft value iteration,
 * {@link BackwardMessages}), forward messages ({@link ForwardMessages}), policy visitation ({@link
 * PolicyVisitation}) and, where the backup defines one, the state marginals of a posterior over
 * trajectories:
 *
 * <pre>
 *   exact backup, gamma = 1:  p(s_t | O_{0:T-1}) proportional to fwd_t(s) exp(V_t(s) / alpha)   (normalized for each t)
 *   maxent backup (any gamma): q(tau) = p0(s_0) prod_t pi_t(a_t|s_t) P(s_{t+1}|s_t,a_t), so q(s_t) = d_t(s)
 *   exact backup, gamma &lt; 1:  undefined
 * </pre>
 *
 * With the exact backup and gamma = 1, exp(V_t/alpha) is the backward message p(O_{t:T-1} | s_t) of
 * the optimality model and the product with the forward message is the true posterior. It differs
 * from the visitation of pi_t whenever the dynamics are stochastic or the start is spread out: the
 * posterior also "chooses" the dynamics' outcomes and its start state (the optimism). The maxent
 * backup fixes the dynamics to the true ones: its posterior is the variational q(tau) above, whose
 * state marginals are exactly the visitation d_t (the same arrays). With the exact backup and gamma
 * &lt; 1, Q_t = r~ + gamma alpha log E exp(V_{t+1}/alpha) raises the message to the power gamma,
 * which is no message of the lecture's model: there is no posterior to take marginals of, and none
 * is returned (a product of forward messages with these V would be a hybrid of two models).
 */
public final class ControlAsInference {
  private ControlAsInference() {}

  public static FiniteHorizonSolution solve(Mdp mdp, InferenceConfig config) {
    // Q, V, pi, and T x S for each of the log and normalized forward messages, the visitation and
    // the marginals, estimated before anything is allocated.
    int horizon = config.horizon();
    MemoryEstimate.check(
        "horizon",
        horizon,
        BackwardMessages.bytes(mdp, horizon)
            + MemoryEstimate.arrays(4.0 * horizon, mdp.numStates, 8),
        "Q, V, pi, forward messages, visitation and marginals at every t (T x S x A doubles)");
    BackwardMessages backward = BackwardMessages.compute(mdp, config);
    double alpha = config.temperature();
    double[][] logForward = ForwardMessages.computeLog(mdp, alpha, horizon);
    double[][] forward = new double[horizon][];
    for (int t = 0; t < horizon; t++) {
      forward[t] = LogSpace.normalizeLog(logForward[t]);
    }
    double[][] visitation = PolicyVisitation.compute(mdp, backward.policy());
    double[][] marginals = null;
    if (config.backup() == Backup.MAXENT) {
      marginals = visitation;
    } else if (config.discount() == 1.0) {
      marginals = new double[horizon][];
      for (int t = 0; t < horizon; t++) {
        double[] logPosterior = new double[mdp.numStates];
        for (int s = 0; s < mdp.numStates; s++) {
          logPosterior[s] = logForward[t][s] + backward.v()[t][s] / alpha;
        }
        marginals[t] = LogSpace.normalizeLog(logPosterior);
      }
    }
    return new FiniteHorizonSolution(
        config,
        mdp.numStates,
        mdp.numActions,
        backward.q(),
        backward.v(),
        backward.policy(),
        forward,
        Optional.ofNullable(marginals),
        marginalsNote(config),
        visitation);
  }

  /**
   * One line saying what {@link FiniteHorizonSolution#marginals()} holds for {@code config}, or,
   * starting with "undefined", why there are none; the CLI writes it next to the marginals.
   */
  public static String marginalsNote(InferenceConfig config) {
    if (config.backup() == Backup.MAXENT) {
      return "maxent backup: the state marginals of the variational posterior q(tau) = p0 prod_t pi_t(a|s) P(s'|s,a),"
          + " which are the policy visitation d_t";
    }
    if (config.discount() == 1.0) {
      return "exact backup, discount 1: the posterior p(s_t | O_{0:T-1}) proportional to fwd_t(s) exp(V_t(s)/alpha)";
    }
    return String.format(
        Locale.ROOT,
        "undefined: with the exact backup and discount %s < 1 the values are no"
            + " backward messages of the optimality model, so it defines no posterior p(s_t | O); use discount 1 or the"
            + " maxent backup",
        config.discount());
  }
}
