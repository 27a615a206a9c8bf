package org.varl.experiments.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.experiments.Listener;

class VaeExperimentTest {

  private static VaeExperimentConfig small(Path run) {
    return VaeExperimentConfig.defaults(run)
        .withSprites(300)
        .withEpochs(2)
        .withEvaluation(20, 20)
        .withSeed(3);
  }

  @Test
  void trainsEvaluatesAndRepeatsIntoTheSameDirectoryWithTheSameNumbers(@TempDir Path dir) {
    Path run = dir.resolve("run");
    long[] units = new long[1];
    Listener count =
        new Listener() {
          @Override
          public void advance(long n) {
            units[0] += n;
          }
        };
    VaeExperimentResult first = VaeExperiment.run(small(run), count);
    assertThat(first.trained().history()).hasSize(2);
    assertThat(first.trained().last().testLoss())
        .isFinite()
        .isLessThan(first.trained().history().get(0).testLoss() + 1e-9);
    assertThat(first.eval().logLikelihood()).isFinite();
    assertThat(first.boundGap())
        .isEqualTo(first.eval().logLikelihood() - first.eval().elboOnSameExamples());
    assertThat(units[0]).isEqualTo(VaeExperiment.totalWork(small(run)));
    // A second run replaces the first (the tour must be repeatable) and, with the same seed, gives
    // the same numbers.
    VaeExperimentResult second = VaeExperiment.run(small(run), Listener.NONE);
    assertThat(second.trained().last().testLoss()).isEqualTo(first.trained().last().testLoss());
    assertThat(second.eval().logLikelihood()).isEqualTo(first.eval().logLikelihood());
  }

  @Test
  void refusesADirectoryThatHoldsSomethingElse(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> VaeExperiment.run(small(other), Listener.NONE))
        .hasMessage(
            "runDirectory "
                + other
                + " exists and does not hold a VAE run; choose another directory");
    assertThat(other.resolve("notes.txt")).exists();
    assertThatThrownBy(() -> small(other).withEpochs(0)).hasMessage("epochs must be >= 1, found 0");
  }
}
