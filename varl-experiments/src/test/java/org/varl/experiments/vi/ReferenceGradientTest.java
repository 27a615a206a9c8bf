package org.varl.experiments.vi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;
import org.varl.core.estimators.PathwiseEstimator;
import org.varl.experiments.Listener;

/**
 * The quadrature reference gradients of the estimators experiment's encoder problems ({@link
 * EncoderProblem}, tanh decoder, d = 2; {@link ImageProblem} on the shapes sprites, ReLU decoder, d
 * = 4; B = 32, seed 7) are trustworthy: they agree with long Monte Carlo averages of two estimators
 * of different kinds, the pathwise one (differentiates f) and the leave-one-out score-function one
 * (never differentiates f), within 3.5 of the average's standard errors (RMS over parameters) plus
 * the reference's measured discretization error in quadrature; each comparison is sharp enough to
 * reject a reference 10% off; the image reference's error estimate covers its distance to a finer
 * rule; and a deliberately biased estimator (pathwise × 1.5) fails the experiment's unbiasedness
 * check on both problems.
 */
class ReferenceGradientTest {

  private static final double TOLERANCE = 3.5;

  private static NDManager root;
  private static EncoderProblem encoder;
  private static ImageProblem image;

  @BeforeAll
  static void build() {
    EstimatorsConfig config = new EstimatorsConfig(400, 100, 32, 7, "cpu", "shapes", null);
    ImageData images = ImageData.load(config);
    EngineSetup.seed(7);
    root = NDManager.newBaseManager();
    encoder = new EncoderProblem(root, 32, 7);
    image =
        new ImageProblem(
            root,
            "shapes",
            images.images(),
            32,
            ImageProblem.QUADRATURE_NODES,
            ImageProblem.CHECK_NODES,
            7);
  }

  @AfterAll
  static void close() {
    root.close();
  }

  @Test
  void encoderReferenceAgreesWithLongPathwiseAndScoreFunctionAverages() {
    agrees(encoder, MonteCarloGradient.of(root, encoder, new PathwiseEstimator(), 1024, 64));
    agrees(
        encoder, MonteCarloGradient.of(root, encoder, new LeaveOneOutScoreEstimator(), 1024, 64));
  }

  @Test
  void imageReferenceAgreesWithLongPathwiseAndScoreFunctionAverages() {
    agrees(image, MonteCarloGradient.of(root, image, new PathwiseEstimator(), 256, 64));
    agrees(image, MonteCarloGradient.of(root, image, new LeaveOneOutScoreEstimator(), 256, 64));
  }

  /**
   * RMS distance within tolerance, and the same comparison against the reference scaled by 1.1
   * fails.
   */
  private static void agrees(GradientProblem problem, MonteCarloGradient mc) {
    double[] reference = problem.trueGradient();
    double allowed = TOLERANCE * Math.hypot(mc.rmsStandardError(), problem.trueGradientError());
    double distance = mc.rmsDistance(reference);
    System.out.printf(
        Locale.ROOT,
        "%s vs %d draws per point: distance %.3g, standard error %.3g, reference error"
            + " %.3g, gradient RMS %.3g%n",
        problem.name(),
        mc.draws,
        distance,
        mc.rmsStandardError(),
        problem.trueGradientError(),
        rms(reference));
    assertThat(distance).as(problem.name()).isLessThanOrEqualTo(allowed);
    double[] off = reference.clone();
    for (int j = 0; j < off.length; j++) {
      off[j] *= 1.1;
    }
    assertThat(mc.rmsDistance(off))
        .as(problem.name() + ", reference 10% off")
        .isGreaterThan(allowed);
  }

  @Test
  void theImageReferenceErrorEstimateCoversTheDistanceToAFinerRule() {
    // ReLU decoder: no smooth-integrand bound, so the 10-vs-8 difference is checked against a
    // 12-node rule (the 4-node
    // rule only makes compute's check cheap).
    List<NDArray> attach = new ArrayList<>(image.longLived());
    attach.addAll(image.parameters());
    QuadratureGradient finer =
        QuadratureGradient.compute(
            root,
            12,
            4,
            scope -> image.normal(),
            image::f,
            image.parameters(),
            attach,
            ImageProblem.QUADRATURE_CHUNK);
    double distance = MonteCarloGradient.rmsDistance(image.trueGradient(), finer.gradient());
    System.out.printf(
        Locale.ROOT, "image: 10-vs-8 %.3g, 10-vs-12 %.3g%n", image.trueGradientError(), distance);
    assertThat(distance).isLessThanOrEqualTo(image.trueGradientError());
    // and the estimate is not vacuous: it is a small fraction of the gradient
    assertThat(image.trueGradientError()).isLessThan(0.01 * rms(image.trueGradient()));
  }

  @Test
  void aBiasedEstimatorFailsTheUnbiasednessCheckAgainstTheQuadratureReferences() {
    EstimatorsConfig config = new EstimatorsConfig(400, 100, 32, 7, "cpu", "shapes", null);
    List<Integer> counts = EstimatorsExperiment.sampleCounts(config.samples());
    for (GradientProblem problem : List.of(encoder, image)) {
      EstimatorStats biased =
          EstimatorsExperiment.measure(
              root,
              problem,
              new ScaledEstimator(new PathwiseEstimator(), 1.5f),
              null,
              config,
              counts,
              Listener.NONE);
      EstimatorStats unbiased =
          EstimatorsExperiment.measure(
              root, problem, new PathwiseEstimator(), null, config, counts, Listener.NONE);
      double z = biased.errorInStandardErrors(problem.trueGradientError());
      double zUnbiased = unbiased.errorInStandardErrors(problem.trueGradientError());
      System.out.printf(
          Locale.ROOT,
          "%s: pathwise*1.5 %.2f, pathwise %.2f standard errors%n",
          problem.name(),
          z,
          zUnbiased);
      assertThat(z).as(problem.name()).isGreaterThan(TOLERANCE);
      assertThat(zUnbiased).as(problem.name()).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @Test
  void badQuadratureArgumentsNameTheParameter() {
    List<NDArray> attach = new ArrayList<>(encoder.longLived());
    attach.addAll(encoder.parameters());
    assertThatThrownBy(
            () ->
                QuadratureGradient.compute(
                    root,
                    8,
                    8,
                    scope -> encoder.normal(),
                    encoder::f,
                    encoder.parameters(),
                    attach,
                    64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("coarse nodes must be in [1, 7] (below nodes = 8), found 8");
    assertThatThrownBy(
            () ->
                QuadratureGradient.compute(
                    root,
                    8,
                    6,
                    scope -> encoder.normal(),
                    encoder::f,
                    encoder.parameters(),
                    attach,
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chunk must be >= 1, found 0");
  }

  private static double rms(double[] g) {
    double sum = 0;
    for (double v : g) {
      sum += v * v;
    }
    return Math.sqrt(sum / g.length);
  }
}
