package org.varl.experiments.vi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The amortization experiment's claims on a reduced run (N = 500, 600 steps), and its determinism.
 */
class AmortizationExperimentTest {

  @Test
  void globalIsMuchWorseAndAmortizedIsCloseToPerPointWithFewerParameters() {
    AmortizationResult r =
        AmortizationExperiment.run(new AmortizationConfig(500, 600, 2, 24, 32, 16, 100, 3, "cpu"));
    double perPointAdvantage = r.perPoint().elbo() - r.global().elbo();
    assertThat(perPointAdvantage).as("per-point minus global ELBO").isGreaterThan(3.0);
    // Amortized is within a tenth of the global-to-per-point distance of per point.
    assertThat(Math.abs(r.amortizationGap())).isLessThan(0.1 * perPointAdvantage);
    assertThat(r.global().parameters()).isEqualTo(4);
    assertThat(r.perPoint().parameters()).isEqualTo(4 * 500);
    assertThat(r.amortized().parameters())
        .isEqualTo(24 * 32 + 32 + 32 * 4 + 4)
        .isLessThan(r.perPoint().parameters());
    // Every ELBO is below the importance-sampled log p(x) (up to the latter's Monte Carlo error).
    assertThat(r.logMarginal())
        .isGreaterThan(r.perPoint().elbo() - 0.05)
        .isGreaterThan(r.amortized().elbo() - 0.05);
    assertThat(r.global().curve()).hasSameSizeAs(r.curveSteps());
    assertThat(r.amortizationGap()).isEqualTo(r.perPoint().elbo() - r.amortized().elbo());
  }

  @Test
  void sameSeedGivesTheSameResult() {
    AmortizationConfig config = new AmortizationConfig(50, 30, 2, 8, 8, 4, 0, 11, "cpu");
    AmortizationResult a = AmortizationExperiment.run(config);
    AmortizationResult b = AmortizationExperiment.run(config);
    assertThat(b.global()).isEqualTo(a.global());
    assertThat(b.perPoint()).isEqualTo(a.perPoint());
    assertThat(b.amortized()).isEqualTo(a.amortized());
    assertThat(a.logMarginal()).isNaN();
  }

  @Test
  void badConfigNamesTheField() {
    assertThatThrownBy(() -> new AmortizationConfig(1, 10, 2, 8, 8, 4, 0, 1, "cpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dataPoints must be >= 2, found 1");
  }
}
