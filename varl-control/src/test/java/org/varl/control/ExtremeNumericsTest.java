package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Control as inference at the edges of double precision (issue 9, "Numerics at the extremes"):
 * every accepted temperature gives probability distributions, the large-temperature limit with a
 * prior is the prior's policy evaluation, and what cannot be represented is refused with a line
 * naming the field.
 */
class ExtremeNumericsTest {

  /** The sweep's MDP shape: 3 states, 2 actions, stochastic, rewards of order 1..10. */
  private static Mdp sweepMdp() {
    return RandomMdps.random(11, 3, 2, false, false, 10.0);
  }

  private static void assertRowsSumToOne(double[] rows, int numActions, String what) {
    for (int s = 0; s < rows.length / numActions; s++) {
      double sum = 0;
      for (int a = 0; a < numActions; a++) {
        double p = rows[s * numActions + a];
        assertThat(p).as("%s[%d][%d]", what, s, a).isBetween(0.0, 1.0);
        sum += p;
      }
      assertThat(sum).as("%s row %d", what, s).isCloseTo(1.0, within(1e-12));
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-12, 1e-16, 1e-17, 1e-200, 1e-290})
  void tinyTemperaturesGiveDistributionsInEveryPath(double alpha) {
    // Rewards of order 10 so that ulp(V)/alpha is far above 1 at every alpha here: without the
    // log-softmax a row summed to 1.000057 at 1e-12 and to 2 at 1e-17.
    Mdp mdp = RandomMdps.random(5, 20, 3, false, false, 10.0);
    Mdp withPrior = mdp.withActionPrior(RandomMdps.prior(5, 20, 3, true));
    for (Mdp m : new Mdp[] {mdp, withPrior, tied()}) {
      for (Backup backup : Backup.values()) {
        FiniteHorizonSolution sol =
            ControlAsInference.solve(m, new InferenceConfig(15, alpha, backup, 1.0));
        for (int t = 0; t < 15; t++) {
          assertRowsSumToOne(sol.policy()[t], 3, "policy_" + t);
          assertThat(sum(sol.visitation()[t])).isCloseTo(1.0, within(1e-12));
          assertThat(sum(sol.forward()[t])).isCloseTo(1.0, within(1e-12));
          sol.marginals().ifPresent(mg -> assertThat(sum(mg[0])).isCloseTo(1.0, within(1e-12)));
          PropertiesTest.assertAllFinite(sol.v()[t]);
        }
        StationarySolution inf =
            SoftValueIteration.solve(m, InfiniteHorizonConfig.of(alpha, backup, 0.9));
        assertRowsSumToOne(inf.policy(), 3, "stationary policy");
        PropertiesTest.assertAllFinite(inf.v());
      }
    }
  }

  /**
   * Three actions of which two are identical, rewards near 1e4: V = max + alpha log 2 rounds to the
   * max, so exp((Q - V)/alpha) gave 1 for both tied actions.
   */
  private static Mdp tied() {
    int n = 20;
    MdpBuilder b = Mdp.builder().setStates(n).setActions(3);
    double[][] r = new double[n][3];
    for (int s = 0; s < n; s++) {
      b.addTransition(s, 0, (s + 1) % n, 1).addTransition(s, 1, (s + 1) % n, 1);
      b.addTransition(s, 2, s, 0.5).addTransition(s, 2, (s + 7) % n, 0.5);
      r[s][0] = 1e4 + s * 0.1;
      r[s][1] = r[s][0];
      r[s][2] = 1e4 + 0.3;
    }
    double[] p0 = new double[n];
    p0[0] = 1;
    return b.setRewards(r).setInitial(p0).build();
  }

