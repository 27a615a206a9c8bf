package org.varl.cli.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.io.OutputSet;
import org.varl.experiments.repr.RepresentationResult;

class RepresentationFilesTest {

  @TempDir Path dir;

  private static RepresentationResult seed(long s, double state, double z) {
    RepresentationResult.Probe p = new RepresentationResult.Probe(0.95, 0.93, 0.4);
    return new RepresentationResult(
        RepresentationTourSection.config(s),
        List.of(
            new RepresentationResult.Run(
                "state",
                s,
                state,
                5,
                30,
                0,
                3000,
                2900,
                List.of(
                    new RepresentationResult.Point(1000, -900, 1),
                    new RepresentationResult.Point(3000, state, 2)),
                new RepresentationResult.Probe(1, 1, 1)),
            new RepresentationResult.Run(
                "vae-z",
                s,
                z,
                5,
                33,
                20,
                3000,
                2900,
                List.of(
                    new RepresentationResult.Point(1000, -1000, 1),
                    new RepresentationResult.Point(3000, z, 2)),
                p)),
        Optional.empty());
  }

  @Test
  void runsWrittenPerSeedMergeIntoOneComparison() {
    Path[] dirs = new Path[3];
    double[][] returns = {{-150, -200}, {-120, -400}, {-180, -250}};
    for (int s = 0; s < 3; s++) {
      dirs[s] = dir.resolve("s" + s);
      try (OutputSet set = OutputSet.open()) {
        RepresentationFiles.write(dirs[s], seed(s + 1, returns[s][0], returns[s][1]));
        set.commit();
      }
    }
    RepresentationResult merged =
        RepresentationFiles.merge(
            List.of(
                RepresentationFiles.read(dirs[0]),
                RepresentationFiles.read(dirs[1]),
                RepresentationFiles.read(dirs[2])));
    assertThat(merged.config().seeds()).isEqualTo(3);
    assertThat(merged.labels()).containsExactly("state", "vae-z");
    assertThat(merged.medianReturn("state")).isEqualTo(-150);
    assertThat(merged.medianReturn("vae-z")).isEqualTo(-250);
    assertThat(merged.runsOf("vae-z").get(1).curve())
        .extracting(RepresentationResult.Point::mean)
        .containsExactly(-1000.0, -400.0);
    assertThat(merged.runsOf("vae-z").get(2).representationSeconds()).isEqualTo(20);
    assertThat(merged.runsOf("state").get(0).updates()).isEqualTo(2900);
    assertThat(merged.medianProbe("vae-z").sinTheta()).isEqualTo(0.93);
    assertThatThrownBy(() -> RepresentationFiles.read(dir.resolve("none")))
        .hasMessageStartingWith("--merge: cannot read");
  }

  @Test
  void theBeliefComparisonIsComputedFromTheMediansAndItsSettingsSurviveAMerge() {
    RepresentationResult one = seed(1, -150, -1200);
    List<RepresentationResult.Run> runs = new java.util.ArrayList<>(one.runs());
    runs.add(
        new RepresentationResult.Run(
            "belief",
            1,
            -300,
            5,
            60,
            200,
            3000,
            2900,
            List.of(new RepresentationResult.Point(3000, -300, 2)),
            new RepresentationResult.Probe(0.99, 0.98, 0.9)));
    org.varl.experiments.repr.RepresentationConfig.BeliefVariant b =
        new org.varl.experiments.repr.RepresentationConfig.BeliefVariant(5000, 30, 3, 64, 16, 700);
    RepresentationResult r =
        new RepresentationResult(
            one.config().withBelief(b).withPixelOptions(new org.varl.rl.env.PixelOptions(32, 1)),
            runs,
            Optional.empty());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> t =
        (java.util.Map<String, Object>) RepresentationFiles.json(r).get("belief_targets");
    // (b − f) / (s − f) = (−300 + 1200) / (−150 + 1200) = 900 / 1050
    assertThat((double) t.get("belief_recovered_fraction"))
        .isCloseTo(900.0 / 1050, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(t.get("single_frame")).isEqualTo(true);
    assertThat((double) t.get("wall_ratio_belief_over_state")).isEqualTo(2.0);
    assertThat((double) t.get("belief_probe_theta_dot")).isEqualTo(0.9);
    try (OutputSet set = OutputSet.open()) {
      RepresentationFiles.write(dir.resolve("b"), r);
      set.commit();
    }
    assertThat(RepresentationFiles.read(dir.resolve("b")).config().belief()).isEqualTo(b);
  }
}
