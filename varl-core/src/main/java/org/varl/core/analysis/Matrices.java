package org.varl.core.analysis;

import org.ejml.data.DMatrixRMaj;

/**
 * The boundary between the package's {@code double[][]} API and EJML: validation of row-major
 * arrays (rectangular, finite, with the messages naming the argument, the index and the value) and
 * column centring.
 */
final class Matrices {

  private Matrices() {}

  /**
   * Checks that {@code a} is {@code [rows][cols]} with {@code rows >= minRows} and finite entries;
   * returns cols.
   */
  static int requireRectangular(String name, double[][] a, int minRows) {
    if (a == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (a.length < minRows) {
      throw new IllegalArgumentException(
          name
              + " needs at least "
              + minRows
              + (minRows == 1 ? " row" : " rows")
              + ", found "
              + a.length);
    }
    int cols = a.length == 0 ? 0 : a[0].length;
    for (int i = 0; i < a.length; i++) {
      if (a[i].length != cols) {
        throw new IllegalArgumentException(
            name
                + "["
                + i
                + "] has "
                + a[i].length
                + " columns, expected "
                + cols
                + " (as "
                + name
                + "[0])");
      }
      for (int j = 0; j < cols; j++) {
        if (!Double.isFinite(a[i][j])) {
          throw new IllegalArgumentException(
              name + " must be finite, found " + a[i][j] + " at [" + i + ", " + j + "]");
        }
      }
    }
    return cols;
  }

  /** The column means {@code xbar_j = (1/n) sum_i a[i][j]}. */
  static double[] columnMeans(double[][] a, int cols) {
    double[] mean = new double[cols];
    for (double[] row : a) {
      for (int j = 0; j < cols; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < cols; j++) {
      mean[j] /= a.length;
    }
    return mean;
  }

  /** {@code a - 1 mean^T} as an EJML matrix. */
  static DMatrixRMaj centred(double[][] a, double[] mean) {
    DMatrixRMaj m = new DMatrixRMaj(a.length, mean.length);
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < mean.length; j++) {
        m.unsafe_set(i, j, a[i][j] - mean[j]);
      }
    }
    return m;
  }

  static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
