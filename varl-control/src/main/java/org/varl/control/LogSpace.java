package org.varl.control;

/** Stable log-space helpers shared by the solvers. */
final class LogSpace {
  private LogSpace() {}

  /**
   * The soft maximum alpha log sum_i exp(x_i / alpha) over {@code x[offset .. offset+n)}, shifted
   * by the maximum so it neither overflows nor underflows. Entries of -infinity contribute nothing;
   * all -infinity gives -infinity.
   */
  static double softMax(double[] x, int offset, int n, double alpha) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + n; i++) {
      max = Math.max(max, x[i]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0.0;
    for (int i = offset; i < offset + n; i++) {
      sum += Math.exp((x[i] - max) / alpha);
    }
    return max + alpha * Math.log(sum);
  }

  /** log sum_i exp(x_i) over the whole array. */
  static double logSumExp(double[] x) {
    return softMax(x, 0, x.length, 1.0);
  }

  /** exp(x_i - logSumExp(x)): a normalized distribution from log weights. */
  static double[] normalizeLog(double[] logWeights) {
    double logZ = logSumExp(logWeights);
    double[] p = new double[logWeights.length];
    double total = 0.0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logWeights[i] - logZ);
      total += p[i];
    }
    // With log weights of magnitude 1e7 the subtraction above loses ~1e-9 relative; renormalizing
    // restores sum 1.
    for (int i = 0; i < p.length; i++) {
      p[i] /= total;
    }
    return p;
  }
}
