package org.varl.rl.env;

import java.util.Arrays;

/**
 * Gymnasium's {@code Box(low, high, shape)} for one-dimensional shapes: vectors x with low_i ≤ x_i
 * ≤ high_i (bounds may be infinite).
 *
 * @param low the lower bounds, one per dimension
 * @param high the upper bounds, one per dimension, each ≥ its lower bound
 */
public record Box(double[] low, double[] high) implements Space {

  /** Checks the bounds and keeps copies of them. */
  public Box {
    if (low.length != high.length || low.length == 0) {
      throw new IllegalArgumentException(
          "low and high must have the same positive length, found "
              + low.length
              + " and "
              + high.length);
    }
    for (int i = 0; i < low.length; i++) {
      if (Double.isNaN(low[i]) || Double.isNaN(high[i]) || low[i] > high[i]) {
        throw new IllegalArgumentException(
            "bounds must satisfy low <= high, found low="
                + low[i]
                + " high="
                + high[i]
                + " at index "
                + i);
      }
    }
    low = low.clone();
    high = high.clone();
  }

  /** A box with the same bounds in every one of {@code dimension} coordinates. */
  public static Box uniform(int dimension, double low, double high) {
    double[] lo = new double[dimension];
    double[] hi = new double[dimension];
    Arrays.fill(lo, low);
    Arrays.fill(hi, high);
    return new Box(lo, hi);
  }

  @Override
  public double[] low() {
    return low.clone();
  }

  @Override
  public double[] high() {
    return high.clone();
  }

  /** The lower bound of coordinate {@code i}. */
  public double low(int i) {
    return low[i];
  }

  /** The upper bound of coordinate {@code i}. */
  public double high(int i) {
    return high[i];
  }

  @Override
  public int dimension() {
    return low.length;
  }

  /**
   * {@code x} clipped into the box coordinate by coordinate, as {@code np.clip(x, low, high)}.
   *
   * @throws IllegalArgumentException naming the index and the value if {@code x} has the wrong
   *     length or holds a NaN
   */
  public double[] clip(double[] x) {
    check(x, "action");
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.min(Math.max(x[i], low[i]), high[i]);
    }
    return y;
  }

  /**
   * Checks that {@code x} is a vector of this box's length without NaN (infinities are allowed and
   * clip to the bounds).
   */
  public void check(double[] x, String what) {
    if (x.length != low.length) {
      throw new IllegalArgumentException(
          what + " must have length " + low.length + ", found " + x.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        throw new IllegalArgumentException(what + " must not be NaN, found NaN at index " + i);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
  }

  @Override
  public String toString() {
    return "Box(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
  }
}
