package org.varl.models.toy;

import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * {@code 8gaussians}: the equal mixture of eight isotropic Gaussians on a circle of radius 4,
 *
 * <pre>
 *   p(x) = (1/8) Σ_{k=0}^{7} N(x; c_k, σ² I),   c_k = 4 (cos 2πk/8, sin 2πk/8),   σ = 0.5
 *   log p(x) = logsumexp_k [ −|x − c_k|² / (2σ²) ] − log(2πσ²) − log 8
 * </pre>
 *
 * the definition of the PyTorch peer ({@code ../shared/peers/torch_toy2d_peer.py}) and of the
 * flow-matching papers' toy (Tong et al. 2023, after Grathwohl et al.'s FFJORD). A draw is k
 * uniform in {0..7}, then {@code c_k + σ ε}, ε ~ N(0, I) (two {@code nextGaussian}s, x then y).
 */
public final class EightGaussians implements PointData {

  /** The mixture's radius, 4, and its components' standard deviation, 0.5 (the peer's). */
  public static final double RADIUS = 4.0;

  public static final double SIGMA = 0.5;

  /** Number of components. */
  public static final int MODES = 8;

  private static final double[][] CENTERS = new double[MODES][2];

  static {
    for (int k = 0; k < MODES; k++) {
      CENTERS[k][0] = RADIUS * Math.cos(2 * Math.PI * k / MODES);
      CENTERS[k][1] = RADIUS * Math.sin(2 * Math.PI * k / MODES);
    }
  }

  /** Half-width of the square used for quadrature: radius + 7σ (mass outside < 1e-11). */
  private static final double BOX = RADIUS + 7 * SIGMA;

  private static final double LOG_NORMALIZER =
      Math.log(2 * Math.PI * SIGMA * SIGMA) + Math.log(MODES);

  private static volatile Double entropy;

  /** The spec. */
  public static final String SPEC = "8gaussians";

  @Override
  public String spec() {
    return SPEC;
  }

  @Override
  public int dimension() {
    return 2;
  }

  /** The center c_k as {x, y}. */
  public static double[] center(int k) {
    return CENTERS[k].clone();
  }

  @Override
  public float[] sample(int n, SplittableRandom random) {
    float[] out = new float[2 * n];
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(MODES);
      out[2 * i] = (float) (CENTERS[k][0] + SIGMA * random.nextGaussian());
      out[2 * i + 1] = (float) (CENTERS[k][1] + SIGMA * random.nextGaussian());
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
      throw new IllegalArgumentException("8gaussians points have 2 values, found " + x.length);
    }
    return logDensity(x[0], x[1]);
  }

  /** log p(x, y); see the class javadoc (a stable log-sum-exp over the components). */
  public static double logDensity(double x, double y) {
    double[] lc = new double[MODES];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < MODES; k++) {
      double dx = x - CENTERS[k][0];
      double dy = y - CENTERS[k][1];
      lc[k] = -(dx * dx + dy * dy) / (2 * SIGMA * SIGMA);
      max = Math.max(max, lc[k]);
    }
    double s = 0;
    for (double l : lc) {
      s += Math.exp(l - max);
    }
    return max + Math.log(s) - LOG_NORMALIZER;
  }

  /**
   * {@code −∫ p log p} by the midpoint rule on a 600 × 600 grid over [−7.5, 7.5]² (spacing σ/20),
   * computed once.
   */
  @Override
  public OptionalDouble entropy() {
    Double h = entropy;
    if (h == null) {
      h = GridQuadrature.entropy(EightGaussians::logDensity, -BOX, BOX, 600);
      entropy = h;
    }
    return OptionalDouble.of(h);
  }

  /** The index k of the center nearest to (x, y): the mode a sample is assigned to. */
  public static int nearestMode(double x, double y) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int k = 0; k < MODES; k++) {
      double dx = x - CENTERS[k][0];
      double dy = y - CENTERS[k][1];
      double d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best;
  }
}
