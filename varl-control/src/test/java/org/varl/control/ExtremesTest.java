package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Numerics at the extremes: for every accepted temperature and reward scale the outputs stay
 * probability distributions, V is finite and the exact backup is never below the maxent one.
 */
class ExtremesTest {

  /** Rows of a probability table sum to 1 this closely whatever α and the rewards are. */
  private static final double SUM_TOLERANCE = 1e-12;

  @Property(tries = 120)
  void policiesAndVisitationsAreDistributionsForEveryTemperatureAndRewardScale(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = -12, max = 12) int logAlpha,
      @ForAll @IntRange(min = 0, max = 12) int logReward) {
    double alpha = Math.pow(10, logAlpha);
    Mdp mdp = RandomMdps.random(seed, 5, 3, false, false, Math.pow(10, logReward));
    FiniteHorizonSolution exact = null;
    for (Backup backup : Backup.values()) {
      InferenceConfig c = new InferenceConfig(6, alpha, backup, 1.0);
      FiniteHorizonSolution sol = ControlAsInference.solve(mdp, c);
      for (int t = 0; t < 6; t++) {
        double visited = 0;
        for (int s = 0; s < 5; s++) {
          double row = 0;
          for (int a = 0; a < 3; a++) {
            double p = sol.policy(t, s, a);
            assertThat(p).as("pi_%d(%d|%d) at alpha %g", t, a, s, alpha).isBetween(0.0, 1.0);
            row += p;
          }
          assertThat(Math.abs(row - 1))
              .as("row %d at t %d, alpha %g, %s", s, t, alpha, backup)
              .isLessThanOrEqualTo(SUM_TOLERANCE);
          assertThat(sol.v()[t][s]).as("V_%d(%d)", t, s).isFinite();
          visited += sol.visitation()[t][s];
        }
        assertThat(Math.abs(visited - 1))
            .as("visitation at t %d, alpha %g, %s", t, alpha, backup)
            .isLessThanOrEqualTo(SUM_TOLERANCE);
      }
      if (backup == Backup.EXACT) {
        exact = sol;
      } else {
        for (int s = 0; s < 5; s++) {
          // exact ≥ maxent up to the rounding of numbers of size |V|.
          double scale = Math.abs(exact.v()[0][s]) + Math.abs(sol.v()[0][s]);
          assertThat(exact.v()[0][s]).isGreaterThanOrEqualTo(sol.v()[0][s] - 1e-9 * scale);
        }
      }
    }
  }

  @Property(tries = 60)
  void stationaryPoliciesAreDistributionsForEveryTemperature(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = -12, max = 12) int logAlpha) {
    double alpha = Math.pow(10, logAlpha);
    Mdp mdp = RandomMdps.random(seed, 4, 3, false, false, 1.0);
    StationarySolution sol =
        SoftValueIteration.solve(mdp, InfiniteHorizonConfig.of(alpha, Backup.MAXENT, 0.9));
    for (int s = 0; s < 4; s++) {
      double row = 0;
      for (int a = 0; a < 3; a++) {
        row += sol.policy(s, a);
      }
      assertThat(Math.abs(row - 1))
          .as("row %d at alpha %g", s, alpha)
          .isLessThanOrEqualTo(SUM_TOLERANCE);
    }
  }

  @org.junit.jupiter.api.Test
  void temperaturesBelowTheRepresentableRangeAreRefused() {
    assertThatThrownBy(() -> new InferenceConfig(3, 1e-320, Backup.MAXENT, 1.0))
        .hasMessage(
            "temperature: must be >= 1e-300 (smaller values are not representable in the"
                + " backup's Q/alpha), found 1.0E-320");
  }

  @org.junit.jupiter.api.Test
  void rewardsWhoseValuesOverflowAreRefusedNamingTheField() {
    Mdp mdp =
        Mdp.builder()
            .setStates(1)
            .setActions(2)
            .addTransition(0, 0, 0, 1)
            .addTransition(0, 1, 0, 1)
            .setRewards(new double[][] {{1e307, 0}})
            .setInitial(new double[] {1})
            .build();
    // Was: V_0 = 1e308 and rows summing to 2.
    assertThatThrownBy(
            () -> ControlAsInference.solve(mdp, new InferenceConfig(40, 1.0, Backup.MAXENT, 1.0)))
        .hasMessageStartingWith("rewards[0][0]: 1.00e+307 over 40.0 steps");
    assertThatThrownBy(
            () -> SoftValueIteration.solve(mdp, InfiniteHorizonConfig.of(1.0, Backup.MAXENT, 0.99)))
        .hasMessageStartingWith("rewards[0][0]: 1.00e+307 over 100 steps");
    // Within range: fine.
    ControlAsInference.solve(
        mdp.withRewards(new double[][] {{1e290, 0}}),
        new InferenceConfig(40, 1.0, Backup.MAXENT, 1.0));
  }

  @org.junit.jupiter.api.Test
  void aTemperatureThatSwampsTheRewardsUnderAPriorIsRefused() {
    Mdp mdp =
        Mdp.builder()
            .setStates(1)
            .setActions(2)
            .addTransition(0, 0, 0, 1)
            .addTransition(0, 1, 0, 1)
            .setRewards(new double[][] {{10, 0}})
            .setInitial(new double[] {1})
            .optActionPrior(new double[][] {{0.5, 0.5}})
            .build();
    assertThatThrownBy(
            () -> ControlAsInference.solve(mdp, new InferenceConfig(3, 1e20, Backup.MAXENT, 1.0)))
        .hasMessageStartingWith("temperature: 1.00e+20 with this action prior loses the rewards");
    // At a large but accepted temperature the soft value is the prior's average reward per step:
    // alpha log E_prior exp(Q/alpha) -> E_prior[Q] as alpha -> infinity, so V_0 -> 3 * 5 = 15.
    FiniteHorizonSolution sol =
        ControlAsInference.solve(mdp, new InferenceConfig(3, 1e6, Backup.MAXENT, 1.0));
    assertThat(sol.v()[0][0]).isCloseTo(15.0, org.assertj.core.data.Offset.offset(1e-3));
  }

  @org.junit.jupiter.api.Test
  void sizesThatCannotFitAreRefusedBeforeAllocating() {
    assertThatThrownBy(
            () ->
                Mdp.builder()
                    .setStates(1_000_000_000)
                    .setActions(2)
                    .addTransition(0, 0, 0, 1)
                    .setRewards(new double[][] {{0, 0}})
                    .setInitial(new double[] {1})
                    .build())
        .hasMessage(
            "transitions: 1 entries cannot cover the 2000000000 (state, action) rows of states ="
                + " 1000000000 and actions = 2 (each row needs at least one)");
    Mdp small = RandomMdps.random(1, 3, 2, true, true, 1.0);
    assertThatThrownBy(
            () ->
                ControlAsInference.solve(
                    small, new InferenceConfig(Integer.MAX_VALUE, 1.0, Backup.MAXENT, 1.0)))
        .hasMessageStartingWith("horizon: 2147483647 steps of 3 states x 2 actions need about");
  }
}
