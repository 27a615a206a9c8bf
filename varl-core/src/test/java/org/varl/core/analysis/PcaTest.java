package org.varl.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {

  @Test
  void closedFormOfFourPoints() {
    // Deviations (±2, 0) and (0, ±1) around (3, -1): C = diag(8/4, 2/4) exactly, trace 2.5.
    double[][] points = {{5, -1}, {1, -1}, {3, 0}, {3, -2}};
    Pca pca = Pca.fit(points);
    assertThat(pca.mean()).containsExactly(new double[] {3, -1}, within(1e-15));
    assertThat(pca.variances()).containsExactly(new double[] {2, 0.5}, within(1e-14));
    assertThat(pca.totalVariance()).isCloseTo(2.5, within(1e-14));
    assertThat(pca.explainedVarianceRatios())
        .containsExactly(new double[] {0.8, 0.2}, within(1e-14));
    // Largest-|entry|-positive convention: +e1, +e2, not -e1 or -e2.
    assertThat(pca.axis(0)).containsExactly(new double[] {1, 0}, within(1e-14));
    assertThat(pca.axis(1)).containsExactly(new double[] {0, 1}, within(1e-14));
    assertThat(pca.project(points, 2))
        .isDeepEqualTo(new double[][] {{2, 0}, {-2, 0}, {0, 1}, {0, -1}});
  }

  @Test
  void axesAreSortedByVariance() {
    // ±sqrt(3 v_j) e_j for v = (1, 5, 3): covariance exactly diag(1, 5, 3).
    double[][] points = new double[6][3];
    double[] v = {1, 5, 3};
    for (int j = 0; j < 3; j++) {
      points[2 * j][j] = Math.sqrt(3 * v[j]);
      points[2 * j + 1][j] = -Math.sqrt(3 * v[j]);
    }
    Pca pca = Pca.fit(points);
    assertThat(pca.variances()).containsExactly(new double[] {5, 3, 1}, within(1e-13));
    assertThat(pca.axis(0)).containsExactly(new double[] {0, 1, 0}, within(1e-12));
    assertThat(pca.axis(1)).containsExactly(new double[] {0, 0, 1}, within(1e-12));
    assertThat(pca.axis(2)).containsExactly(new double[] {1, 0, 0}, within(1e-12));
  }

  @Test
  void gaussianDataWithAKnownCovarianceGiveItsEigenvectorsAndVarianceRatios() {
    // x = mu + Q diag(sqrt(lambda)) z, z ~ N(0, I): Cov x = Q diag(lambda) Q^T with orthonormal
    // columns q_c.
    double[] lambda = {9, 4, 1, 0.25};
    double[][] q =
        orthonormalColumns(
            new double[][] {{1, 2, 0, -1}, {0, 1, 1, 1}, {1, 0, 1, 0}, {0, 0, 1, 2}});
    double[] mu = {10, -5, 0, 2};
    int n = 20_000;
    SplittableRandom r = new SplittableRandom(11);
    double[][] x = new double[n][4];
    for (int i = 0; i < n; i++) {
      double[] z = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      for (int j = 0; j < 4; j++) {
        x[i][j] = mu[j];
        for (int c = 0; c < 4; c++) {
          x[i][j] += q[j][c] * Math.sqrt(lambda[c]) * z[c];
        }
      }
    }
    Pca pca = Pca.fit(x);
    // Sampling error of axis c towards axis c' is ~sqrt(lambda_c lambda_c' / (n (lambda_c -
    // lambda_c')^2)) radians,
    // at most 0.0085 here (c = 0, c' = 1); 5 of those is 0.043 rad, 1 - cos = 9e-4: allow |a_c .
    // q_c| >= 1 - 1e-3.
    for (int c = 0; c < 4; c++) {
      double dot = 0;
      for (int j = 0; j < 4; j++) {
        dot += pca.axis(c)[j] * q[j][c];
      }
      assertThat(Math.abs(dot))
          .as("axis %d against the true eigenvector", c)
          .isGreaterThan(1 - 1e-3);
    }
    // An eigenvalue estimate has relative standard error ~sqrt(2/n) = 1%: allow 5%.
    double total = 9 + 4 + 1 + 0.25;
    double[] ratios = pca.explainedVarianceRatios();
    for (int c = 0; c < 4; c++) {
      assertThat(ratios[c])
          .as("variance ratio %d", c)
          .isCloseTo(lambda[c] / total, withinPercentage(5));
      assertThat(pca.variances()[c]).as("variance %d", c).isCloseTo(lambda[c], withinPercentage(5));
    }
    assertThat(ratios[0] + ratios[1] + ratios[2] + ratios[3]).isCloseTo(1.0, within(1e-12));
    assertThat(pca.mean()).containsExactly(mu, within(0.1)); // SE <= 3/sqrt(n) = 0.02
  }

  @Test
  void rankTwoDataHaveNoVarianceBeyondTwoComponentsAndAreReconstructedFromThem() {
    double[] u = normalize(new double[] {1, 2, 0, -1, 0.5});
    double[] v = orthogonalize(new double[] {0, 1, 1, 1, 0}, u);
    SplittableRandom r = new SplittableRandom(5);
    double[][] points = new double[500][5];
    for (double[] p : points) {
      double s = 3 * r.nextGaussian();
      double t = r.nextGaussian();
      for (int j = 0; j < 5; j++) {
        p[j] = 10 + s * u[j] + t * v[j];
      }
    }
    Pca pca = Pca.fit(points);
    double[] variances = pca.variances();
    for (int c = 2; c < 5; c++) {
      assertThat(variances[c]).as("variance %d", c).isLessThan(1e-24 * variances[0] + 1e-24);
    }
    double[] ratios = pca.explainedVarianceRatios();
    assertThat(ratios[0] + ratios[1]).isCloseTo(1.0, within(1e-12));
    double[][] back = pca.reconstruct(pca.project(points, 2));
    for (int i = 0; i < points.length; i++) {
      assertThat(back[i]).as("point %d", i).containsExactly(points[i], within(1e-11));
    }
    // One component is not enough: its residual variance is the second variance (~1).
    double[][] one = pca.reconstruct(pca.project(points, 1));
    double residual = 0;
    for (int i = 0; i < points.length; i++) {
      for (int j = 0; j < 5; j++) {
        residual += (points[i][j] - one[i][j]) * (points[i][j] - one[i][j]) / points.length;
      }
    }
    assertThat(residual).isCloseTo(variances[1], within(1e-10));
  }

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
    double[][] p = Pca.fit(points).project(points, 2);
    // Components are defined up to sign: compare absolute correlations.
    assertThat(Math.abs(correlation(p, 0, s))).isCloseTo(1.0, within(1e-4));
    assertThat(Math.abs(correlation(p, 1, t))).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void theSignConventionMakesTheAxesAFunctionOfTheCovarianceAlone() {
    SplittableRandom r = new SplittableRandom(6);
    double[][] x = new double[300][4];
    double[][] mirrored = new double[300][4];
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = (j + 1) * r.nextGaussian() + 0.3 * (j > 0 ? x[i][j - 1] : 0);
        mirrored[i][j] = -x[i][j]; // same covariance, every deviation negated
      }
    }
    Pca pca = Pca.fit(x);
    Pca other = Pca.fit(mirrored);
    for (int c = 0; c < 4; c++) {
      double[] a = pca.axis(c);
      int largest = 0;
      for (int j = 0; j < 4; j++) {
        largest = Math.abs(a[j]) > Math.abs(a[largest]) ? j : largest;
      }
      assertThat(a[largest]).as("axis %d: largest-magnitude entry", c).isPositive();
      assertThat(other.axis(c))
          .as("axis %d of the mirrored data", c)
          .containsExactly(a, within(1e-12));
    }
    assertThat(Pca.fit(x)).isEqualTo(pca); // deterministic, value equality
  }

  @Test
  void fewerPointsThanDimensionsGiveAsManyAxesAsPoints() {
    double[][] x = {{1, 0, 0, 0, 2}, {0, 1, 0, 0, 0}, {0, 0, 3, 1, 0}};
    Pca pca = Pca.fit(x);
    assertThat(pca.components()).isEqualTo(3);
    assertThat(pca.dimension()).isEqualTo(5);
    assertThat(pca.variances()[2]).isLessThan(1e-14); // 3 centred points span a plane
    assertThat(pca.reconstruct(pca.project(x, 2)))
        .satisfies(
            back -> {
              for (int i = 0; i < 3; i++) {
                assertThat(back[i]).containsExactly(x[i], within(1e-12));
              }
            });
  }

  @Test
  void identicalPointsHaveZeroVarianceRatios() {
    Pca pca = Pca.fit(new double[][] {{1, 2}, {1, 2}, {1, 2}});
    assertThat(pca.explainedVarianceRatios()).containsExactly(0, 0);
    assertThat(pca.project(new double[][] {{1, 2}}, 1)[0][0]).isEqualTo(0.0);
  }

  @Test
  void theRecordIsImmutable() {
    Pca pca = Pca.fit(new double[][] {{5, -1}, {1, -1}, {3, 0}, {3, -2}});
    pca.axes()[0][0] = 99;
    pca.mean()[0] = 99;
    pca.variances()[0] = 99;
    assertThat(pca.axis(0)[0]).isCloseTo(1.0, within(1e-14));
    assertThat(pca.mean()[0]).isEqualTo(3.0);
    assertThat(pca.variances()[0]).isCloseTo(2.0, within(1e-14));
  }

  @Test
  void badInputsAreNamed() {
    assertThatThrownBy(() -> Pca.fit(new double[0][3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points needs at least 1 row, found 0");
    assertThatThrownBy(() -> Pca.fit(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points[1] has 1 columns, expected 2 (as points[0])");
    assertThatThrownBy(() -> Pca.fit(new double[][] {{1, 2}, {3, Double.NaN}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must be finite, found NaN at [1, 1]");
    Pca pca = Pca.fit(new double[][] {{1, 2}, {3, 5}, {0, 1}});
    assertThatThrownBy(() -> pca.project(new double[][] {{1, 2}}, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be in [1, 2] (the number of axes), found 3");
    assertThatThrownBy(() -> pca.project(new double[][] {{1, 2, 3}}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points have 3 columns, the PCA was fitted on d = 2");
    assertThatThrownBy(
            () ->
                new Pca(
                    new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}, new double[] {1, 2}, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("variances must be >= 0 and non-increasing, found 2.0 at index [1]");
  }

  /** Gram-Schmidt on the columns of {@code a} ({@code [d][d]}, full rank). */
  private static double[][] orthonormalColumns(double[][] a) {
    int d = a.length;
    double[][] cols = new double[d][d];
    for (int c = 0; c < d; c++) {
      double[] col = new double[d];
      for (int j = 0; j < d; j++) {
        col[j] = a[j][c];
      }
      for (int prev = 0; prev < c; prev++) {
        col = orthogonalize(col, cols[prev]);
      }
      cols[c] = normalize(col);
    }
    double[][] q = new double[d][d];
    for (int c = 0; c < d; c++) {
      for (int j = 0; j < d; j++) {
        q[j][c] = cols[c][j];
      }
    }
    return q;
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
