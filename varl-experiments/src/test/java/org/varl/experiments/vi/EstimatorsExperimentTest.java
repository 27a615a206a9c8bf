package org.varl.experiments.vi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The estimators experiment's claims on a reduced run (R = 400, seed 7): unbiased estimators agree
 * with the true gradient (closed forms and quadratures, see {@link ReferenceGradientTest}) within
 * Monte Carlo error and biased ones do not, pathwise variance is orders of magnitude below plain
 * score-function variance, baselines reduce variance, and averaging S draws divides the variance by
 * about S.
 */
class EstimatorsExperimentTest {

  private static EstimatorsResult result;

  @BeforeAll
  static void run() {
    result = EstimatorsExperiment.run(new EstimatorsConfig(400, 100, 32, 7, "cpu", "shapes", null));
  }

  @Test
  void everyUnbiasedEstimatorAgreesWithTheTrueGradientWithinMonteCarloError() {
    // Tolerance: 3.5 standard errors of the averaged estimate (RMS over parameters), the
    // reference's own error (0
    // for the closed forms, the measured discretization error of the encoders' quadratures) added
    // in quadrature.
    for (EstimatorStats s : result.estimators()) {
      if (!s.unbiased()) {
        continue;
      }
      assertThat(result.errorInStandardErrors(s))
          .as(s.problem() + "/" + s.name())
          .isLessThanOrEqualTo(3.5);
    }
  }

  @Test
  void theCheckFlagsTheBiasedRelaxation() {
    // The same check fails for the relaxed Gumbel-softmax estimator (tau 0.5: the relaxed f differs
    // from f at the
    // vertices) against the discrete problem's closed form; ReferenceGradientTest shows it failing
    // for a scaled
    // pathwise estimator against the quadrature references. (The straight-through variant's bias is
    // smaller: 2.6
    // standard errors here, not detectable at R = 400, so it is not asserted.)
    EstimatorStats relaxed = result.get("discrete", "gumbel(tau=0.5)");
    assertThat(relaxed.unbiased()).isFalse();
    assertThat(result.errorInStandardErrors(relaxed)).isGreaterThan(3.5);
  }

  @Test
  void theEncoderReferencesAreQuadraturesFarSharperThanTheEstimatorsTheyJudge() {
    // Not the pathwise estimator's own average: a deterministic quadrature whose measured error is
    // a small fraction
    // of the best estimator's standard error, so the check above is decided by the estimators'
    // noise and bias.
    for (String problem : List.of("encoder", "shapes")) {
      assertThat(result.trueGradient().get(problem))
          .as(problem)
          .startsWith("Gauss-Hermite quadrature");
      double error = result.trueGradientError().get(problem);
      assertThat(error)
          .as(problem)
          .isFinite()
          .isGreaterThanOrEqualTo(0)
          .isLessThan(0.1 * result.get(problem, "pathwise").standardError());
    }
    assertThat(result.trueGradientError().get("gaussian")).isZero();
    assertThat(result.trueGradientError().get("discrete")).isZero();
  }

  @Test
  void pathwiseVarianceIsOrdersOfMagnitudeBelowScoreFunction() {
    assertThat(result.pathwiseToScoreVarianceRatio().get("gaussian")).isLessThan(0.01);
    assertThat(result.pathwiseToScoreVarianceRatio().get("encoder")).isLessThan(0.05);
    assertThat(result.pathwiseToScoreVarianceRatio().get("shapes")).isLessThan(0.01);
  }

  @Test
  void baselinesReduceTheScoreFunctionVariance() {
    for (String problem : List.of("gaussian", "encoder", "shapes", "discrete")) {
      double plain = result.get(problem, "score").variance();
      assertThat(result.get(problem, "score+ema").variance()).as(problem).isLessThan(plain);
      assertThat(result.get(problem, "score+learned").variance()).as(problem).isLessThan(plain);
    }
  }

  @Test
  void theInputDependentBaselineBeatsTheConstantOneOnTheEncoders() {
    // b(x) regresses f on the input x; on an encoder f varies with x far more than within one x, so
    // its variance
    // must be well below that of the constant baseline (which is where the learned one starts, so a
    // baseline that
    // does not learn would tie with it).
    // The margin is a property of the problem instance: wave 1's instance gave ratios below 0.6;
    // the shared-layer
    // instance (other decoder draws, Java-seeded encoder) gives 0.68 on the encoder. The check asks
    // for a ratio below
    // 0.75 and at least 3 standard errors below 1 (the log of a ratio of two sample variances from
    // R draws each
    // has a standard error of about √(4 / R) for near-Gaussian estimates).
    double se = Math.sqrt(4.0 / 400);
    for (String problem : List.of("encoder", "shapes")) {
      double constant = result.get(problem, "score+constant").variance();
      double learned = result.get(problem, "score+learned").variance();
      assertThat(learned).as(problem).isLessThan(0.75 * constant);
      assertThat(Math.log(learned / constant)).as(problem).isLessThan(-3 * se);
    }
  }

