package org.varl.experiments.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.engine.EngineSetup;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;
import org.varl.experiments.Listener;
import org.varl.rl.env.Envs;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.env.Step;
import org.varl.rl.repr.BeliefEnv;

/** Issue 14's {@code belief} variant of the representation comparison. */
class BeliefVariantTest {

  @TempDir Path dir;

  private static RepresentationConfig tiny() {
    return RepresentationConfig.defaults()
        .withSteps(200)
        .withSeeds(1, 7)
        // a stack of 2 for the other variants: the belief still sees one frame per step
        .withPixelOptions(new PixelOptions(16, 2))
        .withEvaluation(100, 1)
        .withProbeFrames(240)
        .withBelief(new RepresentationConfig.BeliefVariant(400, 20, 2, 16, 8, 5))
        .withVariants(List.of("belief"));
  }

  @Test
  void theBeliefRunTrainsSacOnTheFilteredBeliefOfItsOwnModel() {
    EngineSetup.threads(1);
    RepresentationResult r = RepresentationExperiment.run(tiny(), Listener.NONE);
    assertThat(r.labels()).containsExactly("belief");
    RepresentationResult.Run run = r.runs().get(0);
    assertThat(run.seed()).isEqualTo(7);
    assertThat(run.steps()).isEqualTo(200);
    assertThat(run.updates()).isEqualTo(100);
    assertThat(run.curve())
        .extracting(RepresentationResult.Point::step)
        .containsExactly(100L, 200L);
    assertThat(run.representationSeconds()).isPositive();
    // 2 + 8 belief values against 120 fitting rows: every probe is computed, each R² at most 1
    RepresentationResult.Probe p = run.probe();
    assertThat(p.cosTheta()).isFinite().isLessThanOrEqualTo(1);
    assertThat(p.sinTheta()).isFinite().isLessThanOrEqualTo(1);
    assertThat(p.thetaDot()).isFinite().isLessThanOrEqualTo(1);
  }

  @Test
  void theProbedBeliefIsTheBeliefTheAgentSeesOnline() {
    EngineSetup.threads(1);
    RepresentationConfig c = tiny();
    Path model = dir.resolve("ssm");
    BeliefModel.train(c, 7, dir.resolve("replay"), model, Listener.NONE);
    RepresentationExperiment.ProbeData probe = RepresentationExperiment.probeData(c, 7);
    double[][] beliefs = BeliefModel.beliefs(model, probe);
    assertThat(beliefs[0]).hasSize(10);
    // replay the probe's first two episodes through BeliefEnv: same reset seeds as the
    // collection, the recorded actions; the online belief must equal the probe's row by row
    long probeSeed = Seeds.mix(7, Streams.TEST_NOISE, 13);
    try (BeliefEnv.Model m = BeliefEnv.Model.load(model)) {
      BeliefEnv env = new BeliefEnv(Envs.make("pendulum-pixels", BeliefModel.pixelOptions(c)), m);
      int row = 0;
      for (int episode = 0; episode < 2; episode++) {
        double[] b = env.reset(Seeds.mix(probeSeed, Streams.ENVIRONMENT, episode));
        while (true) {
          assertThat(probe.episodes()[row]).isEqualTo(episode);
          for (int j = 0; j < b.length; j++) {
            assertThat(b[j])
                .as("row %d, value %d", row, j)
                .isCloseTo(beliefs[row][j], within(1e-5));
          }
          Step s = env.step(probe.actions()[row]);
          row++;
          if (s.done() || row == probe.n()) {
            break;
          }
          b = s.observation();
        }
      }
      // Pendulum's 200 steps, then the 40 rows of the second episode the probe holds
      assertThat(row).isEqualTo(240);
    }
  }

  @Test
  void theBeliefSettingsAreChecked() {
    assertThatThrownBy(() -> new RepresentationConfig.BeliefVariant(100, 40, 4, 128, 32, 3000))
        .hasMessage("belief-collect-steps must be >= 200, found 100");
    assertThatThrownBy(() -> new RepresentationConfig.BeliefVariant(20000, 1, 4, 128, 32, 3000))
        .hasMessage("belief-window must be in [2, 200], found 1");
    assertThatThrownBy(() -> new RepresentationConfig.BeliefVariant(20000, 40, 4, 128, 0, 3000))
        .hasMessage("belief-deterministic must be in [1, 4096], found 0");
    assertThat(RepresentationConfig.defaults().belief())
        .isEqualTo(new RepresentationConfig.BeliefVariant(20000, 40, 4, 128, 32, 3000));
  }
}
