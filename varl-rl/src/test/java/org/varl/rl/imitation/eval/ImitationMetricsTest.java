package org.varl.rl.imitation.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.rl.env.Obstacle;

class ImitationMetricsTest {

  /** A rollout through the given positions, the actions being their differences. */
  private static ObstacleRollout through(RolloutOutcome outcome, double[]... positions) {
    List<double[]> actions = new ArrayList<>();
    for (int t = 0; t + 1 < positions.length; t++) {
      actions.add(
          new double[] {
            positions[t + 1][0] - positions[t][0], positions[t + 1][1] - positions[t][1]
          });
    }
    return new ObstacleRollout(List.of(positions), actions, outcome);
  }

  /** A one-disc success passing at x (its crossing of y = 0.5 is at x). */
  private static ObstacleRollout success(double x) {
    return through(
        RolloutOutcome.SUCCESS,
        new double[] {0, 0},
        new double[] {x, 0.4},
        new double[] {x, 0.6},
        new double[] {x, 1.0});
  }

  /** A two-disc success passing disc 0 at x0 and disc 1 at x1. */
  private static ObstacleRollout success(double x0, double x1) {
    return through(
        RolloutOutcome.SUCCESS,
        new double[] {0, 0},
        new double[] {x0, 0.4},
        new double[] {x0, 0.85},
        new double[] {x1, 0.85},
        new double[] {x1, 1.7});
  }

  private static ObstacleRollout failure(RolloutOutcome outcome) {
    return through(outcome, new double[] {0, 0}, new double[] {0, 0.05});
  }

