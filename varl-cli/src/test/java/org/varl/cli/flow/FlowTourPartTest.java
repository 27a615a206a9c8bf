package org.varl.cli.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.cli.tour.TourResult;
import org.varl.experiments.flow.CouplingResult;
import org.varl.models.flow.Coupling;
import org.varl.models.flow.FlowEvaluation.QualityRow;
import org.varl.models.flow.OdeSolver;

/** The tour's flow findings hold on the run's numbers and are flagged when they do not. */
class FlowTourPartTest {

  static CouplingResult.Run run(Coupling c, double straightness, double edAt2) {
    List<QualityRow> q =
        List.of(
            new QualityRow(1, OdeSolver.EULER, 2 * edAt2, -6, 0),
            new QualityRow(2, OdeSolver.EULER, edAt2, -5, straightness),
            new QualityRow(100, OdeSolver.EULER, 0.01, -4.3, straightness));
    return new CouplingResult.Run(c, 1, 100, q, straightness, new float[0][][]);
  }

  @Test
  void findingsHoldWhenOtIsStraighterAndBetterAtFewSteps() {
    List<String> f =
        FlowTourPart.findings(
            new CouplingResult(
                List.of(run(Coupling.INDEPENDENT, 2.5, 0.35), run(Coupling.OT, 0.02, 0.02))));
    assertThat(f).hasSize(3).noneMatch(s -> s.startsWith(TourResult.DOES_NOT_HOLD));
    assertThat(f.get(0)).contains("OT-CFM 0.020, I-CFM 2.500");
  }

  @Test
  void findingsAreFlaggedWhenTheClaimFails() {
    List<String> f =
        FlowTourPart.findings(
            new CouplingResult(
                List.of(run(Coupling.INDEPENDENT, 0.5, 0.02), run(Coupling.OT, 0.9, 0.30))));
    assertThat(f.get(0)).startsWith(TourResult.DOES_NOT_HOLD);
    assertThat(f.get(1)).startsWith(TourResult.DOES_NOT_HOLD);
  }
}
