package org.varl.rl.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.varl.control.Backup;
import org.varl.control.HardValueIteration;
import org.varl.control.InfiniteHorizonConfig;
import org.varl.control.Mdp;
import org.varl.control.RandomMdps;
import org.varl.control.SoftValueIteration;

/**
 * Tabular soft Q-learning against the exact solvers of varl-control: its limit is the maxent Q*,
 * not the exact backup's, and alpha -> 0 gives the hard Q*.
 */
class TabularSoftQTest {

  private static double[] qStar(Mdp mdp, double alpha, Backup backup, double gamma) {
    return SoftValueIteration.solve(mdp, InfiniteHorizonConfig.of(alpha, backup, gamma)).q();
  }

  private static TabularSoftQ learned(
      Mdp mdp, double alpha, double gamma, long samples, long seed) {
    TabularSoftQ learner = new TabularSoftQ(mdp, TabularSoftQConfig.of(alpha, gamma), seed);
    learner.learn(samples);
    return learner;
  }

  @Test
  void theMeanTargetIsTheMaxentSoftBellmanOperatorWhoseFixedPointIsSoftValueIterations() {
    // With a prior that forbids some actions: V and the folded rewards must match
    // SoftValueIteration's conventions exactly, or Q*_maxent is not a fixed point.
    Mdp mdp = RandomMdps.random(3, 7, 4, false, false, 2.0);
    mdp = mdp.withActionPrior(RandomMdps.prior(4, 7, 4, true));
    for (double alpha : new double[] {0.05, 1.0, 20.0}) {
      double[] maxent = qStar(mdp, alpha, Backup.MAXENT, 0.8);
      TabularSoftQ learner = new TabularSoftQ(mdp, TabularSoftQConfig.of(alpha, 0.8), 1);
      double[] image = learner.bellman(maxent);
      assertThat(TabularSoftQ.maxDistance(image, maxent)).as("alpha %s", alpha).isLessThan(1e-8);
      // The exact Q* is not a fixed point: the mean target sits below it (Jensen), by a margin.
      double[] exact = qStar(mdp, alpha, Backup.EXACT, 0.8);
      assertThat(TabularSoftQ.maxDistance(learner.bellman(exact), exact)).isGreaterThan(1e-3);
    }
  }

  @Test
  void onADeterministicMdpTheExactAndMaxentQStarCoincideAndTheLearnerReachesBoth() {
    Mdp mdp = RandomMdps.random(11, 6, 3, true, false, 1.0);
    double[] maxent = qStar(mdp, 0.5, Backup.MAXENT, 0.7);
    double[] exact = qStar(mdp, 0.5, Backup.EXACT, 0.7);
    assertThat(TabularSoftQ.maxDistance(maxent, exact)).isLessThan(1e-9);
    TabularSoftQ learner = learned(mdp, 0.5, 0.7, 2_000_000, 1);
    // No sampling noise: only the initial error, forgotten like exp(-(1 - gamma) sum eta).
    assertThat(learner.maxDistance(maxent)).isLessThan(1e-5);
    assertThat(learner.maxDistance(exact)).isLessThan(1e-5);
  }

  @Test
  void onStochasticMdpsTheLearnerReachesTheMaxentQStarAndStaysAwayFromTheExactOne() {
    // Three fixture MDPs whose backups differ by more than 0.1 (seeds 4 and 6 differ by 0.015:
    // their
    // successors have nearly equal values, so there is little optimism to miss).
    for (long seed : new long[] {3, 5, 7}) {
      Mdp mdp = RandomMdps.random(seed, 6, 3, false, false, 1.0);
      double[] maxent = qStar(mdp, 1.0, Backup.MAXENT, 0.7);
      double[] exact = qStar(mdp, 1.0, Backup.EXACT, 0.7);
      double gap = TabularSoftQ.maxDistance(maxent, exact);
      assertThat(gap).as("seed %d: the backups differ", seed).isGreaterThan(0.1);
      TabularSoftQ learner = new TabularSoftQ(mdp, TabularSoftQConfig.of(1.0, 0.7), seed);
      long[] totals = {20_000, 200_000, 2_000_000};
      double[] toMaxent = new double[totals.length];
      for (int i = 0; i < totals.length; i++) {
        learner.learn(totals[i] - learner.samples());
        toMaxent[i] = learner.maxDistance(maxent);
        // By the triangle inequality max|Q - Q*_exact| >= gap - max|Q - Q*_maxent|: a computed
        // lower bound, positive from the first checkpoint on and growing towards the gap.
        assertThat(gap - toMaxent[i]).as("seed %d, %d samples", seed, totals[i]).isPositive();
      }
      // Goes to 0 with samples: the noise's scale falls like n^-(omega/2), 6.3x in two decades.
      assertThat(toMaxent[1]).as("seed %d", seed).isLessThan(toMaxent[0]);
      assertThat(toMaxent[2]).as("seed %d", seed).isLessThan(toMaxent[0] / 4);
      assertThat(toMaxent[2]).as("seed %d", seed).isLessThan(0.01);
      assertThat(learner.maxDistance(exact)).isGreaterThan(gap - 0.01).isGreaterThan(0.09);
    }
  }

