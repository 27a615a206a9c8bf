package org.varl.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ObstacleTest {

  @Test
  void clipScalesTheVectorByItsNormNotEachCoordinate() {
    // (0.06, 0.08) has norm 0.1: halved to (0.03, 0.04); per-coordinate clipping would give
    // (0.05, 0.05).
    assertThat(Obstacle.clip(new double[] {0.06, 0.08}))
        .containsExactly(new double[] {0.03, 0.04}, within(1e-15));
    // (0.04, 0.04) is inside the box but has norm 0.0566 > 0.05: scaled to 0.05/√2 each.
    double c = 0.05 / Math.sqrt(2);
    assertThat(Obstacle.clip(new double[] {0.04, -0.04}))
        .containsExactly(new double[] {c, -c}, within(1e-15));
    assertThat(Obstacle.clip(new double[] {0.03, -0.02})).containsExactly(0.03, -0.02);
  }

  @Test
  void stepAddsTheClippedAction() {
    Obstacle env = new Obstacle(1);
    env.setState(new double[] {0.5, 0.1});
    Step s = env.step(new double[] {0, 1});
    assertThat(s.observation()).containsExactly(new double[] {0.5, 0.15}, within(1e-15));
    assertThat(s.reward()).isZero();
    assertThat(s.terminated()).isFalse();
    s = env.step(new double[] {-0.03, 0.04});
    assertThat(s.observation()).containsExactly(new double[] {0.47, 0.19}, within(1e-15));
    assertThat(env.outcome()).isEqualTo(Obstacle.Outcome.RUNNING);
  }

  @Test
  void startIsGaussianAroundTheOrigin() {
    Obstacle env = new Obstacle(1);
    int n = 20000;
    double[] sum = new double[2];
    double[] sq = new double[2];
    env.reset(7);
    for (int i = 0; i < n; i++) {
      double[] s = i == 0 ? env.state() : env.reset();
      for (int d = 0; d < 2; d++) {
        sum[d] += s[d];
        sq[d] += s[d] * s[d];
      }
    }
    for (int d = 0; d < 2; d++) {
      double mean = sum[d] / n;
      double var = sq[d] / n - mean * mean;
      // standard error of the mean 0.02/√n = 1.4e-4: 5 of them; of the variance 0.02²·√(2/n).
      assertThat(mean).as("mean %d", d).isCloseTo(0, within(5 * 0.02 / Math.sqrt(n)));
      assertThat(var)
          .as("variance %d", d)
          .isCloseTo(0.0004, within(5 * 0.0004 * Math.sqrt(2.0 / n)));
    }
    env.reset(7);
    double[] a = env.state();
    env.reset(7);
    assertThat(env.state()).containsExactly(a);
  }

  @Test
  void enteringTheDiscIsACollisionWithZeroReward() {
    TimeLimit env = Obstacle.make(1);
    Obstacle task = (Obstacle) env.unwrapped();
    env.reset(1);
    // 0.203125 + 0.046875 = 0.25 exactly (dyadic): the end point is on the circle, not inside.
    env.setState(new double[] {0, 0.203125});
    Step s = env.step(new double[] {0, 0.046875});
    assertThat(s.terminated()).isFalse();
    s = env.step(new double[] {0, 0.05});
    assertThat(s.terminated()).isTrue();
    assertThat(s.truncated()).isFalse();
    assertThat(s.reward()).isZero();
    assertThat(task.outcome()).isEqualTo(Obstacle.Outcome.COLLISION);
    assertThat(task.collided()).isTrue();
    assertThatThrownBy(() -> env.step(new double[] {0, 0.05}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("COLLISION");
  }

  @Test
  void aStepWhoseSegmentCutsTheDiscCollidesThoughBothEndsAreOutside() {
    // Horizontal chord at height 0.5 + 0.2495 above the centre: half-chord √(0.25² − 0.2495²) ≈
    // 0.0158, the ends (∓0.025, 0.7495) are at distance √(0.025² + 0.2495²) ≈ 0.2507 > 0.25.
    Obstacle env = new Obstacle(1);
    env.setState(new double[] {-0.025, 0.7495});
    Step s = env.step(new double[] {0.05, 0});
    assertThat(Math.hypot(s.observation()[0], s.observation()[1] - 0.5)).isGreaterThan(0.25);
    assertThat(env.outcome()).isEqualTo(Obstacle.Outcome.COLLISION);
    // The same step one millimetre higher passes above the disc.
    env.setState(new double[] {-0.025, 0.7505});
    env.step(new double[] {0.05, 0});
    assertThat(env.outcome()).isEqualTo(Obstacle.Outcome.RUNNING);
  }

  @Test
  void reachingTheGoalLineIsASuccessWithReward1() {
    TimeLimit env = Obstacle.make(1);
    env.reset(2);
    env.setState(new double[] {0.4, 0.96});
    Step s = env.step(new double[] {0, 0.03}); // y = 0.99
    assertThat(s.terminated()).isFalse();
    s = env.step(new double[] {0, 0.01}); // y = 1.00 ≥ 1.0
    assertThat(s.terminated()).isTrue();
    assertThat(s.reward()).isEqualTo(1.0);
    assertThat(((Obstacle) env.unwrapped()).outcome()).isEqualTo(Obstacle.Outcome.SUCCESS);
  }

  @Test
  void twoObstaclesNeedTheSecondDiscPassedAndY17() {
    Obstacle env = new Obstacle(2);
    env.setState(new double[] {0.4, 1.0});
    assertThat(env.step(new double[] {0, 0.05}).terminated()).isFalse(); // 1.0 is not the goal
    env.setState(new double[] {0, 0.92});
    env.step(new double[] {0, 0.05}); // y = 0.97 > 1.2 − 0.25: inside the second disc
    assertThat(env.collided()).isTrue();
    env.setState(new double[] {-0.3, 1.68});
    assertThat(env.step(new double[] {0, 0.05}).reward()).isEqualTo(1.0);
    assertThat(Obstacle.make(2).maxEpisodeSteps()).isEqualTo(100);
  }

  @Test
  void standingStillTimesOutAfter60Steps() {
    TimeLimit env = Obstacle.make(1);
    env.reset(3);
    Step s = null;
    for (int t = 0; t < 60; t++) {
      assertThat(s == null || !s.done()).isTrue();
      s = env.step(new double[] {0.001, 0});
    }
    assertThat(s.truncated()).isTrue();
    assertThat(s.terminated()).isFalse();
    assertThat(((Obstacle) env.unwrapped()).outcome()).isEqualTo(Obstacle.Outcome.RUNNING);
  }

  @Test
  void badActionsAndCountsAreRejected() {
    Obstacle env = new Obstacle(1);
    env.setState(new double[] {0, 0});
    assertThatThrownBy(() -> env.step(new double[] {0, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
    assertThatThrownBy(() -> env.step(new double[] {0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 2");
    assertThatThrownBy(() -> new Obstacle(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 3");
  }
}
