package org.varl.cli.imitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.varl.cli.tour.TourResult;
import org.varl.experiments.imitation.CompareResult;
import org.varl.experiments.imitation.ImitationPolicyKind;
import org.varl.rl.imitation.eval.ImitationMetrics;
import org.varl.rl.imitation.eval.LatentChoice;
import org.varl.rl.imitation.eval.ObstacleRollout;
import org.varl.rl.imitation.eval.RolloutOutcome;

/** The imitation findings on fed numbers: each claim reported as holding or flagged. */
class ImitationTourSectionTest {

  private static CompareResult.Spread v(double x) {
    return new CompareResult.Spread(x, x, x);
  }

  private static CompareResult.Summary row(
      ImitationPolicyKind kind,
      LatentChoice z,
      double success,
      double collision,
      double entropy,
      double jerk) {
    return new CompareResult.Summary(
        kind,
        z,
        1,
        v(success),
        v(collision),
        v(1 - success - collision),
        v(entropy),
        v(jerk),
        v(0.01),
        new double[] {0.5, 0.5},
        1.0);
  }

  /** A successful one-disc rollout from x0 passing on the side of sign(side). */
  private static ObstacleRollout pass(double x0, double side) {
    List<double[]> pos = new ArrayList<>();
    List<double[]> act = new ArrayList<>();
    double x = x0;
    double y = 0;
    pos.add(new double[] {x, y});
    for (int t = 0; t < 40 && y < 1.0; t++) {
      double dx = Math.abs(x) < 0.45 ? 0.04 * Math.signum(side) : 0;
      double dy = Math.sqrt(0.05 * 0.05 - dx * dx) - 1e-9;
      x += dx;
      y += dy;
      pos.add(new double[] {x, y});
      act.add(new double[] {dx, dy});
    }
    return new ObstacleRollout(pos, act, RolloutOutcome.SUCCESS);
  }

  private static CompareResult result(
      List<CompareResult.Summary> rows, List<ObstacleRollout> zero) {
    ImitationMetrics expert =
        new ImitationMetrics(10, 1, 0, 0, List.of(5, 5), List.of(0.5, 0.5), 1.0, 4e-4);
    List<List<ObstacleRollout>> rollouts = new ArrayList<>();
    for (CompareResult.Summary s : rows) {
      rollouts.add(zero);
    }
    return new CompareResult(1, expert, 0.042, List.of(), rows, rollouts, Optional.empty(), 0);
  }

  @Test
  void theLiteraturesPictureHoldsOnNumbersThatShowIt() {
    List<ObstacleRollout> zero = List.of(pass(0.01, 1), pass(-0.01, 1), pass(0.02, 1));
    List<String> f =
        ImitationTourSection.findings(
            result(
                List.of(
                    row(ImitationPolicyKind.BC_GAUSSIAN, null, 0.2, 0.8, 0.1, 1e-4),
                    row(ImitationPolicyKind.CVAE, LatentChoice.PER_EPISODE, 0.95, 0.05, 0.9, 1e-4),
                    row(ImitationPolicyKind.CVAE, LatentChoice.PER_STEP, 0.9, 0.1, 0.9, 3e-4),
                    row(ImitationPolicyKind.CVAE, LatentChoice.ZERO, 1.0, 0.0, 0.0, 1e-4),
                    row(ImitationPolicyKind.DIFFUSION, null, 0.95, 0.05, 0.95, 2e-4)),
                zero));
    assertThat(f).hasSize(6).noneMatch(s -> s.startsWith(TourResult.DOES_NOT_HOLD));
    assertThat(f.get(0)).contains("success 0.950").contains("entropy 0.900");
    assertThat(f.get(1)).contains("collision rate 0.800");
    // two of the three successes start on the side they pass
    assertThat(f.get(3)).contains("of its successes 0.667 pass");
  }

  @Test
  void claimsTheNumbersContradictAreFlagged() {
    List<ObstacleRollout> zero = List.of(pass(0.01, 1), pass(-0.01, -1));
    List<String> f =
        ImitationTourSection.findings(
            result(
                List.of(
                    row(ImitationPolicyKind.BC_GAUSSIAN, null, 1.0, 0.0, 0.95, 1e-4),
                    row(ImitationPolicyKind.CVAE, LatentChoice.PER_EPISODE, 0.85, 0.15, 0.9, 1e-4),
                    row(ImitationPolicyKind.CVAE, LatentChoice.PER_STEP, 0.9, 0.1, 0.9, 1e-5),
                    row(ImitationPolicyKind.CVAE, LatentChoice.ZERO, 1.0, 0.0, 0.99, 1e-4),
                    row(ImitationPolicyKind.DIFFUSION, null, 0.95, 0.05, 0.5, 2e-4)),
                zero));
    assertThat(f.get(0)).startsWith(TourResult.DOES_NOT_HOLD).contains("success 0.850");
    assertThat(f.get(1)).startsWith(TourResult.DOES_NOT_HOLD).contains("collision rate 0.000");
    assertThat(f.get(2)).doesNotStartWith(TourResult.DOES_NOT_HOLD).contains("0.0420");
    assertThat(f.get(3)).startsWith(TourResult.DOES_NOT_HOLD).contains("of its successes 1.000");
    assertThat(f.get(4)).startsWith(TourResult.DOES_NOT_HOLD);
    assertThat(f.get(5)).startsWith(TourResult.DOES_NOT_HOLD).contains("entropy 0.500");
  }
}
