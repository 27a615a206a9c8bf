package org.varl.rl.tabular;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.varl.control.Mdp;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;

/**
 * Tabular soft Q-learning (maximum-entropy Q-learning) on a finite {@link Mdp} from sampled
 * transitions:
 *
 * <pre>
 *   Q(s,a) &lt;- Q(s,a) + eta_n(s,a) [ r~(s,a) + gamma V_Q(s') - Q(s,a) ],     s' ~ P(.|s,a),
 *   V_Q(s) = alpha log sum_a exp(Q(s,a) / alpha),
 *   r~(s,a) = r(s,a) + alpha log p(a|s)   (no term without an action prior),
 * </pre>
 *
 * with eta_n(s,a) = n(s,a)^-omega for the n-th update of the pair ({@link PolynomialSteps}). Q
 * holds the prior-folded values, the layout of {@link org.varl.control.StationarySolution#q()}: Q =
 * -infinity, never updated, where p(a|s) = 0.
 *
 * <p><b>Fixed point.</b> The expected update is zero exactly when Q = r~ + gamma P V_Q, the
 * discounted soft Bellman equation with the {@code maxent} backup B[V] = E_{s'} V(s'); that map is
 * a gamma-contraction in the sup norm, so its unique solution is {@link
 * org.varl.control.SoftValueIteration}'s maxent Q*, and the iteration is an asynchronous stochastic
 * approximation of it, converging almost surely under the Robbins–Monro conditions (Tsitsiklis
 * 1994). A sampled successor estimates E V(s') without bias, but not the {@code exact} backup alpha
 * log E exp(V(s')/alpha): by Jensen's inequality the exact Q* lies above, by a margin that does not
 * shrink with samples, wherever P(.|s,a) is stochastic.
 *
 * <p><b>Sampling.</b> The learner cycles through the allowed pairs (p(a|s) &gt; 0) in row order s*A
 * + a and draws one successor for each, so after k sweeps every pair has exactly k updates (the
 * "parallel sampling" model of Kearns and Singh 1999, a generative model of the MDP). Successors
 * are drawn by inversion of P(.|s,a) from a {@link SplittableRandom} seeded with {@code
 * Seeds.mix(seed, Streams.TRAIN_NOISE)}: the same seed and MDP give the same Q, bit for bit.
 *
 * <p>Not thread-safe; plain Java arrays, no DJL.
 */
public final class TabularSoftQ {
  private final int numStates;
  private final int numActions;
  private final double alpha;
  private final double gamma;
  private final PolynomialSteps steps;
  private final int[] rowStart;
  private final int[] successors;
  private final double[] probabilities;
  private final double[] cumulative;
  private final double[] foldedRewards;
  private final int[] allowedRows;
  private final double[] q;
  private final long[] updates;
  private final SplittableRandom rng;
  private long samples;

