package org.varl.experiments.vi;

import java.util.List;

/**
 * Statistics of R single-draw gradient estimates {@code ĝ_1..ĝ_R} of one estimator on one problem,
 * against the true gradient {@code g} (P parameters, index j):
 *
 * <pre>
 *   m_j = (1/R) Σ_r ĝ_rj          v_j = (1/(R−1)) Σ_r (ĝ_rj − m_j)²
 *   meanError     = sqrt((1/P) Σ_j (m_j − g_j)²)          RMS error of the averaged estimate
 *   relativeError = ‖m − g‖ / ‖g‖
 *   standardError = sqrt((1/P) Σ_j v_j / R)              what meanError is for an unbiased estimator
 *   variance      = (1/P) Σ_j v_j                         per-parameter variance of one single-draw estimate
 *   snr           = (1/P) Σ_j |m_j| / sqrt(v_j)           signal-to-noise ratio (Rainforth et al. 2018)
 * </pre>
 *
 * {@code varianceBySamples[i]} is the variance of the average of {@code sampleCounts[i]} draws,
 * measured by averaging disjoint blocks of the R single-draw estimates.
 */
public record EstimatorStats(
    String problem,
    String name,
    boolean unbiased,
    int parameters,
    int estimates,
    double meanError,
    double relativeError,
    double standardError,
    double variance,
    double snr,
    double secondsPerEstimate,
    List<Double> varianceBySamples) {

  /**
   * {@code meanError / sqrt(standardError² + referenceError²)}: the RMS error of the averaged
   * estimate in units of its standard error, with the true gradient's own uncertainty (RMS over
   * parameters, 0 for a closed form) added in quadrature. About 1 for an unbiased estimator (the
   * RMS of P standard-normal deviations, correlated ones spread wider); for a bias β (RMS) it grows
   * like {@code sqrt(1 + R β² / variance)}.
   */
  public double errorInStandardErrors(double referenceError) {
    return meanError / Math.hypot(standardError, referenceError);
  }
}
