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
}
