package org.varl.cli.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.cli.tour.TourResult;
import org.varl.experiments.ssm.LinearGaussianCheck;
import org.varl.experiments.ssm.PixelPredictionCheck;
import org.varl.models.ssm.SsmEncoder;

/** The state-space findings on fed numbers: each claim holds, and each is flagged when it fails. */
class SsmTourSectionTest {

  private static LinearGaussianCheck.Result result(
      double filteringGap, double smoothingGap, double se, double untrained) {
    double kalman = -5.0;
    return new LinearGaussianCheck.Result(
        kalman,
        untrained,
        new LinearGaussianCheck.EncoderResult(
            SsmEncoder.FILTERING, kalman - filteringGap, filteringGap, se, new double[0][], 1),
        new LinearGaussianCheck.EncoderResult(
            SsmEncoder.SMOOTHING, kalman - smoothingGap, smoothingGap, se, new double[0][], 2),
        120,
        30);
  }

  private static long flagged(List<String> findings) {
    return findings.stream().filter(f -> f.startsWith(TourResult.DOES_NOT_HOLD)).count();
  }

  @Test
  void measuredNumbersHold() {
    List<String> f = SsmTourSection.findings(result(0.257, 0.132, 0.005, -6.8));
    assertThat(f).hasSize(4);
    assertThat(flagged(f)).isZero();
    assertThat(f.get(2)).contains("0.1320").contains("0.2570").contains("0.1250");
  }

  @Test
  void aBoundAboveTheExactValueIsFlagged() {
    List<String> f = SsmTourSection.findings(result(-0.05, 0.01, 0.01, -6.8));
    assertThat(f.get(0)).startsWith(TourResult.DOES_NOT_HOLD).contains("-0.0500");
    assertThat(f.get(1)).doesNotStartWith(TourResult.DOES_NOT_HOLD);
    // Within 3 standard errors of 0 it is Monte Carlo error, not a failure.
    assertThat(SsmTourSection.findings(result(-0.02, 0.01, 0.01, -6.8)).get(0))
        .doesNotStartWith(TourResult.DOES_NOT_HOLD);
  }

  @Test
  void aSmoothingEncoderNoTighterAndNoTrainingGainAreFlagged() {
    List<String> f = SsmTourSection.findings(result(0.20, 0.19, 0.01, -4.0));
    assertThat(f.get(2)).startsWith(TourResult.DOES_NOT_HOLD);
    assertThat(f.get(3)).startsWith(TourResult.DOES_NOT_HOLD);
    assertThat(flagged(f)).isEqualTo(2);
  }

  private static PixelPredictionCheck.Result pixels(
      double[] model, double[] last, double thetaDotR2) {
    return new PixelPredictionCheck.Result(
        model,
        last,
        List.of("cos_theta", "sin_theta", "theta", "theta_dot"),
        new double[] {0.99, 0.98, 0.5, thetaDotR2},
        new double[] {0.97, 0.91, 0.4, -0.02},
        new float[0][],
        0,
        16,
        128,
        32,
        new double[0][],
        1,
        2);
  }

  @Test
  void pixelNumbersThatHoldAreNotFlaggedAndCarryTheNumbers() {
    List<String> f =
        SsmTourSection.pixelFindings(
            pixels(new double[] {0.001, 0.01, 0.02}, new double[] {0.01, 0.03, 0.05}, 0.961));
    assertThat(f).hasSize(2);
    assertThat(flagged(f)).isZero();
    // means 0.01033 and 0.03
    assertThat(f.get(0)).contains("mean MSE 0.01033 vs 0.03000").contains("at step 3 0.02000");
    assertThat(f.get(1)).contains("R² 0.961").contains("μ_z alone -0.020");
  }

  @Test
  void aPredictionNoBetterThanTheLastFrameAndAnUnreadableVelocityAreFlagged() {
    List<String> f =
        SsmTourSection.pixelFindings(
            pixels(new double[] {0.02, 0.04, 0.06}, new double[] {0.01, 0.03, 0.05}, 0.31));
    assertThat(f.get(0)).startsWith(TourResult.DOES_NOT_HOLD).contains("0.04000 vs 0.03000");
    assertThat(f.get(1)).startsWith(TourResult.DOES_NOT_HOLD).contains("R² 0.310");
    // each claim alone: equal MSE is not better; R² just above the threshold holds
    List<String> g =
        SsmTourSection.pixelFindings(
            pixels(new double[] {0.01, 0.03}, new double[] {0.01, 0.03}, 0.51));
    assertThat(g.get(0)).startsWith(TourResult.DOES_NOT_HOLD);
    assertThat(g.get(1)).doesNotStartWith(TourResult.DOES_NOT_HOLD);
    // a probe that could not be computed (NaN) is no evidence
    assertThat(
            SsmTourSection.pixelFindings(
                    pixels(new double[] {0.001}, new double[] {0.01}, Double.NaN))
                .get(1))
        .startsWith(TourResult.DOES_NOT_HOLD);
  }
}
