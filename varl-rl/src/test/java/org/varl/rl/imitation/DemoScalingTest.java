package org.varl.rl.imitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.rl.imitation.eval.LatentChoice;
import org.varl.rl.imitation.eval.ObstaclePolicy;

/** The demos' standardization, its inverse on actions, the demos directory, the z names. */
class DemoScalingTest {

  private static final List<DemoRow> ROWS = Demonstrations.generate(1, 30, 2);

  private static double[] meanAndStd(float[] rowMajor, int column) {
    int n = rowMajor.length / 2;
    double m = 0;
    for (int i = 0; i < n; i++) {
      m += rowMajor[2 * i + column];
    }
    m /= n;
    double v = 0;
    for (int i = 0; i < n; i++) {
      v += (rowMajor[2 * i + column] - m) * (rowMajor[2 * i + column] - m);
    }
    return new double[] {m, Math.sqrt(v / n)};
  }

  @Test
  void standardizedColumnsHaveMeanZeroAndUnitDeviation() {
    DemoScaling s = DemoScaling.fit(ROWS);
    for (float[] columns : List.of(s.states(ROWS), s.actions(ROWS))) {
      for (int c = 0; c < 2; c++) {
        double[] ms = meanAndStd(columns, c);
        assertThat(ms[0]).isCloseTo(0, within(1e-5));
        assertThat(ms[1]).isCloseTo(1, within(1e-5));
      }
    }
    // the expert moves at full speed (norm 0.05, noise 0.005): each action column spreads < 0.05
    assertThat(s.actionStd()[0]).isBetween(0.01, 0.05);
  }

  @Test
  void wrapMapsStatesInAndActionsOut() {
    DemoScaling s =
        new DemoScaling(
            new double[] {1, 2},
            new double[] {2, 4},
            new double[] {0.5, -0.5},
            new double[] {0.1, 0.2});
    double[][] seen = new double[2][];
    ObstaclePolicy inner =
        new ObstaclePolicy() {
          @Override
          public double[] act(double[] state) {
            seen[0] = state;
            return new double[] {1, -2};
          }

          @Override
          public void beginEpisode(int episode, double[] start) {
            seen[1] = start;
          }
        };
    ObstaclePolicy outer = s.wrap(inner);
    outer.beginEpisode(0, new double[] {3, 2});
    assertThat(seen[1]).containsExactly(1.0, 0.0);
    assertThat(outer.act(new double[] {0, 6})).containsExactly(0.6, -0.9);
    assertThat(seen[0]).containsExactly(-0.5, 1.0);
  }

  @Test
  void badScalingsAndEmptyDemosAreRefused() {
    assertThatThrownBy(
            () ->
                new DemoScaling(
                    new double[] {0, 0},
                    new double[] {1, 0},
                    new double[] {0, 0},
                    new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stateStd must be finite and > 0, found 0.0 at index 1");
    assertThatThrownBy(
            () ->
                new DemoScaling(
                    new double[] {0, Double.NaN},
                    new double[] {1, 1},
                    new double[] {0, 0},
                    new double[] {1, 1}))
        .hasMessageContaining("stateMean must be finite, found NaN at index 1");
    assertThatThrownBy(() -> DemoScaling.fit(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 0");
  }

  @Test
  void aDemosDirectoryRoundTrips(@TempDir Path dir) {
    DemoFiles.write(dir, 1, 30, 2, ROWS);
    DemoFiles.Demos back = DemoFiles.read(dir);
    assertThat(back.obstacles()).isEqualTo(1);
    assertThat(back.rows()).isEqualTo(ROWS);
  }

  @Test
  void latentChoicesParseTheirCommandLineNames() {
    for (LatentChoice c : LatentChoice.values()) {
      assertThat(LatentChoice.parse(c.id())).isEqualTo(c);
    }
    assertThat(LatentChoice.PER_EPISODE.id()).isEqualTo("per-episode");
    assertThatThrownBy(() -> LatentChoice.parse("mean"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("z must be one of per-episode, per-step, zero, found 'mean'");
  }
}
