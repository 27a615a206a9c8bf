package org.varl.models.ssm;

import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * The linear-Gaussian state-space model with actions, the exact reference of the sequential latent
 * models:
 *
 * <pre>
 *   z_1 ~ N(μ_0, P_0),   z_{t+1} = A z_t + B a_t + w_t,  w_t ~ N(0, Q),
 *   x_t = C z_t + v_t,   v_t ~ N(0, R)
 * </pre>
 *
 * with {@code A: [dz, dz]}, {@code B: [dz, da]}, {@code C: [dx, dz]}, {@code Q, P_0: [dz, dz]},
 * {@code R: [dx, dx]} (symmetric positive definite), {@code μ_0: [dz]}. Immutable; the arrays are
 * copied in and out. Its log p(x_{1:T} | a_{1:T}) is exact by the Kalman filter ({@link Kalman}).
 */
public final class LinearGaussianSsm {

  private final double[][] a;
  private final double[][] b;
  private final double[][] c;
  private final double[][] q;
  private final double[][] r;
  private final double[] mu0;
  private final double[][] p0;

  /**
   * @throws IllegalArgumentException if a matrix does not fit the dimensions (the message names the
   *     matrix, the expected and the found shape), holds a non-finite entry (named with its index),
   *     or a covariance is not symmetric or not positive definite (named with the index of the
   *     first failing Cholesky pivot)
   */
  public LinearGaussianSsm(
      double[][] a,
      double[][] b,
      double[][] c,
      double[][] q,
      double[][] r,
      double[] mu0,
      double[][] p0) {
    if (a == null || a.length < 1) {
      throw new IllegalArgumentException("A must be a non-empty square matrix");
    }
    int dz = a.length;
    requireShape("A", a, dz, dz, "dimZ x dimZ");
    if (c == null || c.length < 1) {
      throw new IllegalArgumentException("C must be a non-empty dimX x dimZ matrix");
    }
    int dx = c.length;
    requireShape("C", c, dx, dz, "dimX x dimZ");
    if (b == null || b.length != dz) {
      throw new IllegalArgumentException(
          "B must have " + dz + " rows (dimZ), found " + (b == null ? 0 : b.length));
    }
    int da = b[0] == null ? 0 : b[0].length;
    requireShape("B", b, dz, da, "dimZ x dimA");
    requireShape("Q", q, dz, dz, "dimZ x dimZ");
    requireShape("R", r, dx, dx, "dimX x dimX");
    requireShape("P0", p0, dz, dz, "dimZ x dimZ");
    if (mu0 == null || mu0.length != dz) {
      throw new IllegalArgumentException(
          "mu0 must have " + dz + " entries (dimZ), found " + (mu0 == null ? 0 : mu0.length));
    }
    for (int i = 0; i < dz; i++) {
      if (!Double.isFinite(mu0[i])) {
        throw new IllegalArgumentException("mu0[" + i + "] must be finite, found " + mu0[i]);
      }
    }
    requireCovariance("Q", q);
    requireCovariance("R", r);
    requireCovariance("P0", p0);
    this.a = Matrices.copy(a);
    this.b = Matrices.copy(b);
    this.c = Matrices.copy(c);
    this.q = Matrices.copy(q);
    this.r = Matrices.copy(r);
    this.mu0 = mu0.clone();
    this.p0 = Matrices.copy(p0);
  }

  private static void requireShape(String name, double[][] m, int rows, int cols, String what) {
    if (m == null || m.length != rows) {
      throw new IllegalArgumentException(
          name
              + " must be "
              + rows
              + " x "
              + cols
              + " ("
              + what
              + "), found "
              + (m == null ? 0 : m.length)
              + " rows");
    }
    for (int i = 0; i < rows; i++) {
      if (m[i] == null || m[i].length != cols) {
        throw new IllegalArgumentException(
            name
                + " must be "
                + rows
                + " x "
                + cols
                + " ("
                + what
                + "), found "
                + (m[i] == null ? 0 : m[i].length)
                + " entries in row "
                + i);
      }
      for (int j = 0; j < cols; j++) {
        if (!Double.isFinite(m[i][j])) {
          throw new IllegalArgumentException(
              name + "[" + i + "][" + j + "] must be finite, found " + m[i][j]);
        }
      }
    }
  }

