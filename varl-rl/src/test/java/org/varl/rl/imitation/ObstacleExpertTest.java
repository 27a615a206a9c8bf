package org.varl.rl.imitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.rl.env.Obstacle;
import org.varl.rl.env.Step;
import org.varl.rl.env.TimeLimit;

class ObstacleExpertTest {

  /** The distance from point c to the segment [p, q]. */
  private static double distance(double[] p, double[] q, double[] c) {
    double ux = q[0] - p[0];
    double uy = q[1] - p[1];
    double t = ((c[0] - p[0]) * ux + (c[1] - p[1]) * uy) / (ux * ux + uy * uy);
    t = Math.min(Math.max(t, 0), 1);
    return Math.hypot(p[0] + t * ux - c[0], p[1] + t * uy - c[1]);
  }

  /** The smallest gap between the way-point path from the start (0, 0) and any circle. */
  private static double clearance(Obstacle task, boolean[] right) {
    double[][] w = ObstacleExpert.waypoints(task, right);
    double min = Double.POSITIVE_INFINITY;
    double[] from = {0, 0};
    for (double[] to : w) {
      for (int k = 0; k < task.obstacles(); k++) {
        min = Math.min(min, distance(from, to, task.centre(k)) - Obstacle.RADIUS);
      }
      from = to;
    }
    return min;
  }

  @Test
  void wayPointsAreTheDocumentedOnesAndKeepClearOfTheDiscs() {
    Obstacle one = new Obstacle(1);
    assertThat(ObstacleExpert.waypoints(one, new boolean[] {false}))
        .isDeepEqualTo(new double[][] {{-0.45, 0.25}, {-0.45, 0.75}, {-0.45, 1.1}});
    // First leg (0,0)→(0.45,0.25): distance 0.225/√(0.45²+0.25²) = 0.4371 to the centre.
    assertThat(clearance(one, new boolean[] {true}))
        .isCloseTo(0.225 / Math.hypot(0.45, 0.25) - 0.25, within(1e-12));
    Obstacle two = new Obstacle(2);
    assertThat(ObstacleExpert.waypoints(two, new boolean[] {true, false}))
        .isDeepEqualTo(
            new double[][] {
              {0.45, 0.25}, {0.45, 0.85}, {-0.45, 0.85}, {-0.45, 1.45}, {-0.45, 1.8}
            });
    // Changing sides crosses the gap at y = 0.85: 0.35 from both centres, 0.1 from both circles.
    assertThat(clearance(two, new boolean[] {true, false})).isCloseTo(0.1, within(1e-12));
    assertThat(clearance(two, new boolean[] {false, true})).isCloseTo(0.1, within(1e-12));
    assertThat(ObstacleExpert.waypoints(two, new boolean[] {false, false}))
        .isDeepEqualTo(new double[][] {{-0.45, 0.25}, {-0.45, 0.85}, {-0.45, 1.45}, {-0.45, 1.8}});
    assertThat(clearance(two, new boolean[] {true, true}))
        .isCloseTo(0.225 / Math.hypot(0.45, 0.25) - 0.25, within(1e-12));
  }

  /** Runs {@code episodes} expert episodes; returns {collisions, timeouts, per-mode counts...}. */
  private static int[] run(int obstacles, int episodes, double noiseStd, long seed) {
    TimeLimit env = Obstacle.make(obstacles);
    Obstacle task = (Obstacle) env.unwrapped();
    ObstacleExpert expert = new ObstacleExpert(task, noiseStd);
    SplittableRandom random = new SplittableRandom(seed);
    int[] counts = new int[2 + expert.modes()];
    for (int e = 0; e < episodes; e++) {
      double[] s = e == 0 ? env.reset(seed) : env.reset();
      int mode = expert.reset(random);
      Step step;
      boolean sideChecked = false;
      do {
        double[] before = s;
        step = env.step(expert.act(s, random));
        s = step.observation();
        // The mode's bit k says the side of disc k: check the sign of x where y passes the centre.
        for (int k = 0; k < obstacles; k++) {
          double cy = task.centre(k)[1];
          if (before[1] < cy && s[1] >= cy) {
            assertThat(s[0] > 0).as("episode %d disc %d", e, k).isEqualTo((mode >> k & 1) == 1);
            sideChecked = true;
          }
        }
      } while (!step.done());
      assertThat(sideChecked).isTrue();
      if (task.collided()) {
        counts[0]++;
      } else if (task.outcome() != Obstacle.Outcome.SUCCESS) {
        counts[1]++;
      }
      counts[2 + mode]++;
    }
    return counts;
  }

  @Test
  void neverCollidesAndAlwaysSucceedsInTime() {
    for (int obstacles = 1; obstacles <= 2; obstacles++) {
      int[] c = run(obstacles, 2000, ObstacleExpert.NOISE_STD, 11);
      assertThat(c[0]).as("collisions, %d discs", obstacles).isZero();
      assertThat(c[1]).as("timeouts, %d discs", obstacles).isZero();
      // Twice the default noise still never collides: the default has margin.
      c = run(obstacles, 500, 2 * ObstacleExpert.NOISE_STD, 12);
      assertThat(c[0] + c[1]).as("failures at twice the noise, %d discs", obstacles).isZero();
    }
  }

  @Test
  void modesAreUniform() {
    int n = 4000;
    // One disc: count of mode 1 ~ Binomial(n, 1/2), sd √(n/4) ≈ 31.6; tolerance 4 sd.
    int[] c = run(1, n, ObstacleExpert.NOISE_STD, 21);
    assertThat((double) c[3]).isCloseTo(n / 2.0, within(4 * Math.sqrt(n / 4.0)));
    // Two discs: each mode ~ Binomial(n, 1/4), sd √(3n/16) ≈ 27.4; tolerance 4 sd each.
    c = run(2, n, ObstacleExpert.NOISE_STD, 22);
    for (int m = 0; m < 4; m++) {
      assertThat((double) c[2 + m])
          .as("mode %d", m)
          .isCloseTo(n / 4.0, within(4 * Math.sqrt(3.0 * n / 16)));
    }
  }
}
