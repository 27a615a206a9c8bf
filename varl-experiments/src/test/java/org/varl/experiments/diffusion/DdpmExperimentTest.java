package org.varl.experiments.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.experiments.Listener;

/** The tour's DDPM experiment on a tiny configuration: what it measures and how it repeats. */
class DdpmExperimentTest {

  @Test
  void measuresSamplesAndTheBoundAndRepeatsIntoTheSameDirectory(@TempDir Path dir)
      throws Exception {
    DdpmExperimentConfig config =
        DdpmExperimentConfig.defaults(dir.resolve("run"))
            .withSteps(60)
            .withDiffusionSteps(50)
            .withEvaluation(200, 100);
    DdpmExperimentResult r = DdpmExperiment.run(config, Listener.NONE);
    assertThat(r.samples().points()).hasSize(400);
    assertThat(r.quality().modeFractions()).hasSize(8);
    assertThat(r.bound().termMean()).hasSize(50);
    assertThat(r.entropy()).isBetween(3.5, 3.55);
    // A valid bound, even for a barely trained model.
    assertThat(r.bound().negElbo()).isGreaterThan(r.entropy() - 3 * r.bound().negElboSe());
    assertThat(r.earlyShare()).isBetween(0.0, 1.0);
    DdpmExperimentResult again = DdpmExperiment.run(config, Listener.NONE);
    assertThat(again.samples().points()).isEqualTo(r.samples().points());
    assertThat(again.bound().negElbo()).isEqualTo(r.bound().negElbo());
    Path foreign = dir.resolve("foreign");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    assertThatThrownBy(
            () ->
                DdpmExperiment.run(
                    DdpmExperimentConfig.defaults(foreign).withSteps(5), Listener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a ddpm run");
  }
}