  /**
   * A learner at Q = 0 on the allowed pairs (-infinity where p(a|s) = 0).
   *
   * @param seed the run's seed; the successor stream is {@code Seeds.mix(seed,
   *     Streams.TRAIN_NOISE)}
   */
  public TabularSoftQ(Mdp mdp, TabularSoftQConfig config, long seed) {
    if (mdp == null || config == null) {
      throw new IllegalArgumentException("mdp and config: must be given, found null");
    }
    this.numStates = mdp.numStates();
    this.numActions = mdp.numActions();
    this.alpha = config.temperature();
    this.gamma = config.discount();
    this.steps = config.steps();
    int rows = numStates * numActions;
    this.rowStart = new int[rows + 1];
    this.successors = new int[mdp.numTransitions()];
    this.probabilities = new double[mdp.numTransitions()];
    this.cumulative = new double[mdp.numTransitions()];
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        int row = s * numActions + a;
        rowStart[row] = mdp.rowBegin(s, a);
        rowStart[row + 1] = mdp.rowEnd(s, a);
        double total = 0.0;
        for (int k = mdp.rowBegin(s, a); k < mdp.rowEnd(s, a); k++) {
          successors[k] = mdp.successor(k);
          probabilities[k] = mdp.probability(k);
          total += probabilities[k];
          cumulative[k] = total;
        }
      }
    }
    this.foldedRewards = mdp.foldedRewards(alpha);
    this.q = new double[rows];
    this.updates = new long[rows];
    int allowed = 0;
    for (int row = 0; row < rows; row++) {
      if (foldedRewards[row] == Double.NEGATIVE_INFINITY) {
        q[row] = Double.NEGATIVE_INFINITY; // p(a|s) = 0: the action is impossible
      } else {
        allowed++;
      }
    }
    this.allowedRows = new int[allowed];
    for (int row = 0, i = 0; row < rows; row++) {
      if (q[row] != Double.NEGATIVE_INFINITY) {
        allowedRows[i++] = row;
      }
    }
    this.rng = new SplittableRandom(Seeds.mix(seed, Streams.TRAIN_NOISE));
  }

  /** Performs {@code count} more sampled updates (count >= 0), continuing the cycle over pairs. */
  public void learn(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count: must be >= 0, found " + count);
    }
    int pairs = allowedRows.length;
    int next = (int) (samples % pairs);
    for (long i = 0; i < count; i++) {
      int row = allowedRows[next];
      next = next + 1 == pairs ? 0 : next + 1;
      int s2 = sampleSuccessor(row);
      double target = foldedRewards[row] + gamma * softValue(q, s2 * numActions, numActions, alpha);
      q[row] += steps.step(++updates[row]) * (target - q[row]);
    }
    samples += count;
  }

  /** s' ~ P(.|s,a) by inversion; the last successor takes what rounding leaves of the row. */
  private int sampleSuccessor(int row) {
    int k = rowStart[row];
    int last = rowStart[row + 1] - 1;
    double u = rng.nextDouble();
    while (k < last && u >= cumulative[k]) {
      k++;
    }
    return successors[k];
  }

  /**
   * V = alpha log sum_i exp(q_i / alpha) over {@code q[offset .. offset+n)}, shifted by the maximum
   * so it neither overflows nor underflows; -infinity entries (impossible actions) add nothing.
   * This is {@link org.varl.control.SoftValueIteration}'s V of the folded Q: alpha log sum_a p(a|s)
   * exp(Q'(s,a)/alpha) with Q' = Q - alpha log p, and alpha log sum_a exp(Q/alpha) without a prior.
   */
  static double softValue(double[] q, int offset, int n, double alpha) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + n; i++) {
      max = Math.max(max, q[i]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0.0;
    for (int i = offset; i < offset + n; i++) {
      sum += Math.exp((q[i] - max) / alpha);
    }
    return max + alpha * Math.log(sum);
  }

  /**
   * The mean of the sampled target, the soft Bellman operator with the maxent backup: (T Q)(s,a) =
   * r~(s,a) + gamma sum_s' P(s'|s,a) V_Q(s') for {@code x} flattened as {@link #q()} (-infinity
   * where p(a|s) = 0). Its fixed point is the learner's limit.
   */
  public double[] bellman(double[] x) {
    if (x.length != q.length) {
      throw new IllegalArgumentException("q: expected " + q.length + " entries, found " + x.length);
    }
    double[] v = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      v[s] = softValue(x, s * numActions, numActions, alpha);
    }
    double[] out = new double[q.length];
    Arrays.fill(out, Double.NEGATIVE_INFINITY);
    for (int row : allowedRows) {
      double expected = 0.0;
      for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
        expected += probabilities[k] * v[successors[k]];
      }
      out[row] = foldedRewards[row] + gamma * expected;
    }
    return out;
  }

  /** Samples used so far. */
  public long samples() {
    return samples;
  }

  /** Pairs (s,a) with p(a|s) &gt; 0, the length of one sweep. */
  public int allowedPairs() {
    return allowedRows.length;
  }

  public int numStates() {
    return numStates;
  }

  public int numActions() {
    return numActions;
  }

  /** A copy of Q, flattened row-major: {@code q[s * A + a]}. */
  public double[] q() {
    return q.clone();
  }

  /** A copy of Q as [state][action]. */
  public double[][] qTable() {
    double[][] table = new double[numStates][];
    for (int s = 0; s < numStates; s++) {
      table[s] = Arrays.copyOfRange(q, s * numActions, (s + 1) * numActions);
    }
    return table;
  }

  /** V_Q(s) = alpha log sum_a exp(Q(s,a)/alpha), per state. */
  public double[] v() {
    double[] v = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      v[s] = softValue(q, s * numActions, numActions, alpha);
    }
    return v;
  }

  /**
   * max_{s,a} |Q(s,a) - reference(s,a)| over the pairs where both are finite ({@code reference}
   * flattened as {@link #q()}); +infinity when one is -infinity and the other is not, which for a
   * solver's Q* of the same MDP does not happen.
   */
  public double maxDistance(double[] reference) {
    return maxDistance(q, reference);
  }

  /** max_i |x_i - y_i| over the entries where both are finite; +infinity where only one is. */
  public static double maxDistance(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "reference: expected " + x.length + " entries, found " + y.length);
    }
    double max = 0.0;
    for (int i = 0; i < x.length; i++) {
      boolean finiteX = Double.isFinite(x[i]);
      boolean finiteY = Double.isFinite(y[i]);
      if (finiteX && finiteY) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      } else if (finiteX != finiteY || x[i] != y[i]) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return max;
  }
}