  @Test
  void temperaturesBelowTheRepresentableRangeAreRefused() {
    assertThatThrownBy(() -> InferenceConfig.of(5).withTemperature(1e-320))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("temperature: ")
        .hasMessageContaining("1.0E-320");
    // alpha = 1e-299 is representable, but (Q - V)/alpha for rewards of order 1e9 over 5 steps is
    // not.
    InferenceConfig config = InferenceConfig.of(5).withTemperature(1e-299);
    Mdp mdp = RandomMdps.random(11, 3, 2, false, false, 1e9);
    assertThatThrownBy(() -> ControlAsInference.solve(mdp, config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("temperature: 1.0E-299")
        .hasMessageNotContaining("\n");
  }

  @Test
  void rewardsWhoseReturnOverflowsAreRefusedByIndex() {
    double[][] r = {{1.0, 1e307}, {0.0, -2.0}};
    Mdp mdp =
        Mdp.builder()
            .setStates(2)
            .setActions(2)
            .addTransition(0, 0, 1, 1)
            .addTransition(0, 1, 0, 1)
            .addTransition(1, 0, 0, 1)
            .addTransition(1, 1, 1, 1)
            .setRewards(r)
            .setInitial(new double[] {1, 0})
            .build();
    assertThatThrownBy(() -> ControlAsInference.solve(mdp, InferenceConfig.of(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rewards[0][1]: 1.0E307")
        .hasMessageContaining("horizon 100 bounds the value by 1.000e+309");
    assertThatThrownBy(
            () -> SoftValueIteration.solve(mdp, InfiniteHorizonConfig.of(1, Backup.EXACT, 0.99)))
        .hasMessageStartingWith("rewards[0][1]: 1.0E307")
        .hasMessageContaining("1/(1 - discount)");
    assertThatThrownBy(() -> SoftValues.solve(mdp, InferenceConfig.of(100)))
        .hasMessageStartingWith("rewards[0][1]: ");
    // Two steps of 1e298 are representable, and solved.
    Mdp large = mdp.withRewards(new double[][] {{1.0, 1e298}, {0.0, -2.0}});
    FiniteHorizonSolution sol = ControlAsInference.solve(large, InferenceConfig.of(2));
    assertThat(sol.v()[0][0]).isCloseTo(2e298, within(1e284));
    assertRowsSumToOne(sol.policy()[0], 2, "policy_0");
  }

  /**
   * As alpha -> infinity with a prior p(a|s), both soft maxima become expectations: alpha log sum_a
   * p(a|s) exp(Q'(s,a)/alpha) = E_p[Q'] + Var_p[Q'] / (2 alpha) + O(alpha^-2), and likewise alpha
   * log E_P exp(V'/alpha) -> E_P[V']. So V_t tends to the prior's policy evaluation V_t(s) = sum_a
   * p(a|s) (r(s,a) + gamma sum_s' P(s'|s,a) V_{t+1}(s')), for either backup; at alpha = 1e20 the
   * correction is of order 100 / 1e20, far below the 1e-12 tolerance.
   */
  @Test
  void hugeTemperatureWithPriorTendsToThePriorsPolicyEvaluation() {
    Mdp mdp = sweepMdp().withActionPrior(new double[][] {{0.3, 0.7}, {0.5, 0.5}, {0.9, 0.1}});
    int horizon = 4;
    double gamma = 0.9;
    double[][] expected = new double[horizon + 1][3];
    for (int t = horizon - 1; t >= 0; t--) {
      for (int s = 0; s < 3; s++) {
        for (int a = 0; a < 2; a++) {
          double next = 0;
          for (int k = mdp.rowBegin(s, a); k < mdp.rowEnd(s, a); k++) {
            next += mdp.probability(k) * expected[t + 1][mdp.successor(k)];
          }
          expected[t][s] += mdp.actionPrior(s, a) * (mdp.reward(s, a) + gamma * next);
        }
      }
    }
    for (Backup backup : Backup.values()) {
      InferenceConfig config = new InferenceConfig(horizon, 1e20, backup, gamma);
      FiniteHorizonSolution sol = ControlAsInference.solve(mdp, config);
      for (int t = 0; t < horizon; t++) {
        PropertiesTest.assertClose(sol.v()[t], expected[t], 1e-12 * 100);
        // The policy tends to the prior.
        for (int s = 0; s < 3; s++) {
          for (int a = 0; a < 2; a++) {
            assertThat(sol.policy(t, s, a)).isCloseTo(mdp.actionPrior(s, a), within(1e-12));
          }
        }
      }
      PropertiesTest.assertClose(
          SoftValues.solve(mdp, config, 1, false).v0(), expected[0], 1e-12 * 100);
    }
    StationarySolution inf =
        SoftValueIteration.solve(mdp, InfiniteHorizonConfig.of(1e20, Backup.EXACT, 0.5));
    PropertiesTest.assertAllFinite(inf.v());
    assertRowsSumToOne(inf.policy(), 2, "stationary policy");
  }

  /**
   * --horizon 2147483647 on a 3-state MDP needs 2^31 x (2 x 6 + 5 x 3) doubles, about 430 GiB: one
   * line with the estimate and the heap limit, before any array of that size exists.
   */
  @Test
  void aHorizonThatCannotFitIsRefusedWithTheEstimate() {
    InferenceConfig config = InferenceConfig.of(Integer.MAX_VALUE);
    String limit = MemoryEstimate.format(Runtime.getRuntime().maxMemory());
    assertThatThrownBy(() -> ControlAsInference.solve(sweepMdp(), config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("horizon: 2147483647 needs an estimated ")
        .hasMessageContaining(" GiB for Q, V, pi")
        .hasMessageContaining("above the heap limit of " + limit + " (Runtime.maxMemory())")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> BackwardMessages.compute(sweepMdp(), config))
        .hasMessageStartingWith("horizon: 2147483647 needs an estimated ");
    assertThatThrownBy(() -> ForwardMessages.compute(sweepMdp(), 1.0, Integer.MAX_VALUE))
        .hasMessageStartingWith("horizon: 2147483647 needs an estimated ");
    assertThatThrownBy(() -> SoftValues.solve(sweepMdp(), config, 1, true))
        .hasMessageStartingWith("horizon: 2147483647 needs an estimated ");
    assertThat(MemoryEstimate.format(3.5 * 1024 * 1024 * 1024)).isEqualTo("3.5 GiB");
  }

  /**
   * Rows and p0 accepted within the 1e-9 tolerance are rescaled: before, a row summing to 1 + 5e-10
   * added 5e-10 of mass to the visitation at every step (2.5e-8 after 50).
   */
  @Test
  void rowsWithinTheToleranceAreRescaledSoTheVisitationKeepsItsMass() {
    Mdp mdp =
        Mdp.builder()
            .setStates(2)
            .setActions(1)
            .addTransition(0, 0, 0, 0.5 + 5e-10)
            .addTransition(0, 0, 1, 0.5)
            .addTransition(1, 0, 0, 0.5 + 5e-10)
            .addTransition(1, 0, 1, 0.5)
            .setRewards(new double[][] {{0}, {1}})
            .setInitial(new double[] {0.5 + 5e-10, 0.5})
            .build();
    FiniteHorizonSolution sol = ControlAsInference.solve(mdp, InferenceConfig.of(50));
    for (int t = 0; t < 50; t++) {
      assertThat(sum(sol.visitation()[t])).isCloseTo(1.0, within(1e-15));
    }
    assertThat(mdp.transition(0, 0, 0) + mdp.transition(0, 0, 1)).isCloseTo(1.0, within(1e-16));
  }

  @Test
  void normalizingARowWhoseSumOverflowsIsRefused() {
    MdpBuilder b =
        Mdp.builder()
            .setStates(2)
            .setActions(1)
            .addTransition(0, 0, 0, 1e308)
            .addTransition(0, 0, 1, 1e308)
            .addTransition(1, 0, 1, 1)
            .setRewards(new double[][] {{0}, {0}})
            .setInitial(new double[] {1, 0})
            .optNormalize(true);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("transitions: row P(.|s=0,a=0) sums to Infinity");
  }

  private static double sum(double[] x) {
    double total = 0;
    for (double v : x) {
      total += v;
    }
    return total;
  }
}
