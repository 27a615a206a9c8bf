package org.varl.models.toy;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A source of points in R^d for training and judging a generative model: fresh training draws, a
 * held-out set, and, where known, the true log-density and entropy.
 *
 * <p>Points are row-major {@code float[n * dimension()]}. Generated data sets draw from the {@link
 * SplittableRandom} they are given, so a run's data is a pure function of its seed and step; finite
 * data sets ({@link SplitPoints}) draw training rows with replacement and hold out their test part.
 */
public interface PointData {

  /** The {@code --data} spec that names this data set (e.g. {@code 8gaussians}). */
  String spec();

  /** Values per point, d. */
  int dimension();

  /** {@code n} training points drawn from {@code random}. */
  float[] sample(int n, SplittableRandom random);

  /**
   * Held-out points for evaluation: a generated data set draws {@code n} fresh points from {@code
   * random}; a finite one returns its test rows (at most {@code n}, the first ones).
   */
  float[] heldOut(int n, SplittableRandom random);

  /** Whether {@link #logDensity} is available. */
  default boolean hasLogDensity() {
    return false;
  }

  /**
   * The true {@code log p_data(x)} in nats at a point of length {@link #dimension()} ({@code −∞}
   * off the support).
   *
   * @throws UnsupportedOperationException when the density is not known ({@link #hasLogDensity()}
   *     false)
   */
  default double logDensity(double[] x) {
    throw new UnsupportedOperationException(
        "the data set " + spec() + " has no known density (only 8gaussians and checkerboard do)");
  }

  /**
   * The entropy {@code H = −E log p_data(x)} in nats, computed from {@link #logDensity}; empty when
   * the density is unknown. A valid bound on the negative log-likelihood, −ELBO, is at least this.
   */
  default OptionalDouble entropy() {
    return OptionalDouble.empty();
  }

  /** {@code {height, width}} when the points are images, else empty. */
  default int[] imageShape() {
    return new int[0];
  }

  /**
   * The true log-density of each row of {@code points} ({@code [n, dimension()]} row-major).
   *
   * @throws UnsupportedOperationException when the density is not known
   */
  default double[] logDensities(float[] points) {
    int d = dimension();
    if (points.length % d != 0) {
      throw new IllegalArgumentException(
          "points length " + points.length + " is not a multiple of dimension " + d);
    }
    double[] out = new double[points.length / d];
    double[] x = new double[d];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < d; j++) {
        x[j] = points[i * d + j];
      }
      out[i] = logDensity(x);
    }
    return out;
  }
}
