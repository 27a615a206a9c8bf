package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {

  @Test
  void leadingComponentsRecoverAPlaneEmbeddedInFiveDimensions() {
    // Points s*u + t*v (+ tiny noise) with var(s) = 9, var(t) = 1 and orthonormal u, v in R^5.
    double[] u = normalize(new double[] {1, 2, 0, -1, 0.5});
    double[] v = orthogonalize(new double[] {0, 1, 1, 1, 0}, u);
    SplittableRandom r = new SplittableRandom(4);
    int n = 2000;
    double[][] points = new double[n][5];
    double[] s = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = 3 * r.nextGaussian();
      t[i] = r.nextGaussian();
      for (int j = 0; j < 5; j++) {
        points[i][j] = 10 + s[i] * u[j] + t[i] * v[j] + 1e-3 * r.nextGaussian();
      }
    }
    double[][] p = Pca.project2(points);
    // Components are defined up to sign: compare absolute correlations.
    assertThat(Math.abs(correlation(p, 0, s))).isCloseTo(1.0, within(1e-4));
    assertThat(Math.abs(correlation(p, 1, t))).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void eigenvectorsOfADiagonalMatrixAreSortedByEigenvalue() {
    double[][] m = {{1, 0, 0}, {0, 5, 0}, {0, 0, 3}};
    double[][] e = Pca.leadingEigenvectors(m, 2);
    assertThat(Math.abs(e[0][1])).isCloseTo(1.0, within(1e-12));
    assertThat(Math.abs(e[1][2])).isCloseTo(1.0, within(1e-12));
  }

  private static double correlation(double[][] p, int c, double[] y) {
    int n = y.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += p[i][c] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (p[i][c] - mx) * (y[i] - my);
      sxx += (p[i][c] - mx) * (p[i][c] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  private static double[] normalize(double[] a) {
    double norm = 0;
    for (double x : a) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] / norm;
    }
    return out;
  }

  private static double[] orthogonalize(double[] a, double[] u) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * u[i];
    }
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - d * u[i];
    }
    return normalize(out);
  }
}
