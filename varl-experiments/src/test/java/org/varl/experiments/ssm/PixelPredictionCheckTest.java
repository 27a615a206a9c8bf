package org.varl.experiments.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;
import org.varl.experiments.Listener;

/** The pixel experiment at tiny sizes: its parts have the right shapes, and it is reproducible. */
class PixelPredictionCheckTest {

  private static final PixelPredictionCheckConfig TINY =
      PixelPredictionCheckConfig.defaults()
          .withImageSize(8)
          .withCollectSteps(1000)
          .withContext(4)
          .withHorizon(6)
          .withHidden(16)
          .withDeterministic(8)
          .withTrainSteps(20)
          .withBatchSize(8);

  @Test
  void tinyRunHasTheWindowsTheStripAndTheProbeAndIsAFunctionOfTheSeed() {
    EngineSetup.threads(1);
    long[] units = new long[1];
    Listener count =
        new Listener() {
          @Override
          public void advance(long u) {
            units[0] += u;
          }
        };
    PixelPredictionCheck.Result r = PixelPredictionCheck.run(TINY, count);
    // 1000 random steps = 5 Pendulum episodes of 200, each cut into 20 windows of 10
    assertThat(r.trainWindows() + r.heldOutWindows()).isEqualTo(100);
    assertThat(r.heldOutWindows()).isEqualTo(20);
    assertThat(units[0]).isEqualTo(1000 + 20);
    assertThat(r.history()).hasNumberOfRows(20);
    assertThat(r.modelMse()).hasSize(6);
    assertThat(r.lastFrameMse()).hasSize(6);
    // the pendulum moves: repeating a frame costs something, more after 6 steps than after 1
    assertThat(r.lastFrameMse()[0]).isPositive();
    assertThat(r.lastFrameMse()[5]).isGreaterThan(r.lastFrameMse()[0]);
    assertThat(r.stateNames()).contains("theta_dot");
    assertThat(r.probeBelief()).hasSameSizeAs(r.stateNames().toArray());
    assertThat(r.probe("theta_dot")).isLessThanOrEqualTo(1.0);
    assertThat(r.probe("none")).isNaN();
    assertThat(r.strip()).hasNumberOfRows(2 * 3 * 10);
    for (float[] f : r.strip()) {
      assertThat(f).hasSize(64);
      for (float v : f) {
        assertThat(v).isBetween(0f, 1f);
      }
    }
    assertThat(r.modelMseMean()).isPositive();

    PixelPredictionCheck.Result again = PixelPredictionCheck.run(TINY, Listener.NONE);
    assertThat(again.modelMse()).containsExactly(r.modelMse());
    assertThat(again.lastFrameMse()).containsExactly(r.lastFrameMse());
    assertThat(again.probeBelief()).containsExactly(r.probeBelief());
  }

  @Test
  void badSizesAreOneLineNamingTheField() {
    assertThatThrownBy(() -> PixelPredictionCheckConfig.defaults().withImageSize(2))
        .hasMessage("imageSize must be in [4, 64], found 2");
    assertThatThrownBy(() -> PixelPredictionCheckConfig.defaults().withCollectSteps(100))
        .hasMessageContaining("collectSteps")
        .hasMessageContaining("100");
  }
}
