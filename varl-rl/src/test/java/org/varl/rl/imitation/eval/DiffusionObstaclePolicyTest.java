package org.varl.rl.imitation.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;
import org.varl.models.diffpolicy.DiffusionPolicy;
import org.varl.models.diffpolicy.DiffusionPolicyConfig;
import org.varl.models.diffpolicy.UnitScaling;
import org.varl.testing.ResourceCounts;

/** Fresh draws per step, reproducible per episode, on an untrained diffusion policy. */
class DiffusionObstaclePolicyTest {

  /** One intra-op thread: the networks are small and the machine is shared (EngineSetup). */
  @BeforeAll
  static void oneThread() {
    EngineSetup.threads(1);
  }

  private static final double[] S = {0.1, 0.3};

  private static DiffusionPolicy policy(NDManager m, int stateDim) {
    DiffusionPolicyConfig config =
        DiffusionPolicyConfig.defaults().withHidden(16).withLayers(1).withDenoisingSteps(8);
    UnitScaling states = UnitScaling.identity(stateDim);
    // Actions of the obstacle task's scale: |a_j| ≤ 0.05.
    UnitScaling actions = new UnitScaling(new double[] {0, 0}, new double[] {0.05, 0.05});
    return DiffusionPolicy.create(m, config.withSeed(4), states, actions);
  }

  @Test
  void everyStepDrawsAFreshActionAndAnEpisodeReplaysItsDraws() {
    try (NDManager m = NDManager.newBaseManager()) {
      DiffusionObstaclePolicy p = new DiffusionObstaclePolicy(m, policy(m, 2), 1);
      p.beginEpisode(3, S);
      double[] first = p.act(S);
      double[] second = p.act(S);
      assertThat(second).isNotEqualTo(first);
      for (double v : first) {
        assertThat(v).isFinite();
        // u_0 is clipped to [−1, 1]: the action stays within c ± r.
        assertThat(Math.abs(v)).isLessThanOrEqualTo(0.05 + 1e-7);
      }
      p.beginEpisode(0, S);
      double[] other = p.act(S);
      p.beginEpisode(3, S);
      assertThat(p.act(S)).containsExactly(first);
      assertThat(p.act(S)).containsExactly(second);
      assertThat(other).isNotEqualTo(first);
    }
  }

  @Test
  void rolloutsAreAFunctionOfTheSeedAndTheRootStaysFlat() {
    try (NDManager m = NDManager.newBaseManager()) {
      DiffusionPolicy dp = policy(m, 2);
      List<ObstacleRollout> a =
          ObstacleRollouts.play(1, new DiffusionObstaclePolicy(m, dp, 2), 3, 5);
      List<ObstacleRollout> b =
          ObstacleRollouts.play(1, new DiffusionObstaclePolicy(m, dp, 2), 3, 5);
      List<ObstacleRollout> c =
          ObstacleRollouts.play(1, new DiffusionObstaclePolicy(m, dp, 7), 3, 5);
      boolean differs = false;
      for (int e = 0; e < 3; e++) {
        assertThat(b.get(e).positions()).hasSameSizeAs(a.get(e).positions());
        for (int t = 0; t < a.get(e).positions().size(); t++) {
          assertThat(b.get(e).positions().get(t)).containsExactly(a.get(e).positions().get(t));
        }
        for (double[] action : a.get(e).actions()) {
          assertThat(Double.isFinite(action[0]) && Double.isFinite(action[1])).isTrue();
        }
        differs |= !java.util.Arrays.equals(c.get(e).actions().get(0), a.get(e).actions().get(0));
      }
      assertThat(differs).isTrue();
      DiffusionObstaclePolicy p = new DiffusionObstaclePolicy(m, dp, 3);
      p.beginEpisode(0, S);
      ResourceCounts.assertFlatOver(m, 50, t -> p.act(S));
    }
  }

  @Test
  void wrongUseIsRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      DiffusionObstaclePolicy p = new DiffusionObstaclePolicy(m, policy(m, 2), 1);
      assertThatThrownBy(() -> p.act(S))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("beginEpisode");
      DiffusionPolicy wide = policy(m, 3);
      assertThatThrownBy(() -> new DiffusionObstaclePolicy(m, wide, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("stateDim 2 and actionDim 2, found 3 and 2");
    }
  }
}
