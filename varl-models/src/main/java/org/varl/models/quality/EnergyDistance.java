package org.varl.models.quality;

/**
 * The energy distance (Székely and Rizzo 2013) between two point sets, as the PyTorch peer computes
 * it (the V-statistic: means over all pairs, the zero diagonal included):
 *
 * <pre>
 *   D(A, B) = 2 mean_{a∈A, b∈B} |a − b| − mean_{a, a'∈A} |a − a'| − mean_{b, b'∈B} |b − b'|
 * </pre>
 *
 * with Euclidean distances. In the population it is 0 exactly when the two distributions agree and
 * positive otherwise; smaller is better. Computed in double precision, O(n m d).
 */
public final class EnergyDistance {

  private EnergyDistance() {}

  /** D(A, B) for row-major point sets of dimension {@code d}. */
  public static double of(float[] a, float[] b, int d) {
    requireRows(a, d, "a");
    requireRows(b, d, "b");
    return 2 * meanDistance(a, b, d) - meanDistance(a, a, d) - meanDistance(b, b, d);
  }

  /** {@code mean_{x∈X, y∈Y} |x − y|}. */
  static double meanDistance(float[] x, float[] y, int d) {
    int n = x.length / d;
    int m = y.length / d;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          double diff = (double) x[i * d + k] - y[j * d + k];
          s += diff * diff;
        }
        row += Math.sqrt(s);
      }
      total += row;
    }
    return total / ((double) n * m);
  }

  static void requireRows(float[] x, int d, String name) {
    if (d < 1 || x.length == 0 || x.length % d != 0) {
      throw new IllegalArgumentException(
          name
              + " must hold at least one point of dimension "
              + d
              + ", found "
              + x.length
              + " values");
    }
  }
}
