package org.varl.experiments.control;

/** Entropy and total variation of distributions over states, as the experiments report them. */
final class StateDistributions {
  private StateDistributions() {}

  /** -sum_s p(s) log p(s), in nats. */
  static double entropy(double[] p) {
    double h = 0;
    for (double v : p) {
      if (v > 0) {
        h -= v * Math.log(v);
      }
    }
    return h;
  }

  /** (1/2) sum_s |p(s) - q(s)|. */
  static double totalVariation(double[] p, double[] q) {
    double tv = 0;
    for (int i = 0; i < p.length; i++) {
      tv += Math.abs(p[i] - q[i]);
    }
    return tv / 2;
  }
}
