package org.varl.cli.vi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.cli.tour.TourResult;
import org.varl.experiments.vi.AmortizationResult;

class AmortizationTourSectionTest {

  private static AmortizationResult result(
      double global, double perPoint, double amortized, double logMarginal) {
    return new AmortizationResult(
        new AmortizationResult.Fit("global", global, 4, List.of()),
        new AmortizationResult.Fit("perPoint", perPoint, 8000, List.of()),
        new AmortizationResult.Fit("amortized", amortized, 932, List.of()),
        perPoint - amortized,
        logMarginal,
        List.of(),
        1.0);
  }

  private static long flagged(List<String> findings) {
    return findings.stream().filter(f -> f.startsWith(TourResult.DOES_NOT_HOLD)).count();
  }

  @Test
  void claimsThatHoldAreNotFlagged() {
    // The seed-1 run: -20.89, -12.74, -12.85, log p(x) -12.53.
    assertThat(
            flagged(AmortizationTourSection.findings(2000, result(-20.89, -12.74, -12.85, -12.53))))
        .isZero();
  }

  @Test
  void claimsThatFailAreFlagged() {
    // A global q as good as per-point VI, a large amortization gap and log p(x) far below the ELBO.
    List<String> f = AmortizationTourSection.findings(2000, result(-12.74, -12.74, -15.0, -14.0));
    assertThat(f.get(1)).startsWith(TourResult.DOES_NOT_HOLD);
    assertThat(f.get(2)).startsWith(TourResult.DOES_NOT_HOLD);
    assertThat(f.get(3)).startsWith(TourResult.DOES_NOT_HOLD);
    // Only the gap too large: the others hold.
    List<String> g = AmortizationTourSection.findings(2000, result(-20.0, -12.0, -13.5, -11.9));
    assertThat(flagged(g)).isEqualTo(1);
    assertThat(g.get(2)).startsWith(TourResult.DOES_NOT_HOLD).contains("18.8%");
  }
}
