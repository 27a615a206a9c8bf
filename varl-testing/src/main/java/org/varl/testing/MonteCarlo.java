package org.varl.testing;

import org.opentest4j.AssertionFailedError;

/**
 * Monte Carlo assertions with their error bars stated: an estimate from {@code n} independent draws
 * {@code x_1..x_n} has mean and standard error
 *
 * <pre>
 *   xbar = (1/n) sum_i x_i,    s^2 = (1/(n-1)) sum_i (x_i - xbar)^2,    SE = s / sqrt(n)
 * </pre>
 *
 * and passes when {@code |xbar - expected| <= k SE + floor}. The caller states {@code k} (how many
 * standard errors the test allows; with {@code m} such checks in one test a false alarm has
 * probability about {@code m * 2 Phi(-k)}, e.g. 6.3e-5 per check for k = 4 and 5.7e-7 for k = 5)
 * and the {@code floor}, an absolute allowance for what the standard error cannot see: float32
 * rounding, or a degenerate sample whose SE is 0.
 *
 * <p>The draws must be independent: for correlated draws (a Markov chain, a moving-average baseline
 * that carries state) the SE above is too small, so group them into independent batches and pass
 * the batch means.
 */
public final class MonteCarlo {

  private MonteCarlo() {}

  /** The sample mean {@code xbar}. */
  public static double mean(double[] samples) {
    requireSamples(samples);
    double s = 0;
    for (double x : samples) {
      s += x;
    }
    return s / samples.length;
  }

  /**
   * The standard error {@code s / sqrt(n)} of the mean, with the unbiased sample variance {@code
   * s^2}.
   */
  public static double standardError(double[] samples) {
    double mean = mean(samples);
    double ss = 0;
    for (double x : samples) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (samples.length - 1) / samples.length);
  }

  /** Asserts {@code |xbar - expected| <= k SE}. */
  public static void assertMeanWithin(double[] samples, double expected, double k) {
    assertMeanWithin("mean", samples, expected, k, 0);
  }

  /** Asserts {@code |xbar - expected| <= k SE + floor}. */
  public static void assertMeanWithin(double[] samples, double expected, double k, double floor) {
    assertMeanWithin("mean", samples, expected, k, floor);
  }

  /**
   * Asserts {@code |xbar - expected| <= k SE + floor}; {@code what} names the quantity in the
   * failure message (e.g. {@code "score-function gradient[3]"}).
   */
  public static void assertMeanWithin(
      String what, double[] samples, double expected, double k, double floor) {
    requireTolerance(k, floor);
    requireFinite(what, samples);
    double mean = mean(samples);
    double se = standardError(samples);
    double error = Math.abs(mean - expected);
    if (!(error <= k * se + floor)) { // also false for a NaN expected value
      throw new AssertionFailedError(
          String.format(
              "%s: %.6g is %.3g standard errors from the expected %.6g (SE %.3g from n = %d draws); allowed: %s SE + %s",
              what,
              mean,
              se > 0 ? error / se : Double.POSITIVE_INFINITY,
              expected,
              se,
              samples.length,
              k,
              floor),
          expected,
          mean);
    }
  }

  /**
   * Asserts that two independent samples have the same mean: {@code |xbar_a - xbar_b| <= k
   * sqrt(SE_a^2 + SE_b^2) + floor} (the standard error of a difference of independent means).
   */
  public static void assertMeansAgree(String what, double[] a, double[] b, double k, double floor) {
    requireTolerance(k, floor);
    requireFinite(what + " (first sample)", a);
    requireFinite(what + " (second sample)", b);
    double meanA = mean(a);
    double meanB = mean(b);
    double se = Math.hypot(standardError(a), standardError(b));
    double error = Math.abs(meanA - meanB);
    if (!(error <= k * se + floor)) {
      throw new AssertionFailedError(
          String.format(
              "%s: means %.6g and %.6g differ by %.3g standard errors (SE of the difference %.3g, n = %d and %d);"
                  + " allowed: %s SE + %s",
              what,
              meanA,
              meanB,
              se > 0 ? error / se : Double.POSITIVE_INFINITY,
              se,
              a.length,
              b.length,
              k,
              floor),
          meanA,
          meanB);
    }
  }

  private static void requireSamples(double[] samples) {
    if (samples == null || samples.length < 2) {
      throw new IllegalArgumentException(
          "a standard error needs at least 2 samples, found "
              + (samples == null ? "null" : samples.length));
    }
  }

  private static void requireTolerance(double k, double floor) {
    if (!(k > 0) || !Double.isFinite(k)) {
      throw new IllegalArgumentException(
          "k (standard errors allowed) must be finite and > 0, found " + k);
    }
    if (!(floor >= 0) || !Double.isFinite(floor)) {
      throw new IllegalArgumentException("floor must be finite and >= 0, found " + floor);
    }
  }

  /** A NaN or infinite draw is a broken estimator, not a large error: say which draw. */
  private static void requireFinite(String what, double[] samples) {
    requireSamples(samples);
    for (int i = 0; i < samples.length; i++) {
      if (!Double.isFinite(samples[i])) {
        throw new AssertionFailedError(
            what + ": draw " + i + " of " + samples.length + " is " + samples[i]);
      }
    }
  }
}
