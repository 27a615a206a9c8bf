package org.varl.experiments.vi;

import java.util.function.DoubleUnaryOperator;

/**
 * The n-point Gauss–Hermite rule for the standard normal (probabilists' Hermite polynomials):
 *
 * <pre>
 *   E_{u ~ N(0,1)}[g(u)] ≈ Σ_k w_k g(u_k),     He_n(u_k) = 0,     w_k = 1 / (n · p_{n−1}(u_k)²),     Σ_k w_k = 1
 *   p_0 = 1,  p_1 = u,  p_{j+1} = (u p_j − √j p_{j−1}) / √(j+1)      (p_j = He_j / √(j!), orthonormal under N(0,1))
 *   p_n' = √n p_{n−1}
 * </pre>
 *
 * exact for polynomials of degree up to 2n − 1. The nodes are found by Newton's method on the
 * recurrence (value and derivative of p_n), started from the sign changes of p_n on a grid finer
 * than the smallest node spacing and kept inside that bracket, so each root is found exactly once;
 * they are symmetric, u_{n−1−k} = −u_k, and 0 is a node for odd n. The weight formula is the
 * Christoffel number of the orthonormal family (Golub and Welsch 1969 compute the same rule as the
 * eigenvalues of the Jacobi matrix; this is the short way without a linear-algebra library).
 *
 * <p>{@link #productNodes(int)} and {@link #productWeights(int)} give the tensor-product rule for
 * {@code E_{u ~ N(0, I_d)}}: n^d points, exact for polynomials of degree up to 2n − 1 in each
 * coordinate.
 */
final class GaussHermite {

  /**
   * Largest supported n: beyond it the weights of the outer nodes underflow and the scan gets long.
   */
  static final int MAX_NODES = 100;

  /**
   * Grid step of the sign-change scan, well below the smallest spacing of the nodes (≈ π √2 /
   * √(2n+1) ≥ 0.31).
   */
  private static final double SCAN_STEP = 0.01;

  private final double[] nodes;
  private final double[] weights;

  private GaussHermite(double[] nodes, double[] weights) {
    this.nodes = nodes;
    this.weights = weights;
  }

  /**
   * The n-point rule.
   *
   * @throws IllegalArgumentException unless {@code 1 ≤ n ≤ }{@value #MAX_NODES}
   */
  static GaussHermite of(int n) {
    if (n < 1 || n > MAX_NODES) {
      throw new IllegalArgumentException("nodes must be in [1, " + MAX_NODES + "], found " + n);
    }
    double[] u = new double[n];
    double[] w = new double[n];
    // The largest root of He_n is below √(4n + 2) (twice the physicists' bound √(2n + 1), scaled by
    // √2).
    double limit = Math.sqrt(4.0 * n + 2) + SCAN_STEP;
    int half = n / 2; // positive roots; the middle one is 0 for odd n
    int found = 0;
    double left = n % 2 == 1 ? SCAN_STEP : 0; // skip the root at 0 for odd n
    double valueLeft = orthonormal(n, left)[0];
    while (left < limit && found < half) {
      double right = left + SCAN_STEP;
      double valueRight = orthonormal(n, right)[0];
      if (valueLeft != 0
          && valueLeft * valueRight <= 0) { // a grid point on a root counts once, on its left
        double root = newton(n, left, right);
        u[n - half + found] = root; // ascending positive roots fill the upper half
        found++;
      }
      left = right;
      valueLeft = valueRight;
    }
    if (found != half) {
      throw new IllegalStateException(
          "found " + found + " positive roots of He_" + n + ", expected " + half);
    }
    for (int k = 0; k < half; k++) {
      u[half - 1 - k] = -u[n - half + k];
    }
    for (int k = 0; k < n; k++) {
      double pPrevious = orthonormal(n, u[k])[1];
      w[k] = 1.0 / (n * pPrevious * pPrevious);
    }
    return new GaussHermite(u, w);
  }

  /** {@code [p_n(u), p_{n−1}(u)]} by the three-term recurrence. */
  private static double[] orthonormal(int n, double u) {
    double previous = 0; // p_{−1}
    double current = 1; // p_0
    for (int j = 0; j < n; j++) {
      double next = (u * current - Math.sqrt(j) * previous) / Math.sqrt(j + 1);
      previous = current;
      current = next;
    }
    return new double[] {current, previous};
  }

  /**
   * Newton's method on p_n inside the bracket [a, b] (p_n changes sign there); bisection when a
   * step leaves it.
   */
  private static double newton(int n, double a, double b) {
    double fa = orthonormal(n, a)[0];
    double x = 0.5 * (a + b);
    for (int iteration = 0; iteration < 100; iteration++) {
      double[] p = orthonormal(n, x);
      double value = p[0];
      if (value == 0) {
        return x;
      }
      // Shrink the bracket around the root, so a wild Newton step can fall back to bisection.
      if (Math.signum(value) == Math.signum(fa)) {
        a = x;
        fa = value;
      } else {
        b = x;
      }
      double derivative = Math.sqrt(n) * p[1];
      double step = value / derivative;
      double next = x - step;
      if (!(next > a && next < b)) {
        next = 0.5 * (a + b);
      }
      if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) {
        return next;
      }
      x = next;
    }
    return x;
  }

  int size() {
    return nodes.length;
  }

  /** The nodes u_k, ascending (a copy). */
  double[] nodes() {
    return nodes.clone();
  }

  /** The weights w_k, summing to 1 (a copy). */
  double[] weights() {
    return weights.clone();
  }

  /** {@code Σ_k w_k g(u_k)}, the rule's value for {@code E_{u ~ N(0,1)}[g(u)]}. */
  double expectation(DoubleUnaryOperator g) {
    double sum = 0;
    for (int k = 0; k < nodes.length; k++) {
      sum += weights[k] * g.applyAsDouble(nodes[k]);
    }
    return sum;
  }

  /**
   * The tensor-product nodes for {@code N(0, I_d)}, row-major {@code [n^d, d]} flattened: point i
   * has coordinate {@code a} equal to {@code u_{k_a}} where {@code i = Σ_a k_a n^{d−1−a}} (the last
   * coordinate varies fastest).
   *
   * @throws IllegalArgumentException unless {@code d ≥ 1} and {@code n^d} fits in an array
   */
  float[] productNodes(int d) {
    int points = points(d);
    int n = nodes.length;
    float[] out = new float[points * d];
    for (int i = 0; i < points; i++) {
      int rest = i;
      for (int a = d - 1; a >= 0; a--) {
        out[i * d + a] = (float) nodes[rest % n];
        rest /= n;
      }
    }
    return out;
  }

  /**
   * The tensor-product weights {@code Π_a w_{k_a}}, in the order of {@link #productNodes(int)};
   * they sum to 1.
   */
  double[] productWeights(int d) {
    int points = points(d);
    int n = nodes.length;
    double[] out = new double[points];
    for (int i = 0; i < points; i++) {
      int rest = i;
      double w = 1;
      for (int a = d - 1; a >= 0; a--) {
        w *= weights[rest % n];
        rest /= n;
      }
      out[i] = w;
    }
    return out;
  }

  private int points(int d) {
    if (d < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, found " + d);
    }
    double points = Math.pow(nodes.length, d);
    if (points * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a " + nodes.length + "^" + d + " grid has too many points: " + points);
    }
    return (int) points;
  }
}
