package org.varl.core.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Principal component analysis of points {@code x_1..x_n} in {@code R^d}: the mean {@code xbar},
 * the principal axes {@code a_1..a_r} (orthonormal, {@code r = min(n, d)}) and their variances
 * {@code lambda_1 >= .. >= lambda_r}, the eigen decomposition of the covariance
 *
 * <pre>
 *   C = (1/n) sum_i (x_i - xbar)(x_i - xbar)^T = sum_c lambda_c a_c a_c^T
 * </pre>
 *
 * (the maximum-likelihood {@code 1/n}, as {@code numpy.cov(bias=True)}). {@link #fit} computes it
 * from the thin SVD of the centred data {@code X_c = U S V^T} (EJML's implicit-QR SVD): {@code a_c}
 * is column c of {@code V} and {@code lambda_c = s_c^2 / n}, without forming {@code C}, whose
 * condition number is the square of {@code X_c}'s (Golub and Van Loan, Matrix Computations, 8.6).
 *
 * <p>Sign convention: an axis is defined up to sign, so each {@code a_c} is oriented to make its
 * entry of largest magnitude positive (the lowest such index on an exact tie). The same data thus
 * always give the same axes and the same plots, whatever the decomposition's internal choices.
 *
 * <p>Shapes: {@code mean: [d]}, {@code axes: [r][d]} (one axis per row, by decreasing variance),
 * {@code variances: [r]}; {@code totalVariance = trace C = sum_j Var(x_j)}, which is {@code sum_c
 * lambda_c}. An immutable value: the accessors return copies.
 */
public record Pca(double[] mean, double[][] axes, double[] variances, double totalVariance) {

  /** Validates the shapes and copies the arrays. */
  public Pca {
    int d = mean.length;
    int r = axes.length;
    if (d == 0 || r == 0 || r > d) {
      throw new IllegalArgumentException(
          "PCA needs d >= 1 and 1 <= r <= d axes, found d " + d + ", r " + r);
    }
    if (variances.length != r) {
      throw new IllegalArgumentException(
          "variances has " + variances.length + " entries, expected one per axis (" + r + ")");
    }
    for (int c = 0; c < r; c++) {
      if (axes[c].length != d) {
        throw new IllegalArgumentException(
            "axes[" + c + "] has " + axes[c].length + " entries, expected d = " + d);
      }
      if (!(variances[c] >= 0) || (c > 0 && variances[c] > variances[c - 1])) {
        throw new IllegalArgumentException(
            "variances must be >= 0 and non-increasing, found "
                + variances[c]
                + " at index ["
                + c
                + "]");
      }
    }
    if (!(totalVariance >= 0) || !Double.isFinite(totalVariance)) {
      throw new IllegalArgumentException(
          "totalVariance must be finite and >= 0, found " + totalVariance);
    }
    mean = mean.clone();
    axes = Matrices.deepCopy(axes);
    variances = variances.clone();
  }

  /** Fits the PCA of {@code points} ({@code [n][d]}, {@code n >= 1}, finite). */
  public static Pca fit(double[][] points) {
    int d = Matrices.requireRectangular("points", points, 1);
    if (d == 0) {
      throw new IllegalArgumentException("points must have at least 1 column, found 0");
    }
    int n = points.length;
    double[] mean = Matrices.columnMeans(points, d);
    DMatrixRMaj centred = Matrices.centred(points, mean);
    double total = 0;
    for (double v : centred.data) {
      total += v * v;
    }
    total /= n;

    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(n, d, false, true, true);
    if (!svd.decompose(centred)) {
      throw new ArithmeticException(
          "the SVD of the " + n + " x " + d + " centred points did not converge");
    }
    double[] s = svd.getSingularValues();
    DMatrixRMaj v = svd.getV(null, false); // [d][r], column c = right singular vector c
    int r = svd.numberOfSingularValues();
    // EJML does not sort the singular values; order by decreasing value, the lower index first on
    // ties.
    Integer[] order =
        IntStream.range(0, r)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer c) -> -s[c]))
            .toArray(Integer[]::new);
    double[][] axes = new double[r][d];
    double[] variances = new double[r];
    for (int c = 0; c < r; c++) {
      int k = order[c];
      variances[c] = s[k] * s[k] / n;
      int largest = 0;
      for (int j = 0; j < d; j++) {
        axes[c][j] = v.unsafe_get(j, k);
        if (Math.abs(axes[c][j]) > Math.abs(axes[c][largest])) {
          largest = j;
        }
      }
      if (axes[c][largest] < 0) {
        for (int j = 0; j < d; j++) {
          axes[c][j] = -axes[c][j];
        }
      }
    }
    return new Pca(mean, axes, variances, total);
  }

  /** The dimension d of the data. */
  public int dimension() {
    return mean.length;
  }

  /** The number r = min(n, d) of axes. */
  public int components() {
    return axes.length;
  }

  /** Axis {@code c} ({@code [d]}, unit length). */
  public double[] axis(int c) {
    if (c < 0 || c >= axes.length) {
      throw new IllegalArgumentException(
          "axis index must be in [0, " + axes.length + "), found " + c);
    }
    return axes[c].clone();
  }

  /**
   * The fraction of the total variance along each axis, {@code lambda_c / trace C} ({@code [r]};
   * they sum to 1 up to rounding, since the centred data have rank at most r); all 0 when every
   * point is the same.
   */
  public double[] explainedVarianceRatios() {
    double[] ratio = new double[variances.length];
    for (int c = 0; c < ratio.length; c++) {
      ratio[c] = totalVariance == 0 ? 0 : variances[c] / totalVariance;
    }
    return ratio;
  }

  /**
   * The scores {@code s_ic = (x_i - xbar) . a_c} of {@code points} ({@code [m][d]}) on the first k
   * axes: [m][k].
   */
  public double[][] project(double[][] points, int k) {
    requireComponents(k);
    int d = Matrices.requireRectangular("points", points, 0);
    if (points.length > 0 && d != mean.length) {
      throw new IllegalArgumentException(
          "points have " + d + " columns, the PCA was fitted on d = " + mean.length);
    }
    double[][] out = new double[points.length][k];
    for (int i = 0; i < points.length; i++) {
      for (int c = 0; c < k; c++) {
        double sum = 0;
        for (int j = 0; j < mean.length; j++) {
          sum += (points[i][j] - mean[j]) * axes[c][j];
        }
        out[i][c] = sum;
      }
    }
    return out;
  }

  /**
   * Points from their scores on the first k axes ({@code [m][k]}, k = the scores' width): {@code
   * xhat_i = xbar + sum_c s_ic a_c}, the best rank-k approximation of the data in squared error.
   */
  public double[][] reconstruct(double[][] scores) {
    int k = Matrices.requireRectangular("scores", scores, 0);
    if (scores.length > 0) {
      requireComponents(k);
    }
    double[][] out = new double[scores.length][];
    for (int i = 0; i < scores.length; i++) {
      out[i] = mean.clone();
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < mean.length; j++) {
          out[i][j] += scores[i][c] * axes[c][j];
        }
      }
    }
    return out;
  }

  private void requireComponents(int k) {
    if (k < 1 || k > axes.length) {
      throw new IllegalArgumentException(
          "k must be in [1, " + axes.length + "] (the number of axes), found " + k);
    }
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[][] axes() {
    return Matrices.deepCopy(axes);
  }

  @Override
  public double[] variances() {
    return variances.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pca p
        && Arrays.equals(mean, p.mean)
        && Arrays.deepEquals(axes, p.axes)
        && Arrays.equals(variances, p.variances)
        && Double.compare(totalVariance, p.totalVariance) == 0;
  }

  @Override
  public int hashCode() {
    return 31
            * (31 * (31 * Arrays.hashCode(mean) + Arrays.deepHashCode(axes))
                + Arrays.hashCode(variances))
        + Double.hashCode(totalVariance);
  }

  @Override
  public String toString() {
    return "Pca[d="
        + mean.length
        + ", variances="
        + Arrays.toString(variances)
        + ", totalVariance="
        + totalVariance
        + "]";
  }
}
