package org.varl.models.toy;

/**
 * The midpoint rule on an n × n grid over a square {@code [lo, hi]²}:
 *
 * <pre>
 *   ∫∫ f(x, y) dx dy ≈ h² Σ_{i,j} f(lo + (i + ½) h, lo + (j + ½) h),   h = (hi − lo) / n
 * </pre>
 *
 * Used for the mass and the entropy of the 2-D toy densities. For a smooth density that decays to
 * nothing inside the square the rule is accurate far beyond float precision; for a piecewise
 * constant density whose jumps fall on grid lines it is exact.
 */
public final class GridQuadrature {

  private GridQuadrature() {}

  /** A real function of two variables. */
  @FunctionalInterface
  public interface Function2d {
    /** f(x, y). */
    double at(double x, double y);
  }

  /** {@code ∫∫ exp(logDensity)}: 1 for a normalized density whose mass lies in the square. */
  public static double mass(Function2d logDensity, double lo, double hi, int n) {
    return integrate((x, y) -> Math.exp(logDensity.at(x, y)), lo, hi, n);
  }

  /** The entropy {@code −∫∫ p log p} with {@code p = exp(logDensity)} ({@code 0 log 0 = 0}). */
  public static double entropy(Function2d logDensity, double lo, double hi, int n) {
    return integrate(
        (x, y) -> {
          double lp = logDensity.at(x, y);
          return lp == Double.NEGATIVE_INFINITY ? 0.0 : -Math.exp(lp) * lp;
        },
        lo,
        hi,
        n);
  }

  /** The midpoint rule for {@code f} (see the class javadoc). */
  public static double integrate(Function2d f, double lo, double hi, int n) {
    if (!(hi > lo) || n < 1) {
      throw new IllegalArgumentException(
          "quadrature needs hi > lo and n >= 1, found [" + lo + ", " + hi + "], n " + n);
    }
    double h = (hi - lo) / n;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = lo + (i + 0.5) * h;
      double row = 0;
      for (int j = 0; j < n; j++) {
        row += f.at(x, lo + (j + 0.5) * h);
      }
      sum += row;
    }
    return sum * h * h;
  }
}
