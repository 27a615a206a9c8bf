package org.varl.models.diffpolicy;

import java.util.Arrays;

/**
 * The per-coordinate affine map of data to the unit range that a diffusion policy works in (Chi et
 * al. 2023 normalize states and actions to [−1, 1] by their minimum and maximum):
 *
 * <pre>
 *   u_j = (x_j − c_j) / r_j,   x_j = c_j + r_j u_j,   c_j = (max_j + min_j) / 2,   r_j = (max_j − min_j) / 2
 * </pre>
 *
 * over the training rows, with r_j = 1 for a coordinate that never varies. The diffusion runs in u,
 * where N(0, I) at t = T matches the data's spread; the obstacle demonstrations' actions have norm
 * ≤ 0.05, 20 times smaller than the noise, without it.
 *
 * @param center c, one value per coordinate
 * @param halfRange r, one value per coordinate, each finite and > 0
 */
public record UnitScaling(double[] center, double[] halfRange) {

  /** Copies and checks the arrays. */
  public UnitScaling {
    if (center.length < 1 || center.length != halfRange.length) {
      throw new IllegalArgumentException(
          "center and halfRange must have the same length >= 1, found "
              + center.length
              + " and "
              + halfRange.length);
    }
    center = center.clone();
    halfRange = halfRange.clone();
    for (int j = 0; j < center.length; j++) {
      if (!Double.isFinite(center[j])) {
        throw new IllegalArgumentException(
            "center must be finite, found " + center[j] + " at index " + j);
      }
      if (!(halfRange[j] > 0) || !Double.isFinite(halfRange[j])) {
        throw new IllegalArgumentException(
            "halfRange must be finite and > 0, found " + halfRange[j] + " at index " + j);
      }
    }
  }

  /** The identity map (c = 0, r = 1) of {@code columns} coordinates. */
  public static UnitScaling identity(int columns) {
    double[] r = new double[columns];
    Arrays.fill(r, 1.0);
    return new UnitScaling(new double[columns], r);
  }

  /** The min-max map of the rows of {@code values} (row-major {@code [n, columns]}, n ≥ 1). */
  public static UnitScaling fit(float[] values, int columns) {
    double[] lo = new double[columns];
    double[] hi = new double[columns];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < values.length; i++) {
      int j = i % columns;
      lo[j] = Math.min(lo[j], values[i]);
      hi[j] = Math.max(hi[j], values[i]);
    }
    double[] c = new double[columns];
    double[] r = new double[columns];
    for (int j = 0; j < columns; j++) {
      c[j] = (hi[j] + lo[j]) / 2;
      double half = (hi[j] - lo[j]) / 2;
      r[j] = half > 0 ? half : 1.0;
    }
    return new UnitScaling(c, r);
  }

  /** The number of coordinates. */
  public int columns() {
    return center.length;
  }

  @Override
  public double[] center() {
    return center.clone();
  }

  @Override
  public double[] halfRange() {
    return halfRange.clone();
  }

  /** u = (x − c) / r for row-major rows of {@link #columns()} values, in a new array. */
  public float[] toUnit(float[] x) {
    float[] u = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      int j = i % center.length;
      u[i] = (float) ((x[i] - center[j]) / halfRange[j]);
    }
    return u;
  }

  /** x = c + r u, the inverse of {@link #toUnit}, in a new array. */
  public float[] fromUnit(float[] u) {
    float[] x = new float[u.length];
    for (int i = 0; i < u.length; i++) {
      int j = i % center.length;
      x[i] = (float) (center[j] + halfRange[j] * u[i]);
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnitScaling s
        && Arrays.equals(center, s.center)
        && Arrays.equals(halfRange, s.halfRange);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(center) + Arrays.hashCode(halfRange);
  }

  @Override
  public String toString() {
    return "UnitScaling[center="
        + Arrays.toString(center)
        + ", halfRange="
        + Arrays.toString(halfRange)
        + "]";
  }
}
