package org.varl.core.analysis;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A linear probe: ordinary least squares with an intercept from features {@code x_i} in {@code R^p}
 * (latent means, say) to targets {@code y_i} in {@code R^m} (generative factors, returns, states),
 * fitted on training rows and scored on held-out rows. Output k is predicted as {@code yhat_ik =
 * b_k + sum_j w_kj x_ij}, with
 *
 * <pre>
 *   (w, b) = argmin sum_i ||y_i - W x_i - b||^2,   i.e.   W^T = X_c^+ Y_c,   b = ybar - W xbar
 * </pre>
 *
 * where {@code X_c}, {@code Y_c} are the centred training features and targets and {@code X_c^+}
 * the Moore-Penrose pseudo-inverse (EJML's SVD solver, singular values below {@code eps max(n, p)
 * s_max} treated as 0). Each output is an independent least-squares problem; fitting them together
 * shares one decomposition. On a rank-deficient design (a dead latent dimension: a constant
 * feature, or two copies of one) this is the minimum-norm solution: a direction with no training
 * variance gets weight 0. The score is the coefficient of determination on test rows, per output,
 *
 * <pre>
 *   R^2_k = 1 - sum_i (y_ik - yhat_ik)^2 / sum_i (y_ik - ybar_k)^2        (ybar_k = the test rows' mean)
 * </pre>
 *
 * 1 means the target is a linear function of the features, 0 that the probe does no better than the
 * test mean, and a negative value that it does worse. For {@code y = a . x + b + e} with noise of
 * variance {@code sigma^2} independent of {@code x}, the test R^2 approaches {@code 1 - sigma^2 /
 * Var(y)} as both sets grow.
 *
 * <p>Shapes: {@code coefficients: [m][p]} (one row per output, as {@code W}), {@code intercepts:
 * [m]}. An immutable value: the accessors return copies.
 */
public record LinearProbe(double[][] coefficients, double[] intercepts) {

  /** Validates the shapes and copies the arrays. */
  public LinearProbe {
    int m = coefficients.length;
    if (m == 0 || intercepts.length != m) {
      throw new IllegalArgumentException(
          "a probe needs m >= 1 outputs, with one intercept each: found "
              + m
              + " coefficient rows and "
              + intercepts.length
              + " intercepts");
    }
    int p = Matrices.requireRectangular("coefficients", coefficients, 1);
    if (p == 0) {
      throw new IllegalArgumentException(
          "coefficients must have at least 1 column (feature), found 0");
    }
    for (int k = 0; k < m; k++) {
      if (!Double.isFinite(intercepts[k])) {
        throw new IllegalArgumentException(
            "intercepts must be finite, found " + intercepts[k] + " at index [" + k + "]");
      }
    }
    coefficients = Matrices.deepCopy(coefficients);
    intercepts = intercepts.clone();
  }

  /** Fits one target per row: {@code x: [n][p]}, {@code y: [n]}, {@code n >= 2}. */
  public static LinearProbe fit(double[][] x, double[] y) {
    return fit(x, column(y));
  }

  /** Fits m targets per row at once: {@code x: [n][p]}, {@code y: [n][m]}, {@code n >= 2}. */
  public static LinearProbe fit(double[][] x, double[][] y) {
    int p = Matrices.requireRectangular("train features", x, 2);
    int m = Matrices.requireRectangular("train targets", y, 2);
    if (y.length != x.length) {
      throw new IllegalArgumentException(
          "a probe needs one target row per feature row: "
              + x.length
              + " train feature rows vs "
              + y.length
              + " target rows");
    }
    if (p == 0 || m == 0) {
      throw new IllegalArgumentException(
          "a probe needs at least 1 feature and 1 target, found " + p + " and " + m);
    }
    double[] xbar = Matrices.columnMeans(x, p);
    double[] ybar = Matrices.columnMeans(y, m);
    DMatrixRMaj xc = Matrices.centred(x, xbar);
    DMatrixRMaj yc = Matrices.centred(y, ybar);
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
    if (!solver.setA(xc)) {
      throw new ArithmeticException(
          "the SVD of the "
              + x.length
              + " x "
              + p
              + " centred train features did not"
              + " converge");
    }
    DMatrixRMaj w = new DMatrixRMaj(p, m);
    solver.solve(yc, w);
    double[][] coefficients = new double[m][p];
    double[] intercepts = new double[m];
    for (int k = 0; k < m; k++) {
      intercepts[k] = ybar[k];
      for (int j = 0; j < p; j++) {
        coefficients[k][j] = w.unsafe_get(j, k);
        intercepts[k] -= coefficients[k][j] * xbar[j];
      }
    }
    return new LinearProbe(coefficients, intercepts);
  }

  /** The number p of features. */
  public int features() {
    return coefficients[0].length;
  }

  /** The number m of outputs. */
  public int outputs() {
    return intercepts.length;
  }

  /** Predictions {@code yhat_i = W x_i + b} for {@code x: [n][p]}: {@code [n][m]}. */
  public double[][] predict(double[][] x) {
    int p = Matrices.requireRectangular("features", x, 0);
    if (x.length > 0 && p != features()) {
      throw new IllegalArgumentException(
          "features have " + p + " columns, the probe was fitted on " + features());
    }
    double[][] out = new double[x.length][intercepts.length];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < intercepts.length; k++) {
        double s = intercepts[k];
        for (int j = 0; j < p; j++) {
          s += coefficients[k][j] * x[i][j];
        }
        out[i][k] = s;
      }
    }
    return out;
  }

  /**
   * The test R^2 of each output ({@code [m]}) on {@code x: [n][p]}, {@code y: [n][m]}, {@code n >=
   * 2}. A target that is constant on the test rows scores 1 if predicted exactly and minus infinity
   * otherwise.
   */
  public double[] r2(double[][] x, double[][] y) {
    Matrices.requireRectangular("test features", x, 2);
    int m = Matrices.requireRectangular("test targets", y, 2);
    if (y.length != x.length) {
      throw new IllegalArgumentException(
          "a probe needs one target row per feature row: "
              + x.length
              + " test feature rows vs "
              + y.length
              + " target rows");
    }
    if (m != outputs()) {
      throw new IllegalArgumentException(
          "test targets have " + m + " columns, the probe has " + outputs() + " outputs");
    }
    double[][] yhat = predict(x);
    double[] ybar = Matrices.columnMeans(y, m);
    double[] r2 = new double[m];
    for (int k = 0; k < m; k++) {
      double sse = 0;
      double sst = 0;
      for (int i = 0; i < y.length; i++) {
        sse += (y[i][k] - yhat[i][k]) * (y[i][k] - yhat[i][k]);
        sst += (y[i][k] - ybar[k]) * (y[i][k] - ybar[k]);
      }
      r2[k] = sst == 0 ? (sse == 0 ? 1 : Double.NEGATIVE_INFINITY) : 1 - sse / sst;
    }
    return r2;
  }

  /** The test R^2 of a one-output probe on {@code x: [n][p]}, {@code y: [n]}. */
  public double r2(double[][] x, double[] y) {
    if (outputs() != 1) {
      throw new IllegalArgumentException(
          "one target per row given, but the probe has " + outputs() + " outputs");
    }
    return r2(x, column(y))[0];
  }

  private static double[][] column(double[] y) {
    double[][] out = new double[y.length][1];
    for (int i = 0; i < y.length; i++) {
      out[i][0] = y[i];
    }
    return out;
  }

  @Override
  public double[][] coefficients() {
    return Matrices.deepCopy(coefficients);
  }

  @Override
  public double[] intercepts() {
    return intercepts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearProbe l
        && Arrays.deepEquals(coefficients, l.coefficients)
        && Arrays.equals(intercepts, l.intercepts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(coefficients) + Arrays.hashCode(intercepts);
  }

  @Override
  public String toString() {
    return "LinearProbe[coefficients="
        + Arrays.deepToString(coefficients)
        + ", intercepts="
        + Arrays.toString(intercepts)
        + "]";
  }
}
