package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The properties issue 2 lists, each on random small MDPs with fixed seeds. */
class PropertiesTest {
  private static final int S = 7;
  private static final int A = 3;
  private static final int T = 6;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void alphaToZeroGivesHardValueIteration(long seed) {
    Mdp stochastic = RandomMdps.random(seed, S, A, false, false, 1.0);
    double[][] hard = HardValueIteration.values(stochastic, T, Backup.MAXENT, 1.0);
    for (double alpha : new double[] {1.0, 0.1, 1e-2, 1e-3}) {
      double[][] soft =
          BackwardMessages.compute(stochastic, new InferenceConfig(T, alpha, Backup.MAXENT, 1.0))
              .v();
      for (int t = 0; t < T; t++) {
        for (int s = 0; s < S; s++) {
          // Each soft max is within [max, max + alpha log A]; T - t of them accumulate.
          double gap = soft[t][s] - hard[t][s];
          assertThat(gap).isBetween(-1e-12, alpha * Math.log(A) * (T - t) + 1e-12);
        }
      }
    }
    // The exact backup's alpha -> 0 limit is optimistic hard VI (max over successors); each exact
    // backup is within
    // [max + alpha log Pmin, max] of it.
    double[][] optimistic = HardValueIteration.values(stochastic, T, Backup.EXACT, 1.0);
    double minP = 1.0;
    for (int k = 0; k < stochastic.numTransitions(); k++) {
      minP = Math.min(minP, stochastic.probability(k));
    }
    for (double alpha : new double[] {0.1, 1e-3}) {
      double[][] soft =
          BackwardMessages.compute(stochastic, new InferenceConfig(T, alpha, Backup.EXACT, 1.0))
              .v();
      for (int s = 0; s < S; s++) {
        double gap = soft[0][s] - optimistic[0][s];
        assertThat(gap)
            .isBetween(alpha * Math.log(minP) * T - 1e-12, alpha * Math.log(A) * T + 1e-12);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void deterministicDynamicsMakeExactEqualMaxent(long seed) {
    Mdp mdp = RandomMdps.random(seed, S, A, true, false, 2.0);
    for (double gamma : new double[] {1.0, 0.8}) {
      InferenceConfig config = new InferenceConfig(T, 0.7, Backup.EXACT, gamma);
      FiniteHorizonSolution exact = ControlAsInference.solve(mdp, config);
      FiniteHorizonSolution maxent =
          ControlAsInference.solve(mdp, config.withBackup(Backup.MAXENT));
      for (int t = 0; t < T; t++) {
        assertClose(exact.q()[t], maxent.q()[t], 1e-12);
        assertClose(exact.v()[t], maxent.v()[t], 1e-12);
        assertClose(exact.policy()[t], maxent.policy()[t], 1e-12);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24})
  void deterministicSingleStartMarginalsEqualVisitation(long seed) {
    Mdp mdp = RandomMdps.random(seed, S, A, true, true, 2.0);
    Mdp withPrior = mdp.withActionPrior(RandomMdps.prior(seed, S, A, true));
    for (Mdp m : new Mdp[] {mdp, withPrior}) {
      FiniteHorizonSolution sol =
          ControlAsInference.solve(m, InferenceConfig.of(T).withTemperature(0.5));
      for (int t = 0; t < T; t++) {
        assertClose(sol.marginals().orElseThrow()[t], sol.visitation()[t], 1e-12);
      }
    }
    // With a spread-out start the posterior also re-weights the start state: they differ.
    Mdp spread = RandomMdps.random(seed, S, A, true, false, 2.0);
    FiniteHorizonSolution sol = ControlAsInference.solve(spread, InferenceConfig.of(T));
    assertThat(maxAbsDiff(sol.marginals().orElseThrow()[0], sol.visitation()[0]))
        .isGreaterThan(1e-3);
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33, 34, 35})
  void stochasticDynamicsMakeExactOptimistic(long seed) {
    Mdp mdp = RandomMdps.random(seed, S, A, false, false, 1.0);
    InferenceConfig config = InferenceConfig.of(T);
    double[][] exact = BackwardMessages.compute(mdp, config).v();
    double[][] maxent = BackwardMessages.compute(mdp, config.withBackup(Backup.MAXENT)).v();
    double largest = 0;
    for (int t = 0; t < T; t++) {
      for (int s = 0; s < S; s++) {
        assertThat(exact[t][s]).isGreaterThanOrEqualTo(maxent[t][s] - 1e-12);
        largest = Math.max(largest, exact[t][s] - maxent[t][s]);
      }
    }
    assertThat(largest).as("the optimism is strict somewhere").isGreaterThan(1e-3);
  }

  @ParameterizedTest
  @ValueSource(longs = {41, 42, 43})
  void everyPolicyRowSumsToOneAndDistributionsAreNormalized(long seed) {
    Mdp mdp = RandomMdps.random(seed, S, A, false, false, 3.0);
    for (Mdp m : new Mdp[] {mdp, mdp.withActionPrior(RandomMdps.prior(seed, S, A, true))}) {
      for (Backup backup : Backup.values()) {
        for (double gamma : new double[] {0.9, 1.0}) {
          FiniteHorizonSolution sol =
              ControlAsInference.solve(m, new InferenceConfig(T, 0.3, backup, gamma));
          // Marginals exist except for the exact backup with gamma < 1 (no posterior;
          // PosteriorMarginalsTest).
          assertThat(sol.marginals().isPresent())
              .isEqualTo(backup == Backup.MAXENT || gamma == 1.0);
          for (int t = 0; t < T; t++) {
            for (int s = 0; s < S; s++) {
              double sum = 0;
              for (int a = 0; a < A; a++) {
                sum += sol.policy(t, s, a);
              }
              assertThat(sum).isCloseTo(1.0, offset(1e-12));
            }
            assertThat(sum(sol.forward()[t])).isCloseTo(1.0, offset(1e-12));
            if (sol.marginals().isPresent()) {
              assertThat(sum(sol.marginals().get()[t])).isCloseTo(1.0, offset(1e-12));
            }
            assertThat(sum(sol.visitation()[t])).isCloseTo(1.0, offset(1e-12));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {51, 52, 53})
  void priorEqualsRewardShiftedByAlphaLogPrior(long seed) {
    double alpha = 0.6;
    Mdp mdp = RandomMdps.random(seed, S, A, false, false, 1.0);
    double[][] prior = RandomMdps.prior(seed + 100, S, A, false);
    Mdp withPrior = mdp.withActionPrior(prior);
    double[][] shifted = new double[S][A];
    for (int s = 0; s < S; s++) {
      for (int a = 0; a < A; a++) {
        shifted[s][a] = mdp.reward(s, a) + alpha * Math.log(prior[s][a]);
      }
    }
    Mdp noPrior = mdp.withRewards(shifted);
    for (Backup backup : Backup.values()) {
      InferenceConfig config = new InferenceConfig(T, alpha, backup, 1.0);
      FiniteHorizonSolution a = ControlAsInference.solve(withPrior, config);
      FiniteHorizonSolution b = ControlAsInference.solve(noPrior, config);
      for (int t = 0; t < T; t++) {
        assertClose(a.q()[t], b.q()[t], 1e-12);
        assertClose(a.v()[t], b.v()[t], 1e-12);
        assertClose(a.policy()[t], b.policy()[t], 1e-12);
        assertClose(a.forward()[t], b.forward()[t], 1e-12);
        assertClose(a.marginals().orElseThrow()[t], b.marginals().orElseThrow()[t], 1e-12);
        assertClose(a.visitation()[t], b.visitation()[t], 1e-12);
      }
    }
    // And a non-uniform prior does change the answer (the test above is not vacuous).
    FiniteHorizonSolution plain =
        ControlAsInference.solve(mdp, InferenceConfig.of(T).withTemperature(alpha));
    FiniteHorizonSolution tilted =
        ControlAsInference.solve(withPrior, InferenceConfig.of(T).withTemperature(alpha));
    assertThat(maxAbsDiff(plain.policy()[0], tilted.policy()[0])).isGreaterThan(1e-3);
  }

  @ParameterizedTest
  @ValueSource(longs = {61, 62, 63})
  void hugeRewardsAndZeroPriorsGiveNoOverflowAndNoNaN(long seed) {
    Mdp mdp = RandomMdps.random(seed, S, A, false, false, 1e4);
    double[][] extreme = new double[S][A];
    for (int s = 0; s < S; s++) {
      for (int a = 0; a < A; a++) {
        extreme[s][a] = (s + a) % 2 == 0 ? 1e4 : -1e4;
      }
    }
    double[][] prior = RandomMdps.prior(seed, S, A, true);
    for (Mdp m :
        new Mdp[] {
          mdp,
          mdp.withRewards(extreme),
          mdp.withActionPrior(prior),
          mdp.withRewards(extreme).withActionPrior(prior)
        }) {
      for (double alpha : new double[] {1e-3, 1.0, 100.0}) {
        for (Backup backup : Backup.values()) {
          FiniteHorizonSolution sol =
              ControlAsInference.solve(m, new InferenceConfig(T, alpha, backup, 1.0));
          for (int t = 0; t < T; t++) {
            for (int row = 0; row < S * A; row++) {
              boolean impossible = m.hasActionPrior() && prior[row / A][row % A] == 0.0;
              if (impossible) {
                assertThat(sol.q()[t][row]).isEqualTo(Double.NEGATIVE_INFINITY);
                assertThat(sol.policy()[t][row]).isZero();
              } else {
                assertThat(sol.q()[t][row]).isFinite();
              }
              assertThat(sol.policy()[t][row]).isBetween(0.0, 1.0);
            }
            assertAllFinite(sol.v()[t]);
            assertAllFinite(sol.forward()[t]);
            assertAllFinite(sol.marginals().orElseThrow()[t]);
            assertAllFinite(sol.visitation()[t]);
            assertThat(sum(sol.marginals().orElseThrow()[t])).isCloseTo(1.0, offset(1e-9));
            // The visitation keeps its mass although |V| ulp / alpha reaches 1e-8 here (the policy
            // is renormalized).
            assertThat(sum(sol.visitation()[t])).as("t=%d", t).isCloseTo(1.0, offset(1e-12));
            for (int s = 0; s < S; s++) {
              double rowSum = 0;
              for (int a = 0; a < A; a++) {
                rowSum += sol.policy(t, s, a);
              }
              assertThat(rowSum).as("t=%d s=%d", t, s).isCloseTo(1.0, offset(1e-12));
            }
          }
          double[] fast =
              SoftValues.solve(m, new InferenceConfig(T, alpha, backup, 1.0), 2, false).v0();
          assertClose(fast, sol.v()[0], 1e-9 * (1 + maxAbs(sol.v()[0])));
        }
      }
    }
  }

  static void assertClose(double[] actual, double[] expected, double tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      if (expected[i] == Double.NEGATIVE_INFINITY) {
        assertThat(actual[i]).as("index %d", i).isEqualTo(Double.NEGATIVE_INFINITY);
      } else {
        assertThat(actual[i]).as("index %d", i).isCloseTo(expected[i], offset(tolerance));
      }
    }
  }

  static void assertAllFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      assertThat(values[i]).as("index %d", i).isFinite();
    }
  }

  static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }

  static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
