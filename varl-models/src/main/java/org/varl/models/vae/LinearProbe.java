package org.varl.models.vae;

/**
 * A linear probe: ordinary least squares with an intercept from features (latent means) to one target (a
 * generative factor), fitted on training rows and scored on held-out rows by the coefficient of determination
 *
 * <pre>
 *   R^2 = 1 - sum_i (y_i - yhat_i)^2 / sum_i (y_i - ybar)^2        (test rows, ybar = test mean)
 * </pre>
 *
 * 1 means the factor is a linear function of the latent code, 0 means the probe does no better than the mean, and a
 * negative value means worse than the mean. The normal equations {@code (X^T X + lambda I) w = X^T y} are solved by
 * Cholesky in double precision; {@code lambda = 1e-9 * trace / p} only guards against an exactly singular design
 * (e.g. a dead latent dimension) and is too small to change a well-posed fit.
 */
public final class LinearProbe {

  private LinearProbe() {}

  /** Test R^2 of the least-squares fit of {@code trainY} on {@code trainX} (+ intercept). */
  public static double r2(double[][] trainX, double[] trainY, double[][] testX, double[] testY) {
    if (trainX.length != trainY.length || testX.length != testY.length) {
      throw new IllegalArgumentException("probe needs one target per row: train " + trainX.length + " rows vs "
          + trainY.length + " targets, test " + testX.length + " rows vs " + testY.length + " targets");
    }
    if (trainX.length < 2 || testX.length < 2) {
      throw new IllegalArgumentException("probe needs at least 2 train and 2 test rows, found " + trainX.length
          + " and " + testX.length);
    }
    double[] w = fit(trainX, trainY);
    int p = w.length - 1;
    double mean = 0;
    for (double y : testY) {
      mean += y;
    }
    mean /= testY.length;
    double sse = 0;
    double sst = 0;
    for (int i = 0; i < testX.length; i++) {
      double yhat = w[p];
      for (int j = 0; j < p; j++) {
        yhat += w[j] * testX[i][j];
      }
      sse += (testY[i] - yhat) * (testY[i] - yhat);
      sst += (testY[i] - mean) * (testY[i] - mean);
    }
    return sst == 0 ? (sse == 0 ? 1 : Double.NEGATIVE_INFINITY) : 1 - sse / sst;
  }

  /** Coefficients {@code [w_1..w_p, intercept]} of the least-squares fit. */
  static double[] fit(double[][] x, double[] y) {
    int p = x[0].length;
    int q = p + 1;
    double[][] a = new double[q][q];
    double[] b = new double[q];
    double[] row = new double[q];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != p) {
        throw new IllegalArgumentException("probe row " + i + " has " + x[i].length + " features, expected " + p);
      }
      System.arraycopy(x[i], 0, row, 0, p);
      row[p] = 1;
      for (int r = 0; r < q; r++) {
        b[r] += row[r] * y[i];
        for (int c = 0; c <= r; c++) {
          a[r][c] += row[r] * row[c];
        }
      }
    }
    double trace = 0;
    for (int r = 0; r < q; r++) {
      trace += a[r][r];
    }
    double lambda = 1e-9 * trace / q;
    for (int r = 0; r < q; r++) {
      a[r][r] += lambda;
    }
    // Cholesky a = L L^T (lower triangle), then two triangular solves.
    double[][] l = new double[q][q];
    for (int r = 0; r < q; r++) {
      for (int c = 0; c <= r; c++) {
        double s = a[r][c];
        for (int k = 0; k < c; k++) {
          s -= l[r][k] * l[c][k];
        }
        l[r][c] = r == c ? Math.sqrt(Math.max(s, 1e-300)) : s / l[c][c];
      }
    }
    double[] z = new double[q];
    for (int r = 0; r < q; r++) {
      double s = b[r];
      for (int k = 0; k < r; k++) {
        s -= l[r][k] * z[k];
      }
      z[r] = s / l[r][r];
    }
    double[] w = new double[q];
    for (int r = q - 1; r >= 0; r--) {
      double s = z[r];
      for (int k = r + 1; k < q; k++) {
        s -= l[k][r] * w[k];
      }
      w[r] = s / l[r][r];
    }
    return w;
  }
}
