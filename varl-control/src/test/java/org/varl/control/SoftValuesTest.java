package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The values-only parallel solver agrees with the full backward messages in every regime. */
class SoftValuesTest {

  private static void assertSameValues(Mdp mdp, InferenceConfig config, int threads) {
    double[][] reference = BackwardMessages.compute(mdp, config).v();
    SoftValues.Result fast = SoftValues.solve(mdp, config, threads, true);
    for (int t = 0; t < config.horizon(); t++) {
      PropertiesTest.assertClose(
          fast.values()[t], reference[t], 1e-11 * (1 + PropertiesTest.maxAbs(reference[t])));
    }
    assertThat(fast.v0()).isEqualTo(fast.values()[0]);
    assertThat(SoftValues.solve(mdp, config, threads, false).v0()).isEqualTo(fast.v0());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void agreesWithBackwardMessages(long seed) {
    Mdp mdp = RandomMdps.random(seed, 40, 4, false, false, 2.0);
    Mdp withPrior = mdp.withActionPrior(RandomMdps.prior(seed, 40, 4, true));
    for (Mdp m : new Mdp[] {mdp, withPrior}) {
      for (Backup backup : Backup.values()) {
        for (double gamma : new double[] {1.0, 0.9}) {
          for (int threads : new int[] {1, 3}) {
            assertSameValues(m, new InferenceConfig(12, 0.7, backup, gamma), threads);
          }
        }
      }
    }
  }

  @Test
  void underflowingValuesAreRecomputedExactly() {
    // A chain 0 -> 1 -> ... -> n-1 (absorbing) where each step costs 100 except staying in the last
    // state; with
    // alpha = 1 the values span thousands, so exp(V/alpha) relative to the maximum underflows and
    // the per-row
    // log-space path must take over.
    int n = 60;
    MdpBuilder b = Mdp.builder().setStates(n).setActions(2);
    double[][] r = new double[n][2];
    for (int s = 0; s < n; s++) {
      b.addTransition(s, 0, Math.min(s + 1, n - 1), 0.9).addTransition(s, 0, s, 0.1);
      b.addTransition(s, 1, s, 1.0);
      r[s][0] = s == n - 1 ? 0 : -100.0 * s;
      r[s][1] = s == n - 1 ? 0 : -50.0 * s;
    }
    double[] p0 = new double[n];
    p0[0] = 1;
    Mdp mdp = b.setRewards(r).setInitial(p0).build();
    InferenceConfig config = new InferenceConfig(40, 1.0, Backup.EXACT, 1.0);
    assertSameValues(mdp, config, 2);
    assertThat(SoftValues.solve(mdp, config, 2, false).stableRecomputations()).isPositive();
  }

  @Test
  void hugeRewardsTakeTheLogSpacePathAndStayExact() {
    Mdp mdp = RandomMdps.random(7, 30, 3, false, false, 1e4);
    InferenceConfig config = new InferenceConfig(8, 1.0, Backup.EXACT, 1.0);
    assertSameValues(mdp, config, 2);
    assertThat(SoftValues.solve(mdp, config, 1, false).stableRecomputations()).isPositive();
  }

  @Test
  void reportsCompressedStorage() {
    Mdp mdp = RandomMdps.random(9, 20, 2, true, false, 1.0);
    assertThat(SoftValues.solve(mdp, InferenceConfig.of(3), 1, false).storage())
        .contains("byte codes");
    Mdp stochastic = RandomMdps.random(9, 20, 2, false, false, 1.0);
    assertThat(
            SoftValues.solve(stochastic, InferenceConfig.of(3).withBackup(Backup.MAXENT), 2, false)
                .storage())
        .startsWith("rows P(s'|s,a)");
  }
}
