package org.varl.experiments.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.experiments.Listener;

class GridworldExperimentTest {

  /** Records the stages and the units reported. */
  static final class Recorder implements Listener {
    final List<String> stages = new ArrayList<>();
    final List<Long> totals = new ArrayList<>();
    long units;

    @Override
    public void stage(String name, long totalUnits) {
      stages.add(name);
      totals.add(totalUnits);
    }

    @Override
    public void advance(long n) {
      units += n;
    }
  }

  private static GridworldConfig small() {
    return GridworldConfig.defaults()
        .withSize(4)
        .withTemperatures(0.5, 2)
        .withHorizon(8)
        .withSamples(400)
        .withSeed(3);
  }

  @Test
  void defaultsAreTheCommandsAndCopiesChangeOneField() {
    GridworldConfig d = GridworldConfig.defaults();
    assertThat(d.size()).isEqualTo(10);
    assertThat(d.map()).isNull();
    assertThat(d.slip()).isEqualTo(0.1);
    assertThat(d.temperatures()).containsExactly(0.1, 1, 10);
    assertThat(d.horizon()).isZero();
    assertThat(d.samples()).isEqualTo(2000);
    assertThat(d.seed()).isEqualTo(1);
    GridworldConfig c = d.withSlip(0.3);
    assertThat(c.slip()).isEqualTo(0.3);
    assertThat(c.size()).isEqualTo(10);
    assertThat(c.temperatures()).containsExactly(0.1, 1, 10);
    assertThat(d.gridName()).isEqualTo("slippery 10x10");
    // The config owns its temperatures.
    double[] alphas = {1, 2};
    GridworldConfig owned = d.withTemperatures(alphas);
    alphas[0] = -1;
    owned.temperatures()[1] = -1;
    assertThat(owned.temperatures()).containsExactly(1, 2);
  }

  @Test
  void configNamesTheOptionInOneLine() {
    GridworldConfig d = GridworldConfig.defaults();
    assertThatThrownBy(() -> d.withSlip(1.5)).hasMessage("--slip: must be in [0, 1], found 1.5");
    assertThatThrownBy(() -> d.withSize(1))
        .hasMessage("--size: must be in [2, 200] for plotting, found 1");
    assertThatThrownBy(() -> d.withTemperatures(1, -1))
        .hasMessage("--temperatures[1]: must be finite and > 0, found -1.0");
    assertThatThrownBy(() -> d.withTemperatures())
        .hasMessage("--temperatures: need at least one value");
    assertThatThrownBy(() -> d.withHorizon(-2))
        .hasMessage("--horizon: must be >= 1 (or 0 for automatic), found -2");
    assertThatThrownBy(() -> d.withSamples(0)).hasMessage("--samples: must be >= 1, found 0");
    // A map makes the size irrelevant.
    assertThat(d.withMap(Path.of("m.txt")).withSize(0).size()).isZero();
  }

  @Test
  void exactMarginalsDifferFromTheVisitationMaxentMarginalsAreIt() {
    Recorder listener = new Recorder();
    GridworldResult r = GridworldExperiment.run(small(), listener);
    assertThat(listener.totals).containsExactly(4L);
    assertThat(listener.units).isEqualTo(4);
    assertThat(r.horizon()).isEqualTo(8);
    assertThat(r.times()).containsExactly(0, 1, 3, 5, 7);
    assertThat(r.temperatures()).hasSize(2);
    for (GridworldResult.TemperatureSummary s : r.temperatures()) {
      GridworldResult.BackupSummary exact = s.exact();
      GridworldResult.BackupSummary maxent = s.maxent();
      // maxent: the variational posterior's marginals are the visitation, exactly.
      assertThat(maxent.marginalVisitationTv()).containsOnly(0.0);
      assertThat(maxent.marginalEntropy()).containsExactly(maxent.visitationEntropy());
      assertThat(maxent.marginalsNote()).contains("visitation");
      // exact: the posterior also "chooses" the slips, so it leaves the visitation somewhere.
      double largest = 0;
      for (double tv : exact.marginalVisitationTv()) {
        largest = Math.max(largest, tv);
      }
      assertThat(largest).as("alpha %s", s.temperature()).isGreaterThan(1e-3);
      assertThat(exact.marginalsNote()).contains("posterior p(s_t | O_{0:T-1})");
      // One start state: both are pinned there at t = 0.
      assertThat(exact.marginalEntropy()[0]).isZero();
      assertThat(exact.marginalsAtTimes()).hasNumberOfRows(5);
      // Jensen: the exact backup is optimistic.
      assertThat(s.minOptimism()).isGreaterThanOrEqualTo(-1e-12);
      assertThat(s.maxOptimism()).isGreaterThan(0.01);
      assertThat(s.optimism()).hasSize(16);
      // 400 sampled trajectories per policy reproduce d_t within the sampling noise: each TV_t has
      // expectation at
      // most monteCarloNoise when the sampler is right; the max over 8 times is allowed 1.5 times
      // that.
      for (GridworldResult.BackupSummary b : List.of(exact, maxent)) {
        assertThat(b.monteCarloNoise()).isBetween(0.01, 0.2);
        assertThat(b.monteCarloTv()).as(b.backup()).isLessThan(1.5 * b.monteCarloNoise());
      }
    }
  }

  @Test
  void sameSeedSameNumbersOtherSeedOtherSamples() {
    GridworldResult a = GridworldExperiment.run(small(), Listener.NONE);
    GridworldResult b = GridworldExperiment.run(small(), Listener.NONE);
    GridworldResult c = GridworldExperiment.run(small().withSeed(4), Listener.NONE);
    for (int i = 0; i < 2; i++) {
      assertThat(b.temperatures().get(i).exact().monteCarloTv())
          .isEqualTo(a.temperatures().get(i).exact().monteCarloTv());
      assertThat(b.temperatures().get(i).exact().marginalEntropy())
          .containsExactly(a.temperatures().get(i).exact().marginalEntropy());
      assertThat(c.temperatures().get(i).exact().monteCarloTv())
          .isNotEqualTo(a.temperatures().get(i).exact().monteCarloTv());
      // The seed only drives the Monte Carlo check.
      assertThat(c.temperatures().get(i).exact().startValue())
          .isEqualTo(a.temperatures().get(i).exact().startValue());
    }
  }

  @Test
  void aTextMapWithAnAbsorbingGoal(@TempDir Path dir) throws Exception {
    Path map = dir.resolve("map.txt");
    Files.writeString(map, "S..#\n.L.G\n");
    GridworldResult r =
        GridworldExperiment.run(
            GridworldConfig.defaults().withMap(map).withTemperatures(1).withSamples(50),
            Listener.NONE);
    assertThat(r.grid().numStates()).isEqualTo(7);
    assertThat(r.horizon()).isEqualTo(2 * (4 + 2));
    assertThat(r.config().gridName()).isEqualTo(map.toString());
    GridworldResult.BackupSummary exact = r.temperatures().get(0).exact();
    // Pinned at the start, spread out on the way, and the absorbing goal gathers the mass again.
    int peak = exact.peakEntropyTime();
    assertThat(peak).isBetween(1, r.horizon() - 2);
    assertThat(exact.marginalEntropy()[r.horizon() - 1]).isLessThan(exact.marginalEntropy()[peak]);
    assertThatThrownBy(
            () ->
                GridworldExperiment.run(
                    GridworldConfig.defaults().withMap(dir.resolve("none.txt")), Listener.NONE))
        .hasMessageStartingWith("map: file not found");
  }
}
