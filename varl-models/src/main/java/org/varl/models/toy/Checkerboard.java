package org.varl.models.toy;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * {@code checkerboard}: the uniform distribution on the 8 dark squares of a 4 × 4 board on [−4,
 * 4]², each square 2 × 2:
 *
 * <pre>
 *   square (i, j), i, j ∈ {0, 1, 2, 3}:  [−4 + 2i, −2 + 2i) × [−4 + 2j, −2 + 2j),   dark when i + j is even
 *   p(x) = 1/32 on the dark squares (total area 8 · 4 = 32), 0 elsewhere;   entropy ln 32
 * </pre>
 *
 * A draw picks one of the 8 dark squares uniformly (an index m in {0..7}: row j = m / 2, column i =
 * 2 (m mod 2) + (j mod 2)), then a uniform point in it (x then y).
 */
public final class Checkerboard implements PointData {

  /** The spec. */
  public static final String SPEC = "checkerboard";

  /** Half-width of the board, 4, and side of a square, 2. */
  public static final double HALF_WIDTH = 4.0;

  public static final double SQUARE = 2.0;

  private static final double LOG_DENSITY = -Math.log(8 * SQUARE * SQUARE);

  @Override
  public String spec() {
    return SPEC;
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public float[] sample(int n, SplittableRandom random) {
    float[] out = new float[2 * n];
    for (int p = 0; p < n; p++) {
      int m = random.nextInt(8);
      int j = m / 2;
      int i = 2 * (m % 2) + (j % 2);
      out[2 * p] = (float) (-HALF_WIDTH + SQUARE * i + SQUARE * random.nextDouble());
      out[2 * p + 1] = (float) (-HALF_WIDTH + SQUARE * j + SQUARE * random.nextDouble());
    }
    return out;
  }

  @Override
  public float[] heldOut(int n, SplittableRandom random) {
    return sample(n, random);
  }

  @Override
  public boolean hasLogDensity() {
    return true;
  }

  @Override
  public double logDensity(double[] x) {
    if (x.length != 2) {
      throw new IllegalArgumentException("checkerboard points have 2 values, found " + x.length);
    }
    return logDensity(x[0], x[1]);
  }

  /** log p(x, y): −ln 32 on a dark square, −∞ elsewhere. */
  public static double logDensity(double x, double y) {
    if (!(x >= -HALF_WIDTH && x < HALF_WIDTH && y >= -HALF_WIDTH && y < HALF_WIDTH)) {
      return Double.NEGATIVE_INFINITY;
    }
    int i = (int) Math.floor((x + HALF_WIDTH) / SQUARE);
    int j = (int) Math.floor((y + HALF_WIDTH) / SQUARE);
    return (i + j) % 2 == 0 ? LOG_DENSITY : Double.NEGATIVE_INFINITY;
  }

  /**
   * {@code −∫ p log p} by the midpoint rule on a 400 × 400 grid over the board, whose lines include
   * the squares' edges (exact for this piecewise constant density: ln 32).
   */
  @Override
  public OptionalDouble entropy() {
    return OptionalDouble.of(
        GridQuadrature.entropy(Checkerboard::logDensity, -HALF_WIDTH, HALF_WIDTH, 400));
  }
}