  @Test
  void aSmallTemperatureGivesTheHardQStar() {
    Mdp mdp = RandomMdps.random(8, 5, 3, false, false, 1.0);
    double gamma = 0.7;
    double alpha = 1e-3;
    // Hard discounted value iteration: T = 200 steps leave gamma^T max|V| < 1e-30 of the limit.
    double[] v = HardValueIteration.values(mdp, 200, Backup.MAXENT, gamma)[0];
    double[] hard = new double[mdp.numStates() * mdp.numActions()];
    for (int s = 0; s < mdp.numStates(); s++) {
      for (int a = 0; a < mdp.numActions(); a++) {
        hard[s * mdp.numActions() + a] =
            mdp.reward(s, a) + gamma * Backup.MAXENT.apply(mdp, s, a, v, 0);
      }
    }
    // Each soft maximum exceeds the hard one by at most alpha log A, summed over the discounted
    // future: 0 <= Q*_soft - Q*_hard <= gamma alpha log A / (1 - gamma) = 0.0026.
    double softness = gamma * alpha * Math.log(mdp.numActions()) / (1 - gamma);
    double[] soft = qStar(mdp, alpha, Backup.MAXENT, gamma);
    assertThat(TabularSoftQ.maxDistance(soft, hard)).isLessThanOrEqualTo(softness + 1e-12);
    TabularSoftQ learner = learned(mdp, alpha, gamma, 2_000_000, 3);
    assertThat(learner.maxDistance(hard)).isLessThan(softness + 0.01);
    // A large temperature is far from it: the bound above is what makes the test bite.
    assertThat(learned(mdp, 1.0, gamma, 200_000, 3).maxDistance(hard)).isGreaterThan(0.5);
  }

  @Test
  void forbiddenActionsStayMinusInfinityAndTheRestConverges() {
    Mdp mdp =
        RandomMdps.random(9, 5, 4, false, false, 1.0)
            .withActionPrior(RandomMdps.prior(10, 5, 4, true));
    double[] maxent = qStar(mdp, 0.5, Backup.MAXENT, 0.6);
    TabularSoftQ learner = learned(mdp, 0.5, 0.6, 1_000_000, 2);
    double[] q = learner.q();
    int forbidden = 0;
    for (int i = 0; i < q.length; i++) {
      if (maxent[i] == Double.NEGATIVE_INFINITY) {
        assertThat(q[i]).isEqualTo(Double.NEGATIVE_INFINITY);
        forbidden++;
      }
    }
    assertThat(forbidden).isPositive();
    assertThat(learner.allowedPairs()).isEqualTo(q.length - forbidden);
    assertThat(learner.maxDistance(maxent)).isLessThan(0.01);
  }

  @Test
  void theSameSeedGivesTheSameQAndAnotherSeedAnotherOne() {
    Mdp mdp = RandomMdps.random(12, 6, 3, false, false, 1.0);
    TabularSoftQ a = learned(mdp, 1.0, 0.8, 50_000, 42);
    TabularSoftQ b = new TabularSoftQ(mdp, TabularSoftQConfig.of(1.0, 0.8), 42);
    b.learn(20_000); // in two pieces: the cycle and the stream continue where they stopped
    b.learn(30_000);
    assertThat(b.q()).isEqualTo(a.q());
    assertThat(learned(mdp, 1.0, 0.8, 50_000, 43).q()).isNotEqualTo(a.q());
    assertThat(a.samples()).isEqualTo(50_000);
  }

  @Test
  void theStepsAreNToTheMinusOmega() {
    assertThat(new PolynomialSteps(1.0).step(4)).isEqualTo(0.25);
    assertThat(new PolynomialSteps(0.75).step(16)).isEqualTo(0.125);
    assertThat(PolynomialSteps.defaults().step(1)).isEqualTo(1.0);
  }

  @Test
  void badSettingsAreOneLineNamingTheFieldAndValue() {
    assertThatThrownBy(() -> TabularSoftQConfig.of(0.0, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("temperature: must be finite and > 0, found 0.0");
    assertThatThrownBy(() -> TabularSoftQConfig.of(-1.0, 0.9)).hasMessageContaining("-1.0");
    assertThatThrownBy(() -> TabularSoftQConfig.of(Double.NaN, 0.9))
        .hasMessageContaining("temperature");
    for (double gamma : new double[] {0.0, 1.0, 1.5, -0.1}) {
      assertThatThrownBy(() -> TabularSoftQConfig.of(1.0, gamma))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("discount: must be in (0, 1)")
          .hasMessageEndingWith("found " + gamma);
    }
    for (double omega : new double[] {0.5, 1.01, 0.0}) {
      assertThatThrownBy(() -> new PolynomialSteps(omega))
          .hasMessageStartingWith("step exponent")
          .hasMessageEndingWith("found " + omega);
    }
    TabularSoftQ learner =
        new TabularSoftQ(
            RandomMdps.random(1, 2, 2, true, true, 1.0), TabularSoftQConfig.of(1, 0.5), 1);
    assertThatThrownBy(() -> learner.learn(-1)).hasMessage("count: must be >= 0, found -1");
    assertThatThrownBy(() -> learner.maxDistance(new double[3]))
        .hasMessage("reference: expected 4 entries, found 3");
  }
}