  /**
   * A symmetric positive definite covariance, else an error naming the matrix and the index:
   * asymmetric entries beyond 1e-9 relative, or the first Cholesky pivot that is not > 0.
   */
  static void requireCovariance(String name, double[][] s) {
    int n = s.length;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double tol = 1e-9 * Math.max(1, Math.max(Math.abs(s[i][j]), Math.abs(s[j][i])));
        if (Math.abs(s[i][j] - s[j][i]) > tol) {
          throw new IllegalArgumentException(
              name
                  + " must be symmetric, found "
                  + name
                  + "["
                  + i
                  + "]["
                  + j
                  + "] = "
                  + s[i][j]
                  + " and "
                  + name
                  + "["
                  + j
                  + "]["
                  + i
                  + "] = "
                  + s[j][i]);
        }
      }
    }
    double[] bad = Matrices.firstBadPivot(s);
    if (bad != null) {
      int j = (int) bad[0];
      throw new IllegalArgumentException(
          name
              + " is not positive definite: the Cholesky pivot at index "
              + j
              + " is "
              + bad[1]
              + " (diagonal entry "
              + name
              + "["
              + j
              + "]["
              + j
              + "] = "
              + s[j][j]
              + ")");
    }
  }

  /**
   * A random stable instance: A a random orthogonal matrix scaled by 0.9 (every eigenvalue has
   * modulus 0.9, so the state neither dies out at once nor explodes), B and C with N(0, 1) entries
   * (B scaled by 0.5), Q = 0.1 I, R = 0.5 I (observations noisier than the dynamics, so the future
   * tells about the present: the smoothing posterior is tighter than the filtering one), μ_0 = 0,
   * P_0 = I. A pure function of the seed (stream {@link Streams#PARAMETERS}).
   */
  public static LinearGaussianSsm random(int dimZ, int dimX, int dimA, long seed) {
    if (dimZ < 1 || dimX < 1 || dimA < 0) {
      throw new IllegalArgumentException(
          "dimensions must be dimZ >= 1, dimX >= 1, dimA >= 0, found "
              + dimZ
              + ", "
              + dimX
              + ", "
              + dimA);
    }
    SplittableRandom g = NoiseStream.generator(seed, Streams.PARAMETERS);
    double[][] m = new double[dimZ][dimZ];
    for (double[] row : m) {
      for (int j = 0; j < dimZ; j++) {
        row[j] = g.nextGaussian();
      }
    }
    double[][] a = orthonormalRows(m);
    for (double[] row : a) {
      for (int j = 0; j < dimZ; j++) {
        row[j] *= 0.9;
      }
    }
    double[][] b = new double[dimZ][dimA];
    for (double[] row : b) {
      for (int j = 0; j < dimA; j++) {
        row[j] = 0.5 * g.nextGaussian();
      }
    }
    double[][] c = new double[dimX][dimZ];
    for (double[] row : c) {
      for (int j = 0; j < dimZ; j++) {
        row[j] = g.nextGaussian();
      }
    }
    double[][] q = Matrices.identity(dimZ);
    scale(q, 0.1);
    double[][] r = Matrices.identity(dimX);
    scale(r, 0.5);
    return new LinearGaussianSsm(a, b, c, q, r, new double[dimZ], Matrices.identity(dimZ));
  }

  private static void scale(double[][] m, double f) {
    for (double[] row : m) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= f;
      }
    }
  }

  /** Gram–Schmidt on the rows (a Gaussian matrix's rows are independent almost surely). */
  private static double[][] orthonormalRows(double[][] m) {
    int n = m.length;
    double[][] o = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] v = m[i].clone();
      for (int k = 0; k < i; k++) {
        double d = 0;
        for (int j = 0; j < n; j++) {
          d += v[j] * o[k][j];
        }
        for (int j = 0; j < n; j++) {
          v[j] -= d * o[k][j];
        }
      }
      double norm = 0;
      for (double x : v) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < n; j++) {
        v[j] /= norm;
      }
      o[i] = v;
    }
    return o;
  }

  /**
   * {@code sequences} sequences of {@code length} steps with actions {@code a_t ~ U[−1, 1]^dA}
   * drawn at random and recorded. Sequence s is a pure function of (seed, s): stream {@link
   * Streams#DATA}, coordinate s.
   */
  public SequenceData sample(int sequences, int length, long seed) {
    if (sequences < 1 || length < 1) {
      throw new IllegalArgumentException(
          "sequences and length must be >= 1, found " + sequences + " and " + length);
    }
    int dz = dimZ();
    int dx = dimX();
    int da = dimA();
    double[][] lq = Matrices.cholesky(q);
    double[][] lr = Matrices.cholesky(r);
    double[][] lp = Matrices.cholesky(p0);
    double[] xs = new double[Math.multiplyExact(Math.multiplyExact(sequences, length), dx)];
    double[] as = new double[sequences * length * da];
    for (int s = 0; s < sequences; s++) {
      SplittableRandom g = NoiseStream.generator(seed, Streams.DATA, s);
      double[] z = Matrices.add(mu0, correlated(lp, g));
      for (int t = 0; t < length; t++) {
        double[] x = Matrices.add(Matrices.multiply(c, z), correlated(lr, g));
        System.arraycopy(x, 0, xs, (s * length + t) * dx, dx);
        double[] act = new double[da];
        for (int k = 0; k < da; k++) {
          act[k] = 2 * g.nextDouble() - 1;
        }
        System.arraycopy(act, 0, as, (s * length + t) * da, da);
        z =
            Matrices.add(
                Matrices.add(Matrices.multiply(a, z), Matrices.multiply(b, act)),
                correlated(lq, g));
      }
    }
    return new SequenceData(sequences, length, dx, da, xs, as);
  }

  /** {@code L ε}, ε ~ N(0, I). */
  private static double[] correlated(double[][] l, SplittableRandom g) {
    double[] e = new double[l.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = g.nextGaussian();
    }
    return Matrices.multiply(l, e);
  }

  public int dimZ() {
    return a.length;
  }

  public int dimX() {
    return c.length;
  }

  public int dimA() {
    return b[0].length;
  }

  public double[][] a() {
    return Matrices.copy(a);
  }

  public double[][] b() {
    return Matrices.copy(b);
  }

  public double[][] c() {
    return Matrices.copy(c);
  }

  public double[][] q() {
    return Matrices.copy(q);
  }

  public double[][] r() {
    return Matrices.copy(r);
  }

  public double[] mu0() {
    return mu0.clone();
  }

  public double[][] p0() {
    return Matrices.copy(p0);
  }
}
