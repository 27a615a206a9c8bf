package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.varl.control.PropertiesTest.assertClose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link FiniteHorizonSolution#marginals()} is for each backup, checked against brute-force
 * enumeration of every trajectory (s_0, a_0, ..., s_{T-1}, a_{T-1}) of tiny MDPs with stochastic
 * dynamics and a spread-out start.
 */
class PosteriorMarginalsTest {

  /**
   * The weight of taking a at s at time t: exp(r/alpha) p(a|s) for the model, pi_t(a|s) for a
   * policy.
   */
  interface StepWeight {
    double of(int t, int s, int a);
  }

  /**
   * p(s_t) under p(tau) proportional to p0(s_0) prod_{t<T} w(t, s_t, a_t) prod_{t<T-1}
   * P(s_{t+1}|s_t,a_t), by summing over every trajectory (each transition entry k is its own
   * branch, so duplicate successors add up).
   */
  static double[][] enumerate(Mdp mdp, int horizon, StepWeight w) {
    double[][] marginals = new double[horizon][mdp.numStates];
    int[] states = new int[horizon];
    double total = 0;
    for (int s0 = 0; s0 < mdp.numStates; s0++) {
      if (mdp.initial[s0] > 0) {
        states[0] = s0;
        total += walk(mdp, horizon, w, 0, mdp.initial[s0], states, marginals);
      }
    }
    for (double[] row : marginals) {
      for (int s = 0; s < row.length; s++) {
        row[s] /= total;
      }
    }
    return marginals;
  }

  /**
   * Adds the weight of every completion of the prefix states[0..t] (weight so far {@code weight});
   * returns it.
   */
  private static double walk(
      Mdp mdp,
      int horizon,
      StepWeight w,
      int t,
      double weight,
      int[] states,
      double[][] marginals) {
    int s = states[t];
    double sum = 0;
    for (int a = 0; a < mdp.numActions; a++) {
      double step = weight * w.of(t, s, a);
      if (step == 0) {
        continue;
      }
      if (t == horizon - 1) {
        for (int k = 0; k < horizon; k++) {
          marginals[k][states[k]] += step;
        }
        sum += step;
        continue;
      }
      for (int k = mdp.rowBegin(s, a); k < mdp.rowEnd(s, a); k++) {
        states[t + 1] = mdp.successor(k);
        sum += walk(mdp, horizon, w, t + 1, step * mdp.probability(k), states, marginals);
      }
    }
    return sum;
  }

  private static StepWeight model(Mdp mdp, double alpha) {
    return (t, s, a) ->
        Math.exp(mdp.reward(s, a) / alpha)
            * (mdp.hasActionPrior() ? mdp.actionPrior(s, a) : 1.0 / mdp.numActions);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void exactBackupWithoutDiscountGivesThePosteriorOfTheOptimalityModel(long seed) {
    int horizon = 4;
    double alpha = 0.7;
    Mdp mdp = RandomMdps.random(seed, 3, 2, false, false, 1.5);
    Mdp withPrior = mdp.withActionPrior(RandomMdps.prior(seed + 7, 3, 2, true));
    for (Mdp m : new Mdp[] {mdp, withPrior}) {
      FiniteHorizonSolution sol =
          ControlAsInference.solve(m, new InferenceConfig(horizon, alpha, Backup.EXACT, 1.0));
      double[][] brute = enumerate(m, horizon, model(m, alpha));
      double[][] marginals = sol.marginals().orElseThrow();
      for (int t = 0; t < horizon; t++) {
        assertClose(marginals[t], brute[t], 1e-12);
      }
      assertThat(sol.marginalsNote()).contains("posterior p(s_t | O_{0:T-1})");
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void maxentBackupGivesTheVariationalPosteriorWhoseMarginalsAreTheVisitation(long seed) {
    int horizon = 6;
    Mdp mdp = RandomMdps.random(seed, 7, 3, false, false, 2.0);
    for (double gamma : new double[] {1.0, 0.8}) {
      FiniteHorizonSolution sol =
          ControlAsInference.solve(mdp, new InferenceConfig(horizon, 0.5, Backup.MAXENT, gamma));
      double[][] marginals = sol.marginals().orElseThrow();
      double[][] visitation = PolicyVisitation.compute(mdp, sol.policy());
      for (int t = 0; t < horizon; t++) {
        assertClose(marginals[t], visitation[t], 1e-12);
      }
      assertThat(sol.marginalsNote()).contains("variational posterior", "visitation");
    }
    // q(tau) = p0 prod_t pi_t(a|s) P(s'|s,a), enumerated on a tiny MDP: the same marginals.
    Mdp tiny = RandomMdps.random(seed, 3, 2, false, false, 2.0);
    FiniteHorizonSolution sol =
        ControlAsInference.solve(tiny, new InferenceConfig(4, 0.5, Backup.MAXENT, 1.0));
    double[][] brute = enumerate(tiny, 4, (t, s, a) -> sol.policy(t, s, a));
    for (int t = 0; t < 4; t++) {
      assertClose(sol.marginals().orElseThrow()[t], brute[t], 1e-12);
    }
  }

  @Test
  void theFormerHybridDiffersFromTheVisitationUnderTheMaxentBackup() {
    // fwd_t exp(V_t/alpha) with maxent V is neither the model's posterior nor q's marginals: on
    // this MDP it is far
    // from both, which is why the maxent solution no longer reports it.
    Mdp mdp = RandomMdps.random(12, 7, 3, false, false, 2.0);
    InferenceConfig config = new InferenceConfig(6, 0.5, Backup.MAXENT, 1.0);
    FiniteHorizonSolution sol = ControlAsInference.solve(mdp, config);
    double[][] logForward = ForwardMessages.computeLog(mdp, 0.5, 6);
    double[] hybrid = new double[7];
    for (int s = 0; s < 7; s++) {
      hybrid[s] = logForward[5][s] + sol.v()[5][s] / 0.5;
    }
    assertThat(
            PropertiesTest.maxAbsDiff(
                LogSpace.normalizeLog(hybrid), sol.marginals().orElseThrow()[5]))
        .isGreaterThan(1e-3);
  }

  @Test
  void exactBackupWithDiscountHasNoPosteriorMarginals() {
    Mdp mdp = RandomMdps.random(5, 4, 2, false, false, 1.0);
    FiniteHorizonSolution sol =
        ControlAsInference.solve(mdp, new InferenceConfig(5, 1.0, Backup.EXACT, 0.9));
    assertThat(sol.marginals()).isEmpty();
    assertThat(sol.marginalsNote())
        .startsWith("undefined")
        .contains("discount 0.9", "exact backup");
    // Everything else is still there.
    assertThat(sol.visitation()).hasNumberOfRows(5);
    assertThat(sol.forward()).hasNumberOfRows(5);
  }
}
