package org.varl.rl.imitation.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.rl.env.Obstacle;

class ObstacleRolloutsTest {

  @Test
  void straightUpEntersTheDiscEveryTime() {
    List<ObstacleRollout> r = ObstacleRollouts.play(1, s -> new double[] {0, 0.05}, 50, 1);
    ImitationMetrics m = ImitationMetrics.of(1, r);
    assertThat(m.collisionRate()).isEqualTo(1.0);
    assertThat(m.successRate()).isEqualTo(0.0);
    assertThat(m.behaviourEntropy()).isEqualTo(0.0);
    for (ObstacleRollout o : r) {
      // from y ≈ 0 ± 0.06 at 0.05 a step, the disc's bottom (y ≥ 0.25 at |x| ≤ 0.06) is met at step
      // 4..7
      assertThat(o.length()).isBetween(4, 7);
      assertThat(o.positions().get(o.length())[1]).isGreaterThan(0.25 - 0.05);
    }
  }

  @Test
  void sidewaysTimesOutAtTheStepLimitAndTheActionIsClipped() {
    for (int obstacles = 1; obstacles <= 2; obstacles++) {
      List<ObstacleRollout> r = ObstacleRollouts.play(obstacles, s -> new double[] {3, 4}, 5, 1);
      int limit = new Obstacle(obstacles).maxEpisodeSteps();
      for (ObstacleRollout o : r) {
        // (3, 4) has norm 5: scaled onto the disc of radius 0.05 keeping the direction
        assertThat(o.actions().get(0)).containsExactly(0.03, 0.04);
      }
      List<ObstacleRollout> sideways =
          ObstacleRollouts.play(obstacles, s -> new double[] {0.05, 0}, 5, 1);
      assertThat(ImitationMetrics.of(obstacles, sideways).timeoutRate()).isEqualTo(1.0);
      for (ObstacleRollout o : sideways) {
        assertThat(o.length()).isEqualTo(limit);
      }
    }
  }

  @Test
  void positionsAreTheRunningSumOfTheRecordedActions() {
    List<ObstacleRollout> r = ObstacleRollouts.play(2, ObstacleRollouts.expert(2, 0.005, 1), 5, 2);
    for (ObstacleRollout o : r) {
      for (int t = 0; t < o.length(); t++) {
        double[] p = o.positions().get(t);
        double[] a = o.actions().get(t);
        // up to the last bit: the task clips the clipped action again, which may rescale by 1 ulp
        assertThat(o.positions().get(t + 1)[0]).isCloseTo(p[0] + a[0], within(1e-15));
        assertThat(o.positions().get(t + 1)[1]).isCloseTo(p[1] + a[1], within(1e-15));
        assertThat(Math.hypot(a[0], a[1])).isLessThanOrEqualTo(Obstacle.MAX_SPEED + 1e-15);
      }
    }
  }

  @Test
  void theEpisodeHookSeesEachStartOnceBeforeTheFirstAction() {
    List<String> calls = new ArrayList<>();
    List<double[]> starts = new ArrayList<>();
    ObstaclePolicy policy =
        new ObstaclePolicy() {
          @Override
          public double[] act(double[] state) {
            calls.add("act");
            return new double[] {0, 0.05};
          }

          @Override
          public void beginEpisode(int episode, double[] start) {
            calls.add("begin " + episode);
            starts.add(start);
          }
        };
    List<ObstacleRollout> r = ObstacleRollouts.play(1, policy, 3, 4);
    int i = 0;
    for (int e = 0; e < 3; e++) {
      assertThat(calls.get(i)).isEqualTo("begin " + e);
      assertThat(starts.get(e)).containsExactly(r.get(e).positions().get(0));
      for (int t = 1; t <= r.get(e).length(); t++) {
        assertThat(calls.get(i + t)).isEqualTo("act");
      }
      i += 1 + r.get(e).length();
    }
    assertThat(calls).hasSize(i);
  }

  @Test
  void theSameSeedGivesTheSameStartsAndEpisodesDoNotShareThem() {
    ObstaclePolicy up = s -> new double[] {0, 0.05};
    List<ObstacleRollout> a = ObstacleRollouts.play(1, up, 4, 9);
    List<ObstacleRollout> b = ObstacleRollouts.play(1, up, 2, 9);
    List<ObstacleRollout> c = ObstacleRollouts.play(1, up, 2, 10);
    for (int e = 0; e < 2; e++) {
      // a prefix of the episodes is reproducible alone
      assertThat(b.get(e).positions().get(0)).containsExactly(a.get(e).positions().get(0));
      assertThat(c.get(e).positions().get(0)).isNotEqualTo(a.get(e).positions().get(0));
    }
    assertThat(a.get(0).positions().get(0)).isNotEqualTo(a.get(1).positions().get(0));
  }

  @Test
  void badInputIsRefusedWithAMessageNamingIt() {
    assertThatThrownBy(() -> ObstacleRollouts.play(1, s -> new double[] {0, 0.05}, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("episodes must be >= 1, found 0");
    assertThatThrownBy(() -> ObstacleRollouts.play(3, s -> new double[] {0, 0.05}, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("obstacles");
    ObstaclePolicy nanLater = s -> new double[] {0, s[1] > 0.1 ? Double.NaN : 0.05};
    assertThatThrownBy(() -> ObstacleRollouts.play(1, nanLater, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("episode 0, step")
        .hasMessageContaining("NaN");
  }
}
