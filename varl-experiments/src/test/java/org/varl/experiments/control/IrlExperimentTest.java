package org.varl.experiments.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.control.grid.Gridworld;
import org.varl.control.grid.Moves;
import org.varl.control.grid.SlipperyGridworld;
import org.varl.control.irl.Demonstrations;
import org.varl.control.irl.Trajectory;
import org.varl.experiments.Listener;

class IrlExperimentTest {

  private static IrlExperimentConfig small() {
    return IrlExperimentConfig.defaults()
        .withSize(5)
        .withNumDemos(60)
        .withHorizon(12)
        .withIterations(20)
        .withSeed(3);
  }

  @Test
  void defaultsAreTheCommandsAndCopiesChangeOneField() {
    IrlExperimentConfig d = IrlExperimentConfig.defaults();
    assertThat(d).isEqualTo(new IrlExperimentConfig(8, 0.1, 30, 1.0, null, 400, 200, 1.0, 1));
    assertThat(d.withLearningRate(0.5))
        .isEqualTo(new IrlExperimentConfig(8, 0.1, 30, 1.0, null, 400, 200, 0.5, 1));
    assertThat(d.withDemos(Path.of("d.json")).withNumDemos(0).numDemos()).isZero();
  }

  @Test
  void configNamesTheOptionInOneLine() {
    IrlExperimentConfig d = IrlExperimentConfig.defaults();
    assertThatThrownBy(() -> d.withLearningRate(0))
        .hasMessage("--lr: must be finite and > 0, found 0.0");
    assertThatThrownBy(() -> d.withNumDemos(0)).hasMessage("--num-demos: must be >= 1, found 0");
    assertThatThrownBy(() -> d.withSize(101)).hasMessage("--size: must be in [2, 100], found 101");
    assertThatThrownBy(() -> d.withSlip(-0.1)).hasMessage("--slip: must be in [0, 1], found -0.1");
    assertThatThrownBy(() -> d.withHorizon(0)).hasMessage("--horizon: must be >= 1, found 0");
    assertThatThrownBy(() -> d.withTemperature(Double.POSITIVE_INFINITY))
        .hasMessage("--temperature: must be finite and > 0, found Infinity");
    assertThatThrownBy(() -> d.withIterations(0)).hasMessage("--iterations: must be >= 1, found 0");
  }

  @Test
  void learnsFromSampledDemonstrations() {
    GridworldExperimentTest.Recorder listener = new GridworldExperimentTest.Recorder();
    IrlExperimentResult r = IrlExperiment.run(small(), listener);
    assertThat(listener.stages).containsExactly("MaxEnt IRL ascent");
    assertThat(listener.totals).containsExactly(20L);
    assertThat(listener.units).isEqualTo(20);
    assertThat(r.sampledDemos()).isTrue();
    assertThat(r.demos()).hasSize(60);
    assertThat(r.horizon()).isEqualTo(12);
    double[] objective = r.fit().objective();
    assertThat(objective[objective.length - 1]).isGreaterThan(objective[0]);
    // The shift is the mean difference, and the RMSE is what is left after it.
    double mean = 0;
    double sq = 0;
    for (int s = 0; s < r.trueReward().length; s++) {
      mean += (r.shiftedReward()[s] - r.trueReward()[s]) / r.trueReward().length;
      sq += Math.pow(r.shiftedReward()[s] - r.trueReward()[s], 2) / r.trueReward().length;
    }
    assertThat(mean).isCloseTo(0.0, offset(1e-12));
    assertThat(r.rewardRmse()).isCloseTo(Math.sqrt(sq), offset(1e-12));
    assertThat(r.tvToExpert()).isBetween(0.0, 1.0);
    assertThat(r.tvToDemos()).isBetween(0.0, 1.0);
    assertThat(r.expertLogLikelihood()).isNegative();
    // Occupancies sum to T: one unit of mass per step.
    assertThat(sum(r.demoOccupancy())).isCloseTo(12.0, offset(1e-9));
    assertThat(sum(r.learnedOccupancy())).isCloseTo(12.0, offset(1e-9));
    assertThat(r.lavaSlipFraction()).isBetween(0.0, 1.0);
    // Same seed, same fit.
    assertThat(IrlExperiment.run(small(), Listener.NONE).learnedWeights())
        .containsExactly(r.learnedWeights());
  }

  @Test
  void readsDemonstrationsFromAFile(@TempDir Path dir) throws Exception {
    IrlExperimentResult sampled = IrlExperiment.run(small().withIterations(2), Listener.NONE);
    Path file = dir.resolve("demos.json");
    Files.writeString(file, Demonstrations.toJson(sampled.demos()));
    IrlExperimentResult r =
        IrlExperiment.run(small().withDemos(file).withHorizon(99).withIterations(2), Listener.NONE);
    assertThat(r.sampledDemos()).isFalse();
    assertThat(r.horizon()).as("the file's length, not --horizon").isEqualTo(12);
    assertThat(r.tvToExpert()).isNaN();
    assertThat(r.expertLogLikelihood()).isNaN();
    assertThat(r.learnedWeights()).containsExactly(sampled.learnedWeights());
    assertThatThrownBy(
            () -> IrlExperiment.run(small().withDemos(dir.resolve("none.json")), Listener.NONE))
        .hasMessageStartingWith("demos: file not found");
  }

  @Test
  void lavaSlipFractionSeparatesChosenFromSlippedLandings() {
    // 4 x 4 slippery grid: lava where (7x + 13y) % 17 == 0, i.e. (0, 0) = state 0 and (3, 1) =
    // state 7.
    Gridworld grid = SlipperyGridworld.build(4);
    Trajectory chosen = new Trajectory(new int[] {3, 7}, new int[] {Moves.DOWN, Moves.STAY});
    Trajectory slipped = new Trajectory(new int[] {6, 7}, new int[] {Moves.LEFT, Moves.STAY});
    Trajectory stayed = new Trajectory(new int[] {7, 7}, new int[] {Moves.STAY, Moves.STAY});
    Trajectory dry = new Trajectory(new int[] {5, 6}, new int[] {Moves.RIGHT, Moves.STAY});
    assertThat(IrlExperiment.lavaSlipFraction(grid, List.of(chosen, slipped, dry))).isEqualTo(0.5);
    assertThat(IrlExperiment.lavaSlipFraction(grid, List.of(slipped, slipped, stayed)))
        .isEqualTo(2.0 / 3);
    assertThat(IrlExperiment.lavaSlipFraction(grid, List.of(dry))).isNaN();
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }
}