  @Test
  void ratesAreCountsOverEpisodesAndEqualModesHaveEntropyOne() {
    List<ObstacleRollout> r =
        List.of(
            success(-0.4),
            success(0.4),
            success(-0.3),
            success(0.3),
            failure(RolloutOutcome.COLLISION),
            failure(RolloutOutcome.COLLISION),
            failure(RolloutOutcome.COLLISION),
            failure(RolloutOutcome.TIMEOUT));
    ImitationMetrics m = ImitationMetrics.of(1, r);
    assertThat(m.episodes()).isEqualTo(8);
    assertThat(m.successRate()).isEqualTo(0.5);
    assertThat(m.collisionRate()).isEqualTo(0.375);
    assertThat(m.timeoutRate()).isEqualTo(0.125);
    assertThat(m.modes()).isEqualTo(2);
    assertThat(m.modeCounts()).containsExactly(2, 2);
    assertThat(m.modeFractions()).containsExactly(0.5, 0.5);
    assertThat(m.behaviourEntropy()).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void oneModeHasEntropyZeroAndThreeToOneHasTheBinaryEntropy() {
    ImitationMetrics one = ImitationMetrics.of(1, List.of(success(0.3), success(0.4)));
    assertThat(one.modeFractions()).containsExactly(0.0, 1.0);
    assertThat(one.behaviourEntropy()).isEqualTo(0.0);
    ImitationMetrics skew =
        ImitationMetrics.of(1, List.of(success(-0.3), success(-0.4), success(-0.5), success(0.3)));
    assertThat(skew.modeCounts()).containsExactly(3, 1);
    // H(3/4, 1/4) in bits = 2 − (3/4) log2 3 = 0.811278124459133
    assertThat(skew.behaviourEntropy()).isCloseTo(0.811278124459133, within(1e-12));
  }

  @Test
  void twoDiscsHaveFourModesAndTheEntropyIsDividedByLogFour() {
    ImitationMetrics all =
        ImitationMetrics.of(
            2,
            List.of(
                success(-0.4, -0.4), success(0.4, -0.4), success(-0.4, 0.4), success(0.4, 0.4)));
    assertThat(all.modes()).isEqualTo(4);
    // bit k of the mode: disc k passed on the right
    assertThat(all.modeCounts()).containsExactly(1, 1, 1, 1);
    assertThat(all.behaviourEntropy()).isCloseTo(1.0, within(1e-15));
    ImitationMetrics half =
        ImitationMetrics.of(2, List.of(success(-0.4, -0.4), success(0.4, -0.4)));
    assertThat(half.modeCounts()).containsExactly(1, 1, 0, 0);
    // log 2 / log 4
    assertThat(half.behaviourEntropy()).isCloseTo(0.5, within(1e-15));
    ImitationMetrics switching = ImitationMetrics.of(2, List.of(success(-0.4, 0.4)));
    assertThat(switching.modeCounts()).containsExactly(0, 0, 1, 0);
  }

  @Test
  void noSuccessGivesZeroEntropyAndZeroFractions() {
    ImitationMetrics m =
        ImitationMetrics.of(
            1, List.of(failure(RolloutOutcome.COLLISION), failure(RolloutOutcome.TIMEOUT)));
    assertThat(m.successRate()).isEqualTo(0.0);
    assertThat(m.collisionRate()).isEqualTo(0.5);
    assertThat(m.timeoutRate()).isEqualTo(0.5);
    assertThat(m.modeFractions()).containsExactly(0.0, 0.0);
    assertThat(m.behaviourEntropy()).isEqualTo(0.0);
  }

  @Test
  void theSideIsTheInterpolatedXAtTheCentresHeightNotAnEndPoint() {
    Obstacle task = new Obstacle(1);
    // (0.3, 0.3) -> (-0.5, 0.7): x at y = 0.5 is 0.3 + (0.2 / 0.4)(-0.8) = -0.1, left; x_t is right
    ObstacleRollout left =
        through(
            RolloutOutcome.SUCCESS,
            new double[] {0, 0},
            new double[] {0.3, 0.3},
            new double[] {-0.5, 0.7},
            new double[] {-0.5, 1.0});
    assertThat(ObstacleModes.mode(task, left)).isEqualTo(0);
    // (0.3, 0.3) -> (-0.1, 0.9): x at y = 0.5 is 0.3 + (0.2 / 0.6)(-0.4) = 0.1667, right; x_{t+1}
    // is left
    ObstacleRollout right =
        through(
            RolloutOutcome.SUCCESS,
            new double[] {0, 0},
            new double[] {0.3, 0.3},
            new double[] {-0.1, 0.9},
            new double[] {-0.1, 1.0});
    assertThat(ObstacleModes.mode(task, right)).isEqualTo(1);
    // the first upward crossing decides: down again and up on the other side does not count
    ObstacleRollout back =
        through(
            RolloutOutcome.SUCCESS,
            new double[] {0, 0},
            new double[] {-0.4, 0.6},
            new double[] {0.4, 0.4},
            new double[] {0.4, 1.0});
    assertThat(ObstacleModes.mode(task, back)).isEqualTo(0);
    // never reaching the centre's height: no mode
    assertThat(ObstacleModes.mode(task, failure(RolloutOutcome.TIMEOUT))).isEqualTo(-1);
  }

  @Test
  void meanJerkIsThePooledMeanSquaredSecondDifferenceOfTheActions() {
    // actions (0,0), (1,0), (0,0), (0,1): second differences (-2, 0) and (1, 1): squares 4 and 2
    ObstacleRollout bumpy =
        through(
            RolloutOutcome.TIMEOUT,
            new double[] {0, 0},
            new double[] {0, 0},
            new double[] {1, 0},
            new double[] {1, 0},
            new double[] {1, 1});
    assertThat(ImitationMetrics.of(1, List.of(bumpy)).meanJerk()).isEqualTo(3.0);
    // the same as the squared third difference of the positions, computed from them
    List<double[]> p = bumpy.positions();
    double sum = 0;
    for (int t = 0; t + 3 < p.size(); t++) {
      for (int i = 0; i < 2; i++) {
        double d = p.get(t + 3)[i] - 3 * p.get(t + 2)[i] + 3 * p.get(t + 1)[i] - p.get(t)[i];
        sum += d * d;
      }
    }
    assertThat(sum / (p.size() - 3)).isEqualTo(3.0);
    // constant velocity has no jerk; pooled over both rollouts' four terms: (4 + 2 + 0 + 0) / 4
    ObstacleRollout steady =
        through(
            RolloutOutcome.TIMEOUT,
            new double[] {0, 0},
            new double[] {0.1, 0.2},
            new double[] {0.2, 0.4},
            new double[] {0.3, 0.6},
            new double[] {0.4, 0.8});
    assertThat(ImitationMetrics.of(1, List.of(steady)).meanJerk()).isCloseTo(0.0, within(1e-28));
    assertThat(ImitationMetrics.of(1, List.of(bumpy, steady)).meanJerk())
        .isCloseTo(1.5, within(1e-15));
    assertThat(ImitationMetrics.of(1, List.of(failure(RolloutOutcome.COLLISION))).meanJerk())
        .isNaN();
  }

  @Test
  void badInputIsRefusedWithAMessageNamingIt() {
    assertThatThrownBy(() -> ImitationMetrics.of(1, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rollouts");
    assertThatThrownBy(() -> ImitationMetrics.of(3, List.of(success(0.3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("obstacles");
    ObstacleRollout fake =
        through(RolloutOutcome.SUCCESS, new double[] {0, 0}, new double[] {0, 0.1});
    assertThatThrownBy(() -> ImitationMetrics.of(1, List.of(success(0.3), fake)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rollout 1");
    assertThatThrownBy(
            () ->
                new ObstacleRollout(
                    List.of(new double[] {0, 0}),
                    List.of(new double[] {0, 0}),
                    RolloutOutcome.TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one more");
    assertThatThrownBy(
            () ->
                new ObstacleRollout(
                    List.of(new double[] {0, 0}, new double[] {0, Double.NaN}),
                    List.of(new double[] {0, 0}),
                    RolloutOutcome.TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index [1, 1]");
  }
}
