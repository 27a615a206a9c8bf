package org.varl.experiments.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.control.Mdp;
import org.varl.control.MdpJson;
import org.varl.control.grid.NamedGrids;
import org.varl.experiments.Listener;
import org.varl.rl.tabular.TabularSoftQ;

class TabularBridgeExperimentTest {

  @Test
  void onTheDefaultGridTheLearnerMeetsTheQualityTargetAndMissesTheExactQStar() {
    TabularBridgeConfig c = TabularBridgeConfig.defaults();
    List<Long> units = new ArrayList<>();
    List<String> stages = new ArrayList<>();
    TabularBridgeResult r =
        TabularBridgeExperiment.run(
            c,
            new Listener() {
              @Override
              public void stage(String name, long totalUnits) {
                stages.add(name);
                units.add(0L);
              }

              @Override
              public void advance(long n) {
                units.set(units.size() - 1, units.get(units.size() - 1) + n);
              }
            });
    assertThat(stages).hasSize(2);
    assertThat(units).containsExactly(2L, c.samples());
    assertThat(r.states()).isEqualTo(25);
    assertThat(r.pairs()).isEqualTo(125);
    assertThat(r.rewardRange()).isEqualTo(10.0); // lava -10, goal 0
    // The quality target: below 1% of the reward range (0.1); measured 0.028 with seed 1.
    assertThat(r.maxentDistance()).isLessThan(r.target()).isLessThan(0.1);
    // The slip makes the exact backup optimistic by far more than the learner's error...
    assertThat(r.backupGap()).isGreaterThan(1.0);
    // ...so the computed lower bound is positive and the learner stays that far from Q*_exact.
    assertThat(r.exactLowerBound()).isGreaterThan(1.0);
    assertThat(r.exactDistance()).isGreaterThanOrEqualTo(r.exactLowerBound());
    List<TabularBridgeResult.Row> rows = r.convergence();
    assertThat(rows.get(0).samples()).isEqualTo(125);
    assertThat(rows.get(rows.size() - 1).samples()).isEqualTo(c.samples());
    // Goes to 0 with samples: 100x closer from the first sweep to the end.
    assertThat(r.maxentDistance()).isLessThan(rows.get(0).maxentDistance() / 100);
  }

  @Test
  void withoutSlipTheBackupsCoincideAndTheLearnerReachesBoth() {
    TabularBridgeResult r =
        TabularBridgeExperiment.run(
            TabularBridgeConfig.defaults()
                .withGrid("slippery-3")
                .withSlip(0.0)
                .withDiscount(0.5)
                .withSamples(1_000_000),
            Listener.NONE);
    assertThat(r.backupGap()).isLessThan(1e-9);
    assertThat(r.maxentDistance()).isLessThan(1e-6);
    assertThat(r.exactDistance()).isLessThan(1e-6);
  }

  @Test
  void theQTableIsTheLearnersAndTheSameSeedGivesTheSameResult(@TempDir Path dir) throws Exception {
    // A JSON MDP (the walls map written out) with a prior forbidding STAY in the start cell.
    Path file = dir.resolve("walls.json");
    Mdp walls = NamedGrids.of("walls", 0.2).mdp();
    double[][] prior = new double[walls.numStates()][];
    for (int s = 0; s < prior.length; s++) {
      prior[s] =
          s == 0 ? new double[] {0, 0.25, 0.25, 0.25, 0.25} : new double[] {.2, .2, .2, .2, .2};
    }
    Files.writeString(file, MdpJson.toJson(walls.withActionPrior(prior)));
    TabularBridgeConfig c =
        TabularBridgeConfig.defaults().withMdp(file).withSamples(300_000).withSeed(9);
    TabularBridgeResult a = TabularBridgeExperiment.run(c, Listener.NONE);
    TabularBridgeResult b = TabularBridgeExperiment.run(c, Listener.NONE);
    assertThat(b.q()).isDeepEqualTo(a.q());
    assertThat(b.convergence()).isEqualTo(a.convergence());
    TabularSoftQ direct = new TabularSoftQ(TabularBridgeExperiment.mdp(c), c.learner(), 9);
    direct.learn(300_000);
    assertThat(a.q()).isDeepEqualTo(direct.qTable());
    assertThat(a.q()[0]).hasSize(5);
    assertThat(a.q()[0][0]).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(a.qMaxent()[0][0]).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(a.pairs()).isEqualTo(5 * a.states() - 1);
    assertThat(a.maxentDistance()).isFinite();
    assertThat(TabularBridgeExperiment.run(c.withSeed(10), Listener.NONE).q()).isNotEqualTo(a.q());
    assertThat(c.sourceName()).isEqualTo(file.toString());
    assertThat(TabularBridgeConfig.defaults().sourceName()).isEqualTo("slippery-5 (slip 0.1)");
  }

  @Test
  void checkpointsAreLogSpacedFromOneSweepToTheEnd() {
    assertThat(TabularBridgeExperiment.checkpoints(5, 100))
        .containsExactly(5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63, 79, 100);
    assertThat(TabularBridgeExperiment.checkpoints(125, 50)).containsExactly(50);
    assertThat(TabularBridgeExperiment.checkpoints(125, 125)).containsExactly(125);
    assertThat(TabularBridgeExperiment.checkpoints(1, 1)).containsExactly(1);
  }

  @Test
  void badSettingsNameTheOptionAndTheValue() {
    TabularBridgeConfig d = TabularBridgeConfig.defaults();
    assertThatThrownBy(() -> d.withTemperature(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--alpha: must be finite and > 0, found 0.0");
    assertThatThrownBy(() -> d.withTemperature(-2)).hasMessageContaining("found -2.0");
    for (double gamma : new double[] {0.0, 1.0, 1.2}) {
      assertThatThrownBy(() -> d.withDiscount(gamma))
          .hasMessageStartingWith("--discount: must be in (0, 1)")
          .hasMessageEndingWith("found " + gamma);
    }
    assertThatThrownBy(() -> d.withSamples(0)).hasMessage("--samples must be >= 1, found 0");
    assertThatThrownBy(() -> d.withStepExponent(0.5))
        .hasMessage("--step-exponent: must be in (0.5, 1] (Robbins–Monro), found 0.5");
    assertThatThrownBy(() -> d.withSlip(-0.1)).hasMessage("--slip: must be in [0, 1], found -0.1");
    assertThatThrownBy(() -> d.withGrid("maze"))
        .hasMessageContaining("grid")
        .hasMessageEndingWith("found maze");
    assertThatThrownBy(() -> d.withGrid(null)).hasMessageStartingWith("--grid");
  }
}
