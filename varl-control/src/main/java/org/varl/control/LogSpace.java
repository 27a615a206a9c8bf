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

  /**
   * Below this, log1p(sum w (e^z - 1)) cancels; use log(sum w e^z) there. Either form is
   * well-conditioned on its side: above, the argument of log1p is exact to a few ulps of itself;
   * below, the sum is at most 0.5 and at least the largest term's weight.
   */
  private static final double LOG1P_SWITCH = -0.5;

  /** Where e^z - 1 is computed by expm1 rather than by subtracting 1 from e^z. */
  private static final double EXPM1_SWITCH = -0.7;

  /**
   * The soft value with optional prior weights, in a form stable for every alpha > 0:
   *
   * <pre>
   *   V = alpha log sum_a w_a exp(q_a / alpha),     w_a = p(a) / sum_b p(b)   (prior), w_a = 1 (none)
   *     = m + alpha log W + alpha log1p( sum_a (w_a/W) expm1((q_a - m) / alpha) ),   m = max_a q_a
   * </pre>
   *
   * over the actions with w_a > 0 ({@code q[offset .. offset+n)}, {@code prior[offset ..]} or null;
   * W = sum of the weights: 1 for a prior, n without). For large alpha every (q - m)/alpha is tiny
   * and the log1p form keeps the Var/(2 alpha) correction that r + alpha log p would round away; as
   * alpha grows it tends to m + alpha log W + sum_a (w_a/W) (q_a - m), the weighted mean (plus
   * alpha log n without a prior). For small alpha it is the usual shifted log-sum-exp. A prior row
   * is renormalized by its sum, which the builder checks to 1e-9: alpha log(1 + 1e-16) alone is 1e4
   * at alpha = 1e20.
   */
  static double softValue(double[] q, int offset, int n, double[] prior, double alpha) {
    double m = Double.NEGATIVE_INFINITY;
    double total = 0.0;
    for (int i = offset; i < offset + n; i++) {
      double w = prior == null ? 1.0 : prior[i];
      if (w > 0.0) {
        m = Math.max(m, q[i]);
        total += w;
      }
    }
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    double sumExpm1 = 0.0;
    double sumExp = 0.0;
    for (int i = offset; i < offset + n; i++) {
      double w = prior == null ? 1.0 : prior[i];
      if (w > 0.0) {
        double z = (q[i] - m) / alpha;
        sumExpm1 += w * Math.expm1(z);
        sumExp += w * exp(z);
      }
    }
    // Without a prior W = n and alpha log n is the soft maximum's entropy bonus; with one W is 1.
    double logW = prior == null ? Math.log(total) : 0.0;
    return m + alpha * (logW + logMeanExp(sumExpm1, sumExp, total));
  }

  /**
   * log(sum_i w_i e^{z_i} / W) from the two sums sum_i w_i (e^{z_i} - 1) and sum_i w_i e^{z_i}, all
   * z_i <= 0, one of them 0, W = sum_i w_i: log1p of the first near 0 (large temperatures, where
   * log of a sum near 1 would lose everything below 1e-16 of it), the log of the second elsewhere
   * (small temperatures, where the first cancels).
   */
  static double logMeanExp(double sumExpm1, double sumExp, double total) {
    double mean = sumExpm1 / total;
    return mean > LOG1P_SWITCH ? Math.log1p(mean) : Math.log(sumExp / total);
  }

  /** e^z, as 1 + expm1(z) where that is as accurate, so that both sums agree near z = 0. */
  static double exp(double z) {
    return z > EXPM1_SWITCH ? Math.expm1(z) + 1.0 : Math.exp(z);
  }

  /**
   * The policy pi(a) = w_a exp(q_a / alpha) / sum_b w_b exp(q_b / alpha) (weights as in {@link
   * #softValue}), written to {@code out[offset .. offset+n)} as a log-softmax: l_a = log w_a + (q_a
   * - m)/alpha is formed in log space, shifted by its maximum, exponentiated and divided by its
   * sum. No V enters, so neither the rounding of V (ulp(V)/alpha, which made rows sum to 1.000057
   * at alpha = 1e-12 and to 2 for tied actions below 1e-16) nor its overflow can unbalance a row:
   * it sums to 1 within n ulps for every alpha > 0 with finite (q - m)/alpha.
   */
  static void softPolicy(
      double[] q, int offset, int n, double[] prior, double alpha, double[] out) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + n; i++) {
      if (prior == null || prior[i] > 0.0) {
        m = Math.max(m, q[i]);
      }
    }
    double top = Double.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + n; i++) {
      double w = prior == null ? 1.0 : prior[i];
      out[i] = w > 0.0 ? Math.log(w) + (q[i] - m) / alpha : Double.NEGATIVE_INFINITY;
      top = Math.max(top, out[i]);
    }
    double total = 0.0;
    for (int i = offset; i < offset + n; i++) {
      out[i] = Math.exp(out[i] - top);
      total += out[i];
    }
    for (int i = offset; i < offset + n; i++) {
      out[i] /= total;
    }
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
