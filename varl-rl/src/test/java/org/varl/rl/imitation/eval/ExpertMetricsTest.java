package org.varl.rl.imitation.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.rl.env.Obstacle;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.Demonstrations;

/** The metrics on the scripted expert: the reference row of every comparison table. */
class ExpertMetricsTest {

  /**
   * Binomial tolerance: with N = 200 successes from M equally likely modes, the normalised entropy
   * of the empirical fractions is ≈ 1 − χ² / (2 N log M), χ² with M − 1 degrees of freedom. Its
   * 99.9 % quantile (10.83 for one, 16.27 for three degrees) gives 1 − 0.039 (one disc) and 1 −
   * 0.029 (two discs): 0.96 holds for both with probability ≥ 0.999.
   */
  private static final double MIN_ENTROPY = 0.96;

  @Test
  void theExpertAlwaysSucceedsAndUsesEveryModeAboutEquallyOften() {
    for (int obstacles = 1; obstacles <= 2; obstacles++) {
      List<ObstacleRollout> r =
          ObstacleRollouts.play(obstacles, ObstacleRollouts.expert(obstacles, 0.005, 5), 200, 7);
      ImitationMetrics m = ImitationMetrics.of(obstacles, r);
      assertThat(m.successRate()).as("obstacles %d", obstacles).isEqualTo(1.0);
      assertThat(m.collisionRate()).isEqualTo(0.0);
      assertThat(m.timeoutRate()).isEqualTo(0.0);
      assertThat(m.behaviourEntropy()).as("obstacles %d", obstacles).isGreaterThan(MIN_ENTROPY);
      // each fraction within 3.3 binomial standard deviations of 1/M: sqrt((1/M)(1 − 1/M) / 200)
      double q = 1.0 / m.modes();
      double sd = Math.sqrt(q * (1 - q) / 200);
      for (double p : m.modeFractions()) {
        assertThat(p).isCloseTo(q, within(3.3 * sd));
      }
      // full speed towards way-points with small noise: the jerk is the noise's,
      // E‖Δ²ε‖² = 6 · 2 σ_a² = 3e-4 off the turns (second difference of i.i.d. noise: 1 + 4 + 1)
      assertThat(m.meanJerk()).isBetween(1e-4, 1e-3);
    }
  }

  @Test
  void theGeometricModeIsTheModeTheExpertDrew() {
    for (int obstacles = 1; obstacles <= 2; obstacles++) {
      Obstacle task = new Obstacle(obstacles);
      List<DemoRow> rows = Demonstrations.generate(obstacles, 100, 3);
      int checked = 0;
      int i = 0;
      while (i < rows.size()) {
        int episode = rows.get(i).episode();
        int drawn = rows.get(i).mode();
        List<double[]> positions = new ArrayList<>();
        List<double[]> actions = new ArrayList<>();
        double[] last = null;
        for (; i < rows.size() && rows.get(i).episode() == episode; i++) {
          DemoRow row = rows.get(i);
          positions.add(new double[] {row.x(), row.y()});
          actions.add(new double[] {row.dx(), row.dy()});
          last = new double[] {row.x() + row.dx(), row.y() + row.dy()};
        }
        positions.add(last);
        ObstacleRollout r = new ObstacleRollout(positions, actions, RolloutOutcome.SUCCESS);
        assertThat(ObstacleModes.mode(task, r)).as("episode %d", episode).isEqualTo(drawn);
        checked++;
      }
      assertThat(checked).isEqualTo(100);
    }
  }
}
