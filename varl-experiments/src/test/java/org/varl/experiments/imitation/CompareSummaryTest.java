package org.varl.experiments.imitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.rl.imitation.eval.ImitationMetrics;
import org.varl.rl.imitation.eval.LatentChoice;

/** The table over seeds: mean, min and max per metric; mode fractions pooled over successes. */
class CompareSummaryTest {

  private static ImitationMetrics metrics(double success, int left, int right, double entropy) {
    return new ImitationMetrics(
        100,
        success,
        1 - success,
        0,
        List.of(left, right),
        List.of(left / (double) (left + right), right / (double) (left + right)),
        entropy,
        1e-4);
  }

  @Test
  void summariesAggregateEachLabelOverItsSeeds() {
    List<CompareResult.Cell> cells =
        List.of(
            new CompareResult.Cell(
                ImitationPolicyKind.CVAE, LatentChoice.ZERO, 1, metrics(0.9, 30, 60, 0.9), 0.04, 2),
            new CompareResult.Cell(
                ImitationPolicyKind.BC_MSE, null, 1, metrics(0.5, 50, 0, 0), 0.01, 1),
            new CompareResult.Cell(
                ImitationPolicyKind.CVAE,
                LatentChoice.ZERO,
                2,
                metrics(0.7, 50, 20, 0.8),
                0.02,
                4));
    List<CompareResult.Summary> s =
        CompareExperiment.summarize(cells, List.of("cvae z zero", "bc-mse"));
    assertThat(s).hasSize(2);
    CompareResult.Summary cvae = s.get(0);
    assertThat(cvae.seeds()).isEqualTo(2);
    assertThat(cvae.success().mean()).isCloseTo(0.8, within(1e-12));
    assertThat(cvae.success().min()).isEqualTo(0.7);
    assertThat(cvae.success().max()).isEqualTo(0.9);
    assertThat(cvae.entropy().mean()).isCloseTo(0.85, within(1e-12));
    assertThat(cvae.firstDx().mean()).isCloseTo(0.03, within(1e-12));
    // pooled: (30 + 50) / 160 left, (60 + 20) / 160 right
    assertThat(cvae.modeFractions()).containsExactly(0.5, 0.5);
    assertThat(cvae.trainSeconds()).isEqualTo(3.0);
    assertThat(s.get(1).label()).isEqualTo("bc-mse");
    assertThat(s.get(1).modeFractions()).containsExactly(1.0, 0.0);
  }
}
