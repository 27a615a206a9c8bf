package org.varl.cli.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSectionTest {

  @Test
  void writesItsFiguresAndComputedFindings(@TempDir Path dir) throws Exception {
    TourResult r = new ControlSection().run(new TourContext(dir, 1));
    assertThat(r.figures()).hasSizeGreaterThanOrEqualTo(7);
    for (TourResult.Figure f : r.figures()) {
      assertThat(dir.resolve(f.file())).as(f.file()).isNotEmptyFile();
    }
    for (String m : r.metrics()) {
      assertThat(dir.resolve(m)).as(m).isNotEmptyFile();
    }
    assertThat(r.findings()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(String.join("\n", r.findings())).contains("never negative", "peaks at", "TV").doesNotContain("NaN");
    assertThat(new ControlSection().id()).isEqualTo("control");
  }
}