  @Test
  void varianceOfAnAverageOfSDrawsFallsLikeOneOverS() {
    List<Integer> counts = result.sampleCounts();
    assertThat(counts).startsWith(1, 2, 4, 8);
    for (EstimatorStats s : result.estimators()) {
      List<Double> v = s.varianceBySamples();
      assertThat(v.get(0))
          .isEqualTo(s.variance(), org.assertj.core.data.Offset.offset(1e-9 * s.variance()));
      int last = counts.size() - 1;
      // Expected ratio 1/S; with R/S ≥ 8 blocks the estimate is rough, so allow a factor of 3.
      assertThat(v.get(last) / v.get(0))
          .as(s.problem() + "/" + s.name())
          .isLessThan(3.0 / counts.get(last));
    }
  }

  @Test
  void metricsAreFiniteAndNamed() {
    assertThat(result.estimators()).hasSize(EstimatorsExperiment.PAIRS);
    for (EstimatorStats s : result.estimators()) {
      assertThat(s.variance()).isFinite().isPositive();
      assertThat(s.snr()).isFinite().isPositive();
      assertThat(s.secondsPerEstimate()).isPositive();
      assertThat(s.estimates()).isEqualTo(400);
    }
  }

  /**
   * Same seed, device and thread count: every statistic is bit-identical (timings aside). The
   * second run has a thread forcing garbage collections throughout, so that a graph that reads
   * freed memory in its backward pass (DJL's scalar ops, see {@link org.varl.core.engine.Scalars})
   * would show up here instead of once in a few runs.
   */
  @Test
  void sameSeedGivesIdenticalResultsEvenWithCollectionsDuringTheRun() throws InterruptedException {
    EstimatorsConfig small = new EstimatorsConfig(16, 4, 8, 5, "cpu", "shapes", null);
    EstimatorsResult first = EstimatorsExperiment.run(small);
    AtomicBoolean done = new AtomicBoolean();
    Thread collector =
        new Thread(
            () -> {
              while (!done.get()) {
                System.gc();
                LockSupport.parkNanos(5_000_000);
              }
            });
    collector.start();
    EstimatorsResult second;
    try {
      second = EstimatorsExperiment.run(small);
    } finally {
      done.set(true);
      collector.join();
    }
    assertThat(withoutTimings(second)).isEqualTo(withoutTimings(first));
    assertThat(second.pathwiseToScoreVarianceRatio())
        .isEqualTo(first.pathwiseToScoreVarianceRatio());
    assertThat(second.trueGradient()).isEqualTo(first.trueGradient());
    assertThat(second.trueGradientError()).isEqualTo(first.trueGradientError());
    assertThat(second.sampleCounts()).isEqualTo(first.sampleCounts());
    assertThat(second.imageData()).isEqualTo(first.imageData()).isEqualTo("shapes");
  }

  private static List<EstimatorStats> withoutTimings(EstimatorsResult r) {
    return r.estimators().stream()
        .map(
            s ->
                new EstimatorStats(
                    s.problem(),
                    s.name(),
                    s.unbiased(),
                    s.parameters(),
                    s.estimates(),
                    s.meanError(),
                    s.relativeError(),
                    s.standardError(),
                    s.variance(),
                    s.snr(),
                    0,
                    s.varianceBySamples()))
        .toList();
  }

  @Test
  void badConfigNamesTheField() {
    assertThatThrownBy(() -> new EstimatorsConfig(5, 0, 32, 1, "cpu", "shapes", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("samples must be >= 16, found 5");
    assertThatThrownBy(() -> new EstimatorsConfig(100, 0, 32, 1, "tpu", "shapes", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("device must be cpu or gpu, found tpu");
    assertThatThrownBy(() -> new EstimatorsConfig(100, 0, 32, 1, "cpu", "cifar", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "image data (--data) must be fashion-mnist, mnist, shapes, csv:PATH or auto, found cifar");
  }
}
