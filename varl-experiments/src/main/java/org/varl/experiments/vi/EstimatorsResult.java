package org.varl.experiments.vi;

import java.util.List;
import java.util.Map;

/**
 * What {@link EstimatorsExperiment} measured.
 *
 * @param estimators one entry per (problem, estimator)
 * @param sampleCounts the numbers of draws at which {@link EstimatorStats#varianceBySamples()} is
 *     given
 * @param pathwiseToScoreVarianceRatio per continuous problem, {@code variance(pathwise) /
 *     variance(score)} (no baseline)
 * @param trueGradient how each problem's true gradient was obtained
 * @param trueGradientError per problem, the true gradient's own uncertainty, RMS over parameters (0
 *     for a closed form, the measured discretization error of a quadrature); see {@link
 *     #errorInStandardErrors(EstimatorStats)}
 * @param imageData the data set of the image problem, a {@link org.varl.core.data.DataSources} spec
 *     such as {@code fashion-mnist} (what {@code auto} resolved to)
 * @param imageProblem the image problem's name in {@code estimators}: {@code imageData} without a
 *     CSV path
 * @param imageDataNote null, or a one-line note why the image data is not what was preferred
 *     (Fashion-MNIST missing)
 * @param seconds wall time of the run
 */
public record EstimatorsResult(
    List<EstimatorStats> estimators,
    List<Integer> sampleCounts,
    Map<String, Double> pathwiseToScoreVarianceRatio,
    Map<String, String> trueGradient,
    Map<String, Double> trueGradientError,
    String imageData,
    String imageProblem,
    String imageDataNote,
    double seconds) {

  /**
   * {@link EstimatorStats#errorInStandardErrors(double)} with the true gradient's error of the
   * estimate's problem: about 1 for an unbiased estimator, growing like √R for a biased one.
   */
  public double errorInStandardErrors(EstimatorStats s) {
    Double reference = trueGradientError.get(s.problem());
    if (reference == null) {
      throw new IllegalArgumentException("no true gradient error for problem " + s.problem());
    }
    return s.errorInStandardErrors(reference);
  }

  /** The entry for a problem and estimator name. */
  public EstimatorStats get(String problem, String name) {
    return estimators.stream()
        .filter(e -> e.problem().equals(problem) && e.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no estimator " + name + " on problem " + problem));
  }
}
