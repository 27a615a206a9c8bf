package org.varl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftValueIterationTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void reachesTheSoftBellmanFixedPoint(long seed) {
    Mdp mdp =
        RandomMdps.random(seed, 9, 3, false, false, 1.0)
            .withActionPrior(RandomMdps.prior(seed, 9, 3, true));
    for (Backup backup : Backup.values()) {
      InfiniteHorizonConfig config = InfiniteHorizonConfig.of(0.5, backup, 0.9);
      StationarySolution sol = SoftValueIteration.solve(mdp, config);
      assertThat(sol.converged()).isTrue();
      assertThat(sol.residual()).isLessThanOrEqualTo(1e-10);
      // One more backup of V changes it by at most gamma * residual / (1 - gamma).
      for (int s = 0; s < 9; s++) {
        double[] q = new double[3];
        double sum = 0;
        for (int a = 0; a < 3; a++) {
          q[a] = mdp.foldedRewards(0.5)[s * 3 + a] + 0.9 * backup.apply(mdp, s, a, sol.v(), 0.5);
          sum += sol.policy(s, a);
        }
        assertThat(LogSpace.softMax(q, 0, 3, 0.5)).isCloseTo(sol.v()[s], offset(1e-8));
        assertThat(sum).isCloseTo(1.0, offset(1e-12));
      }
      // A long finite horizon approaches the stationary values: |V_0 - V| <= gamma^T max|V|.
      double[] v0 =
          BackwardMessages.compute(mdp, new InferenceConfig(300, 0.5, backup, 0.9)).v()[0];
      PropertiesTest.assertClose(v0, sol.v(), 1e-9);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5})
  void stopsAtTheIterationCap(int cap) {
    Mdp mdp = RandomMdps.random(4, 5, 2, false, false, 1.0);
    StationarySolution sol =
        SoftValueIteration.solve(
            mdp, new InfiniteHorizonConfig(1.0, Backup.EXACT, 0.99, 1e-12, cap));
    assertThat(sol.iterations()).isEqualTo(cap);
    assertThat(sol.converged()).isFalse();
    assertThat(sol.residual()).isGreaterThan(1e-12);
  }
}
