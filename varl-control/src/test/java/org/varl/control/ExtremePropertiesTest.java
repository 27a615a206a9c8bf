package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 9's property over random MDPs, temperatures alpha = 10^[-12, 12] and reward scales |r| up
 * to 10^12, with and without an action prior (zeros included), both backups, gamma in {0.9, 1}:
 * every policy row and every visitation, forward message and marginal sums to 1 within 1e-12, V is
 * finite, and the exact backup is optimistic, V_exact >= V_maxent (Jensen).
 *
 * <p>The tolerance of the last check is relative to the largest magnitude the recursion handles, M
 * = (max |r| + alpha L) T + 1 (L = log A, or the largest |log p(a|s)| with a prior; NumericRange's
 * bound). Each step of either recursion forms Q = r + gamma B and V = m + alpha (log W +
 * log1p(...)), a handful of roundings of numbers of size at most M, so each adds at most a few ulps
 * of M, about 4 eps M, and the errors of the two recursions add over T steps: 2 x 4 T eps M, eps =
 * 2^-52. The tolerance 16 T eps M allows twice that. It is not a weakened check: the gap itself is
 * O(alpha) at small alpha and O(Var/alpha) at large alpha, and a sign error in either form would
 * show as a violation of order max |r|, far above it.
 */
class ExtremePropertiesTest {
  private static final double EPS = Math.ulp(1.0);

  @Property(tries = 300, seed = "20261201")
  void everyOutputIsADistributionAndExactIsOptimistic(
      @ForAll @IntRange(min = 0, max = 1_000_000) int seed,
      @ForAll @DoubleRange(min = -12, max = 12) double log10Alpha,
      @ForAll @DoubleRange(min = -3, max = 12) double log10RewardScale,
      @ForAll @IntRange(min = 1, max = 8) int horizon,
      @ForAll boolean withPrior,
      @ForAll boolean discounted) {
    int numStates = 2 + seed % 6;
    int numActions = 1 + seed % 4;
    double alpha = Math.pow(10, log10Alpha);
    double rewardScale = Math.pow(10, log10RewardScale);
    double gamma = discounted ? 0.9 : 1.0;
    Mdp mdp = RandomMdps.random(seed, numStates, numActions, false, seed % 3 == 0, rewardScale);
    if (withPrior) {
      mdp = mdp.withActionPrior(RandomMdps.prior(seed, numStates, numActions, true));
    }
    double[][] v = new double[2][];
    for (Backup backup : Backup.values()) {
      FiniteHorizonSolution sol =
          ControlAsInference.solve(mdp, new InferenceConfig(horizon, alpha, backup, gamma));
      for (int t = 0; t < horizon; t++) {
        assertRows(sol.policy()[t], numActions);
        assertDistribution(sol.visitation()[t]);
        assertDistribution(sol.forward()[t]);
        if (sol.marginals().isPresent()) {
          assertDistribution(sol.marginals().get()[t]);
        }
        PropertiesTest.assertAllFinite(sol.v()[t]);
      }
      v[backup.ordinal()] = sol.v()[0];
      // The values-only solver (exponential-domain or per-row path by alpha) agrees.
      double[] fast =
          SoftValues.solve(mdp, new InferenceConfig(horizon, alpha, backup, gamma)).v0();
      PropertiesTest.assertClose(fast, sol.v()[0], 1e-10 * magnitude(mdp, alpha, horizon));

      StationarySolution inf =
          SoftValueIteration.solve(
              mdp,
              new InfiniteHorizonConfig(
                  alpha, backup, 0.9, 1e-9 * magnitude(mdp, alpha, 10), 2000));
      assertRows(inf.policy(), numActions);
      PropertiesTest.assertAllFinite(inf.v());
    }
    double tolerance = 16 * horizon * EPS * magnitude(mdp, alpha, horizon);
    for (int s = 0; s < numStates; s++) {
      assertThat(v[Backup.EXACT.ordinal()][s])
          .as("V_exact(%d) >= V_maxent(%d) at alpha %s", s, s, alpha)
          .isGreaterThanOrEqualTo(v[Backup.MAXENT.ordinal()][s] - tolerance);
    }
  }

  /** M = (max |r| + alpha L) T + 1, the bound on every |Q| and |V| (NumericRange). */
  private static double magnitude(Mdp mdp, double alpha, int horizon) {
    double maxReward = 0;
    double logTerm = Math.log(mdp.numActions());
    for (int s = 0; s < mdp.numStates(); s++) {
      for (int a = 0; a < mdp.numActions(); a++) {
        maxReward = Math.max(maxReward, Math.abs(mdp.reward(s, a)));
        if (mdp.hasActionPrior() && mdp.actionPrior(s, a) > 0) {
          logTerm = Math.max(logTerm, -Math.log(mdp.actionPrior(s, a)));
        }
      }
    }
    return (maxReward + alpha * logTerm) * horizon + 1;
  }

  private static void assertRows(double[] policy, int numActions) {
    for (int s = 0; s < policy.length / numActions; s++) {
      double sum = 0;
      for (int a = 0; a < numActions; a++) {
        assertThat(policy[s * numActions + a]).isBetween(0.0, 1.0);
        sum += policy[s * numActions + a];
      }
      assertThat(sum).as("policy row %d", s).isCloseTo(1.0, offset(1e-12));
    }
  }

  private static void assertDistribution(double[] p) {
    for (double x : p) {
      assertThat(x).isBetween(0.0, 1.0);
    }
    assertThat(PropertiesTest.sum(p)).isCloseTo(1.0, offset(1e-12));
  }
}
