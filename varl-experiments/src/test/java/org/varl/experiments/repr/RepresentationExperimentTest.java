package org.varl.experiments.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.experiments.Listener;
import org.varl.rl.env.PixelOptions;

class RepresentationExperimentTest {

  private static RepresentationConfig tiny() {
    return RepresentationConfig.defaults()
        .withSteps(200)
        .withSeeds(1, 5)
        .withPixelOptions(new PixelOptions(16, 2))
        .withVae(300, 1, 2, 16)
        .withEvaluation(100, 1)
        .withProbeFrames(200)
        .withVariants(List.of("state", "vae-z", "pixels", "vae-z-refit"))
        .withRefitEvery(150);
  }

  @Test
  void everyVariantRunsWithTheSameSeedAndStepsAndReportsCurvesProbesAndImages() {
    List<Integer> partial = new ArrayList<>();
    RepresentationResult r =
        RepresentationExperiment.run(tiny(), Listener.NONE, p -> partial.add(p.runs().size()));
    assertThat(partial).containsExactly(1, 2, 3, 4);
    assertThat(r.labels()).containsExactly("state", "vae-z", "pixels", "vae-z-refit");
    for (RepresentationResult.Run run : r.runs()) {
      assertThat(run.seed()).isEqualTo(5);
      assertThat(run.steps()).isEqualTo(200);
      assertThat(run.updates()).isEqualTo(100); // 100 random steps, then one update per step
      assertThat(run.curve())
          .extracting(RepresentationResult.Point::step)
          .containsExactly(100L, 200L);
      assertThat(run.evalReturn()).isEqualTo(run.curve().get(1).mean());
      assertThat(run.wallSeconds()).isPositive();
    }
    // the state's own observation predicts cos, sin and theta_dot exactly (float32 rounding)
    RepresentationResult.Probe s = r.medianProbe("state");
    assertThat(s.cosTheta()).isCloseTo(1, within(1e-9));
    assertThat(s.thetaDot()).isCloseTo(1, within(1e-9));
    // two latents per frame: finite R², at most 1
    RepresentationResult.Probe z = r.medianProbe("vae-z");
    assertThat(z.cosTheta()).isLessThanOrEqualTo(1).isGreaterThan(-10);
    assertThat(z.thetaDot()).isLessThanOrEqualTo(1);
    // 256 pixels per frame against 100 fitting rows: not computed
    assertThat(r.medianProbe("pixels").cosTheta()).isNaN();
    assertThat(r.runsOf("vae-z").get(0).representationSeconds()).isPositive();
    RepresentationResult.Images im = r.images().orElseThrow();
    assertThat(im.frames()).hasNumberOfRows(8);
    assertThat(im.traversal()).hasNumberOfRows(2 * 9);
    assertThat(im.reconstructions()[0]).hasSize(256);
    for (float v : im.traversal()[3]) {
      assertThat(v).isBetween(0f, 1f);
    }
  }

  @Test
  void theMedianAndTheSettingsAreChecked() {
    assertThat(RepresentationResult.median(new double[] {3, -1, 2})).isEqualTo(2);
    assertThat(RepresentationResult.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    assertThatThrownBy(() -> tiny().withSteps(10)).hasMessage("steps must be >= 200, found 10");
    assertThatThrownBy(() -> tiny().withVariants(List.of("state", "raw")))
        .hasMessage(
            "variants must be among state, vae-z, pixels, vae-z-refit, belief, found 'raw'");
    assertThat(
            tiny()
                .withPixels(new RepresentationConfig.PixelsVariant("pixels", c -> c))
                .label("pixels"))
        .isEqualTo("pixels");
  }
}
