package org.varl.models.flow;

import ai.djl.ndarray.NDArray;

/**
 * {@code v(x, t) = A x}: its flow is {@code x_t = exp(tA) x_0} and {@code ∇·v = tr A}, so that
 * {@code log p_1(x) = log N(exp(−A) x; 0, I) − tr A} when x_0 ~ N(0, I). The matrix exponential is
 * a 40-term Taylor series, exact to rounding for ‖A‖ ≤ 1.
 */
final class LinearField implements VelocityField {

  final double[][] a;

  LinearField(double[][] a) {
    this.a = a;
  }

  @Override
  public int dimension() {
    return a.length;
  }

  private NDArray apply(NDArray x) {
    NDArray at = x.getManager().create(a).transpose().toType(x.getDataType(), false);
    return x.matMul(at);
  }

  @Override
  public NDArray velocity(NDArray x, double t) {
    return apply(x);
  }

  @Override
  public Jvp jvp(NDArray x, double t, NDArray u) {
    return new Jvp(apply(x), apply(u));
  }

  double trace() {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i][i];
    }
    return s;
  }

  /** {@code exp(tA)}. */
  double[][] exp(double t) {
    int d = a.length;
    double[][] sum = identity(d);
    double[][] term = identity(d);
    for (int k = 1; k <= 40; k++) {
      double[][] next = new double[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          for (int l = 0; l < d; l++) {
            next[i][j] += term[i][l] * a[l][j] * t / k;
          }
        }
      }
      term = next;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          sum[i][j] += term[i][j];
        }
      }
    }
    return sum;
  }

  static double[][] identity(int d) {
    double[][] e = new double[d][d];
    for (int i = 0; i < d; i++) {
      e[i][i] = 1;
    }
    return e;
  }

  /** Rows of {@code points} mapped by {@code m}: {@code y_r = m x_r}. */
  static double[][] map(double[][] m, double[][] points) {
    double[][] y = new double[points.length][m.length];
    for (int r = 0; r < points.length; r++) {
      for (int i = 0; i < m.length; i++) {
        for (int j = 0; j < m.length; j++) {
          y[r][i] += m[i][j] * points[r][j];
        }
      }
    }
    return y;
  }
}
