package org.varl.control;

/**
 * The two backups B[V](s,a) of the backward messages, both first-class (issue 2, lecture "control
 * as inference").
 *
 * <ul>
 *   <li>{@link #EXACT}: the true backward message, B[V](s,a) = alpha log sum_s' P(s'|s,a)
 *       exp(V(s')/alpha), computed as m + alpha log1p(sum_s' P expm1((V(s') - m)/alpha)) with m =
 *       max V(s') where that is the accurate form (see {@link LogSpace#logMeanExp}). It is a soft
 *       maximum over successors, so under stochastic dynamics it is optimistic: the posterior
 *       behaves as if it could choose its luck.
 *   <li>{@link #MAXENT}: the variational / maximum-entropy RL backup, B[V](s,a) = sum_s' P(s'|s,a)
 *       V(s'), an expectation: the dynamics are fixed to the true ones and only the policy is
 *       inferred.
 * </ul>
 *
 * By Jensen's inequality EXACT >= MAXENT, with equality when P(.|s,a) is deterministic.
 */
public enum Backup {
  EXACT {
    @Override
    double apply(
        int[] rowStart,
        int[] successors,
        double[] probabilities,
        int row,
        double[] next,
        double alpha) {
      int begin = rowStart[row];
      int end = rowStart[row + 1];
      // Shift by the row's own maximum: the largest term is P * 1 > 0, so the sum never underflows.
      double max = Double.NEGATIVE_INFINITY;
      double total = 0.0;
      for (int k = begin; k < end; k++) {
        max = Math.max(max, next[successors[k]]);
        total += probabilities[k];
      }
      // The log1p form keeps E_P[V'] - max when alpha dwarfs the spread of V' (it tends to E_P[V']
      // as alpha grows); the row is read as normalized, since alpha log(sum P) alone would be 1e4
      // at alpha = 1e20 for a sum off 1 by one ulp.
      double sumExpm1 = 0.0;
      double sumExp = 0.0;
      for (int k = begin; k < end; k++) {
        double z = (next[successors[k]] - max) / alpha;
        sumExpm1 += probabilities[k] * Math.expm1(z);
        sumExp += probabilities[k] * LogSpace.exp(z);
      }
      return max + alpha * LogSpace.logMeanExp(sumExpm1, sumExp, total);
    }
  },
  MAXENT {
    @Override
    double apply(
        int[] rowStart,
        int[] successors,
        double[] probabilities,
        int row,
        double[] next,
        double alpha) {
      double sum = 0.0;
      for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
        sum += probabilities[k] * next[successors[k]];
      }
      return sum;
    }
  };

  /** B[next](row) for the transition row {@code row = s*A + a}. */
  abstract double apply(
      int[] rowStart,
      int[] successors,
      double[] probabilities,
      int row,
      double[] next,
      double alpha);

  /** B[next](s,a) on {@code mdp}. */
  public double apply(Mdp mdp, int s, int a, double[] next, double alpha) {
    return apply(
        mdp.rowStart, mdp.successors, mdp.probabilities, s * mdp.numActions + a, next, alpha);
  }

  /** The command-line name, {@code exact} or {@code maxent}. */
  public String cliName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses {@code exact} or {@code maxent} (case-insensitive). */
  public static Backup parse(String name) {
    for (Backup b : values()) {
      if (b.cliName().equalsIgnoreCase(name)) {
        return b;
      }
    }
    throw new IllegalArgumentException("backup: expected exact or maxent, found " + name);
  }
}
