package org.varl.models.vae;

/**
 * Principal component analysis to two dimensions, for plotting latent means when the latent space has more than
 * two: the points are centred and projected on the two leading eigenvectors of their covariance
 * {@code C = (1/n) sum_i (x_i - xbar)(x_i - xbar)^T}, found by the cyclic Jacobi eigenvalue method (exact for the
 * small symmetric matrices of a latent space; Golub and Van Loan, Matrix Computations, 8.5).
 */
public final class Pca {

  private Pca() {}

  /** The 2-D projection of {@code points} ({@code [n][d]}, d >= 2); with d == 2 the centred points themselves. */
  public static double[][] project2(double[][] points) {
    int n = points.length;
    if (n == 0) {
      return new double[0][2];
    }
    int d = points[0].length;
    if (d < 2) {
      throw new IllegalArgumentException("PCA to 2-D needs at least 2 dimensions, found " + d);
    }
    double[] mean = new double[d];
    for (double[] p : points) {
      for (int j = 0; j < d; j++) {
        mean[j] += p[j] / n;
      }
    }
    double[][] basis = d == 2 ? new double[][] {{1, 0}, {0, 1}} : leadingEigenvectors(covariance(points, mean), 2);
    double[][] out = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 2; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (points[i][j] - mean[j]) * basis[c][j];
        }
        out[i][c] = s;
      }
    }
    return out;
  }

  static double[][] covariance(double[][] points, double[] mean) {
    int d = mean.length;
    double[][] c = new double[d][d];
    for (double[] p : points) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b <= a; b++) {
          c[a][b] += (p[a] - mean[a]) * (p[b] - mean[b]) / points.length;
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a + 1; b < d; b++) {
        c[a][b] = c[b][a];
      }
    }
    return c;
  }

  /** The {@code k} eigenvectors of symmetric {@code m} with the largest eigenvalues, as rows. */
  static double[][] leadingEigenvectors(double[][] m, int k) {
    int d = m.length;
    double[][] a = new double[d][];
    for (int i = 0; i < d; i++) {
      a[i] = m[i].clone();
    }
    double[][] v = new double[d][d];
    for (int i = 0; i < d; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off < 1e-30) {
        break;
      }
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          if (Math.abs(a[p][q]) < 1e-300) {
            continue;
          }
          // Rotation that zeroes a[p][q]: tan(2 theta) = 2 a_pq / (a_qq - a_pp).
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int r = 0; r < d; r++) {
            double arp = a[r][p];
            double arq = a[r][q];
            a[r][p] = c * arp - s * arq;
            a[r][q] = s * arp + c * arq;
          }
          for (int r = 0; r < d; r++) {
            double apr = a[p][r];
            double aqr = a[q][r];
            a[p][r] = c * apr - s * aqr;
            a[q][r] = s * apr + c * aqr;
          }
          for (int r = 0; r < d; r++) {
            double vrp = v[r][p];
            double vrq = v[r][q];
            v[r][p] = c * vrp - s * vrq;
            v[r][q] = s * vrp + c * vrq;
          }
        }
      }
    }
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
    double[][] out = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < d; r++) {
        out[c][r] = v[r][order[c]];
      }
    }
    return out;
  }
}
