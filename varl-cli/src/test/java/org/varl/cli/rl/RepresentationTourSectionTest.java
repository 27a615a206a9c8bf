package org.varl.cli.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.varl.cli.tour.TourResult;
import org.varl.experiments.repr.RepresentationResult;

class RepresentationTourSectionTest {

  private static final String FLAG = TourResult.DOES_NOT_HOLD;

  private static RepresentationResult.Run run(
      String variant, double ret, double wall, RepresentationResult.Probe p) {
    return new RepresentationResult.Run(
        variant,
        1,
        ret,
        10,
        wall,
        variant.equals("vae-z") ? 20 : 0,
        3000,
        2900,
        List.of(new RepresentationResult.Point(3000, ret, 10)),
        p);
  }

  private static RepresentationResult result(
      double state, double z, double wallState, double wallZ, double cos, double sin) {
    return new RepresentationResult(
        RepresentationTourSection.config(1),
        List.of(
            run("state", state, wallState, new RepresentationResult.Probe(1, 1, 1)),
            run("vae-z", z, wallZ, new RepresentationResult.Probe(cos, sin, 0.4))),
        Optional.empty());
  }

  @Test
  void claimsThatHoldAreNotFlagged() {
    List<String> f = RepresentationTourSection.findings(result(-250, -330, 30, 36, 0.98, 0.95));
    assertThat(f).hasSize(4).noneMatch(s -> s.startsWith(FLAG)).noneMatch(s -> s.contains("NaN"));
    assertThat(f.get(0)).contains("cos theta 0.980, sin theta 0.950");
    assertThat(f.get(1)).contains("theta_dot 0.400");
    assertThat(f.get(2)).contains("-330.0 against -250.0, a gap of 80.0");
    assertThat(f.get(3)).contains("36.0 s against 30.0 s on the state, 1.20x");
  }

  @Test
  void claimsThatFailAreFlagged() {
    List<String> f = RepresentationTourSection.findings(result(-200, -900, 30, 60, 0.97, 0.85));
    assertThat(f.get(0)).startsWith(FLAG).contains("sin theta 0.850");
    assertThat(f.get(1)).doesNotStartWith(FLAG);
    assertThat(f.get(2)).startsWith(FLAG).contains("a gap of 700.0");
    assertThat(f.get(3)).startsWith(FLAG).contains("2.00x");
  }
}
