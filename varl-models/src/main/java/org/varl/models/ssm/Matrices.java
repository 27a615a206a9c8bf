package org.varl.models.ssm;

/**
 * Small dense double matrices ({@code double[rows][cols]}) for the exact linear-Gaussian model:
 * products, transposes, the Cholesky factor and what it gives (solves, log-determinants). Sizes
 * here are the latent and observation dimensions (a few to a few dozen), so plain loops are the
 * right tool.
 */
final class Matrices {

  private Matrices() {}

  static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int k = b.length;
    int m = b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < k; l++) {
        double v = a[i][l];
        for (int j = 0; j < m; j++) {
          c[i][j] += v * b[l][j];
        }
      }
    }
    return c;
  }

  static double[] multiply(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double s = 0;
      for (int j = 0; j < x.length; j++) {
        s += a[i][j] * x[j];
      }
      y[i] = s;
    }
    return y;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  static double[][] add(double[][] a, double[][] b) {
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] = a[i][j] + b[i][j];
      }
    }
    return c;
  }

  static double[][] subtract(double[][] a, double[][] b) {
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] = a[i][j] - b[i][j];
      }
    }
    return c;
  }

  static double[] add(double[] a, double[] b) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i] + b[i];
    }
    return c;
  }

  static double[] subtract(double[] a, double[] b) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i] - b[i];
    }
    return c;
  }

  /** {@code (a + aᵀ) / 2}: removes the rounding asymmetry of products such as {@code A P Aᵀ}. */
  static double[][] symmetrize(double[][] a) {
    double[][] s = new double[a.length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        s[i][j] = 0.5 * (a[i][j] + a[j][i]);
      }
    }
    return s;
  }

  static double[][] identity(int n) {
    double[][] e = new double[n][n];
    for (int i = 0; i < n; i++) {
      e[i][i] = 1;
    }
    return e;
  }

  static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /**
   * The lower Cholesky factor L of a symmetric positive definite S = L Lᵀ, or null if a pivot is
   * not > 0 (S is not positive definite); {@link #firstBadPivot} says which.
   */
  static double[][] cholesky(double[][] s) {
    int n = s.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = s[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d > 0) || !Double.isFinite(d)) {
        return null;
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double v = s[i][j];
        for (int k = 0; k < j; k++) {
          v -= l[i][k] * l[j][k];
        }
        l[i][j] = v / l[j][j];
      }
    }
    return l;
  }

  /**
   * The first index j whose Cholesky pivot {@code S_jj − Σ_k L_jk²} is not > 0, and that pivot, as
   * {@code [j, pivot]}; null for a positive definite S.
   */
  static double[] firstBadPivot(double[][] s) {
    int n = s.length;
    double[][] l = new double[n][n];
    for (int j = 0; j < n; j++) {
      double d = s[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d > 0) || !Double.isFinite(d)) {
        return new double[] {j, d};
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double v = s[i][j];
        for (int k = 0; k < j; k++) {
          v -= l[i][k] * l[j][k];
        }
        l[i][j] = v / l[j][j];
      }
    }
    return null;
  }

  /** {@code x = S⁻¹ b} from the Cholesky factor L of S. */
  static double[] solve(double[][] l, double[] b) {
    int n = l.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double v = b[i];
      for (int k = 0; k < i; k++) {
        v -= l[i][k] * y[k];
      }
      y[i] = v / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double v = y[i];
      for (int k = i + 1; k < n; k++) {
        v -= l[k][i] * x[k];
      }
      x[i] = v / l[i][i];
    }
    return x;
  }

  /** {@code S⁻¹ B} column by column from the Cholesky factor L of S. */
  static double[][] solve(double[][] l, double[][] b) {
    double[][] bt = transpose(b);
    double[][] xt = new double[bt.length][];
    for (int j = 0; j < bt.length; j++) {
      xt[j] = solve(l, bt[j]);
    }
    return transpose(xt);
  }

  /** {@code log det S = 2 Σ log L_ii}. */
  static double logDet(double[][] l) {
    double s = 0;
    for (int i = 0; i < l.length; i++) {
      s += Math.log(l[i][i]);
    }
    return 2 * s;
  }

  /**
   * {@code log N(x; m, S) = −½ (x − m)ᵀ S⁻¹ (x − m) − ½ log det S − (n/2) log 2π} from the Cholesky
   * factor L of S.
   */
  static double logNormal(double[] x, double[] m, double[][] l) {
    double[] r = subtract(x, m);
    double[] w = solve(l, r);
    double q = 0;
    for (int i = 0; i < r.length; i++) {
      q += r[i] * w[i];
    }
    return -0.5 * q - 0.5 * logDet(l) - 0.5 * r.length * Math.log(2 * Math.PI);
  }
}
