package org.varl.testing;

import java.util.function.ToDoubleFunction;
import org.opentest4j.AssertionFailedError;

/**
 * Finite-difference gradient checks. The central difference
 *
 * <pre>
 *   g_i = (f(x + h e_i) - f(x - h e_i)) / (2h)  =  df/dx_i + (h^2 / 6) d^3f/dx_i^3 + O(h^4)
 * </pre>
 *
 * has truncation error O(h^2) and rounding error about {@code eps |f| / h} ({@code eps} the
 * precision of the arithmetic inside {@code f}); the two balance at {@code h ~ eps^(1/3)}: about
 * 1e-5 for double and 5e-3 for a float32 function. The caller states {@code h} and the tolerances,
 * so a check says what accuracy it claims.
 */
public final class FiniteDifference {

  private FiniteDifference() {}

  /** The central-difference gradient of {@code f} at {@code x} ({@code x} is not modified). */
  public static double[] centralGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
    if (!(h > 0) || !Double.isFinite(h)) {
      throw new IllegalArgumentException("h must be finite and > 0, found " + h);
    }
    double[] point = x.clone();
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      point[i] = x[i] + h;
      double up = f.applyAsDouble(point);
      point[i] = x[i] - h;
      double down = f.applyAsDouble(point);
      point[i] = x[i];
      g[i] = (up - down) / (2 * h);
    }
    return g;
  }

  /**
   * Asserts that {@code analytic} is the gradient of {@code f} at {@code x}: for every index {@code
   * |analytic_i - g_i| <= absTol + relTol max(|analytic_i|, |g_i|)} with {@code g} the central
   * difference. The failure message names the worst index (the largest error relative to its
   * allowance) and both values.
   */
  public static void assertGradient(
      ToDoubleFunction<double[]> f,
      double[] x,
      double[] analytic,
      double h,
      double relTol,
      double absTol) {
    if (analytic.length != x.length) {
      throw new IllegalArgumentException(
          "analytic gradient has " + analytic.length + " entries, x has " + x.length);
    }
    if (!(relTol >= 0) || !(absTol >= 0) || relTol + absTol == 0) {
      throw new IllegalArgumentException(
          "tolerances must be >= 0 and not both 0, found relTol " + relTol + ", absTol " + absTol);
    }
    double[] numeric = centralGradient(f, x, h);
    int worst = -1;
    double worstRatio = 0;
    for (int i = 0; i < x.length; i++) {
      double allowed = absTol + relTol * Math.max(Math.abs(analytic[i]), Math.abs(numeric[i]));
      double error = Math.abs(analytic[i] - numeric[i]);
      // NaN anywhere is the worst possible disagreement.
      double ratio = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error / allowed;
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = i;
      }
    }
    if (worstRatio > 1) {
      throw new AssertionFailedError(
          String.format(
              "gradient[%d]: analytic %.9g vs central difference %.9g (h %s): error %.3g is %.3g times the allowed"
                  + " %s + %s * max(|analytic|, |numeric|)",
              worst,
              analytic[worst],
              numeric[worst],
              h,
              Math.abs(analytic[worst] - numeric[worst]),
              worstRatio,
              absTol,
              relTol),
          analytic[worst],
          numeric[worst]);
    }
  }
}
