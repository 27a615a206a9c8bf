package org.varl.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Values-only finite-horizon backward messages for large sparse MDPs, in parallel over chunks of
 * states. Same recursion as {@link BackwardMessages} (V_T = 0, Q_t = r~ + gamma B[V_{t+1}], V_t =
 * alpha log sum_a exp(Q_t/alpha)) but it keeps only V (V_0, or every V_t on request), never Q or
 * the policy, which at 1M states x 5 actions x T = 100 would be 4 GB each.
 *
 * <p><b>Exact backup, gamma = 1</b> (the benchmark). The exponentials factorize: for any constant
 * m, exp(Q_t(s,a)/alpha) = exp(r~(s,a)/alpha) exp(m/alpha) sum_s' P(s'|s,a) exp((V_{t+1}(s') -
 * m)/alpha). Summing over a first turns a step into one sparse matrix-vector product over states,
 *
 * <pre>
 *   V_t(s) = m + R + alpha log( f(s) sum_s' M(s,s') Z(s') ),   Z(s') = exp((V_{t+1}(s') - m)/alpha) <= 1
 *   M(s,s') = sum_a exp((r~(s,a) - rmax(s))/alpha) P(s'|s,a),   f(s) = exp((rmax(s) - R)/alpha),
 *   rmax(s) = max_a r~(s,a),  R = max_s rmax(s),  m = max_s V_{t+1}(s)
 * </pre>
 *
 * with M built once per solve (the 1000 x 1000 gridworld's 25M transition nonzeros become 5M). The
 * values are kept in the exponential domain, u_t(s) = f(s) sum_s' M Z_{t+1}, V_t(s) = base_t +
 * alpha log u_t(s), so a step needs no exp or log at all: the next step's Z is u_t / max u_t and
 * base_{t-1} = base_t + alpha log max u_t + R. Every factor is at most 1 (u at most A), so nothing
 * overflows. Exactness where things get small: a state is updated this way only when f(s) and its
 * row sum are at least 1e-150, so any successor term lost to underflow (below 1e-308) is negligible
 * against the sum; otherwise it is recomputed in log space with each row shifted by its own
 * maximum, as {@link Backup#EXACT} does, from the successors' values. States whose u falls below
 * 1e-290 also keep their value explicitly, so the log-space recomputation never reads an
 * underflowed number.
 *
 * <p><b>Otherwise</b> (maxent backup, gamma < 1, or alpha above {@link #LARGE_TEMPERATURE} (1 + max
 * |r|)) Q_t(s,a) is formed per row, the exact backup with W(s') = exp((V_{t+1}(s') - m)/alpha)
 * computed once per state, and V_t by a shifted log-sum-exp; rows whose sum falls below 1e-280 are
 * recomputed with a per-row shift.
 *
 * <p>Either way the sparse rows are read through {@link CompressedTransitions} (1-byte value codes
 * where few distinct values exist): the loop is memory-bound.
 */
public final class SoftValues {
  /**
   * Below this a row sum may have lost terms to underflow; recompute with per-row shifts (per-row
   * path).
   */
  static final double TINY = 1e-280;

  /** The exponential-domain update is used only when f(s) and the row sum are at least this. */
  static final double FAST = 1e-150;

  /** States whose u is below this also keep their value explicitly. */
  static final double EXPLICIT = 1e-290;

  /**
   * When the largest u of a step falls below this, the values are re-expressed against their
   * maximum.
   */
  static final double REBASE = 1e-200;

  /**
   * Above LARGE_TEMPERATURE (1 + max |r|) the per-row path is used: the exponential domain holds V
   * as base + alpha log u, whose rounding is alpha x 1e-16 per step (1e4 at alpha = 1e20), and r +
   * alpha log p rounds r away. Below it that error stays under 1e-12 (1 + max |r|) per step.
   */
  static final double LARGE_TEMPERATURE = 1e4;

  private static final int CHUNKS_PER_THREAD = 8;

  /**
   * V_0 ({@code v0[s]}), all V_t ({@code values[t][s]}, only when requested, else null), how many
   * state updates needed the stable per-row recomputation, the thread count and the transition
   * storage used.
   */
  public record Result(
      double[] v0, double[][] values, long stableRecomputations, int threads, String storage) {}

  private SoftValues() {}

  /** V_0 only, on all available processors. */
  public static Result solve(Mdp mdp, InferenceConfig config) {
    return solve(mdp, config, Runtime.getRuntime().availableProcessors(), false);
  }

  public static Result solve(Mdp mdp, InferenceConfig config, int threads, boolean keepAllValues) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: must be >= 1, found " + threads);
    }
    if (keepAllValues) {
      MemoryEstimate.check(
          "horizon",
          config.horizon(),
          MemoryEstimate.arrays(config.horizon(), mdp.numStates, 8),
          "V at every t (T x S doubles)");
    }
    ForkJoinPool pool = threads == 1 ? null : new ForkJoinPool(threads);
    try {
      return new Solver(mdp, config, pool, threads).run(keepAllValues);
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  private interface ChunkBody {
    void run(int chunk, int begin, int end);
  }

  private static final class Solver {
    final Mdp mdp;
    final CompressedTransitions transitions;
    final int numStates;
    final int numActions;
    final double alpha;
    final double gamma;
    final Backup backup;
    final int horizon;
    final boolean factorized;
    final boolean largeTemperature;
    final double[] folded;
    final double[] prior;
    final double[] rowMax;
    final CompressedTransitions combined;
    final ForkJoinPool pool;
    final int threads;
    final int chunks;
    final double[] chunkMax;
    final long[] chunkStable;

    Solver(Mdp mdp, InferenceConfig config, ForkJoinPool pool, int threads) {
      this.mdp = mdp;
      this.numStates = mdp.numStates;
      this.numActions = mdp.numActions;
      this.alpha = config.temperature();
      this.gamma = config.discount();
      this.backup = config.backup();
      this.horizon = config.horizon();
      NumericRange.checkHorizon(mdp, alpha, horizon);
      double maxReward = 0.0;
      for (double r : mdp.rewards) {
        maxReward = Math.max(maxReward, Math.abs(r));
      }
      this.largeTemperature = alpha > LARGE_TEMPERATURE * (1.0 + maxReward);
      this.factorized = backup == Backup.EXACT && gamma == 1.0 && !largeTemperature;
      this.folded = mdp.foldedRewards(alpha);
      this.prior = mdp.actionPrior;
      this.pool = pool;
      this.threads = threads;
      this.chunks = Math.min(numStates, threads == 1 ? 1 : threads * CHUNKS_PER_THREAD);
      this.chunkMax = new double[chunks];
      this.chunkStable = new long[chunks];
      if (factorized) {
        rowMax = new double[numStates];
        combined = combine();
        transitions = null;
      } else {
        rowMax = null;
        combined = null;
        transitions = CompressedTransitions.of(mdp);
      }
    }

    /**
     * M(s,s') = sum_a exp((r~(s,a) - rmax(s))/alpha) P(s'|s,a) as compressed rows, built in
     * parallel: each chunk scatters its states' rows into a dense accumulator and emits the touched
     * columns in increasing order.
     */
    private CompressedTransitions combine() {
      int buildChunks = pool == null ? 1 : threads;
      int[][] chunkCols = new int[buildChunks][];
      double[][] chunkVals = new double[buildChunks][];
      int[] rowLength = new int[numStates];
      forEachChunk(
          buildChunks,
          (c, begin, end) -> {
            double[] acc = new double[numStates];
            int[] stamp = new int[numStates];
            int[] touched = new int[16];
            double[] factor = new double[numActions];
            int[] cols =
                new int
                    [Math.max(
                        16, mdp.rowStart[end * numActions] - mdp.rowStart[begin * numActions])];
            double[] vals = new double[cols.length];
            int n = 0;
            for (int s = begin; s < end; s++) {
              double max = Double.NEGATIVE_INFINITY;
              for (int a = 0; a < numActions; a++) {
                max = Math.max(max, folded[s * numActions + a]);
              }
              rowMax[s] = max;
              for (int a = 0; a < numActions; a++) {
                factor[a] = Math.exp((folded[s * numActions + a] - max) / alpha);
              }
              int count = 0;
              for (int a = 0; a < numActions; a++) {
                if (factor[a] == 0.0) {
                  continue;
                }
                int row = s * numActions + a;
                for (int k = mdp.rowStart[row]; k < mdp.rowStart[row + 1]; k++) {
                  int s2 = mdp.successors[k];
                  if (stamp[s2] != s + 1) {
                    stamp[s2] = s + 1;
                    acc[s2] = 0.0;
                    if (count == touched.length) {
                      touched = java.util.Arrays.copyOf(touched, 2 * count);
                    }
                    touched[count++] = s2;
                  }
                  acc[s2] += factor[a] * mdp.probabilities[k];
                }
              }
              java.util.Arrays.sort(touched, 0, count);
              for (int i = 0; i < count; i++) {
                cols[n] = touched[i];
                vals[n] = acc[touched[i]];
                n++;
              }
              rowLength[s] = count;
            }
            chunkCols[c] = java.util.Arrays.copyOf(cols, n);
            chunkVals[c] = java.util.Arrays.copyOf(vals, n);
          });
      int[] start = new int[numStates + 1];
      for (int s = 0; s < numStates; s++) {
        start[s + 1] = start[s] + rowLength[s];
      }
      int[] cols = new int[start[numStates]];
      double[] vals = new double[cols.length];
      int offset = 0;
      for (int c = 0; c < buildChunks; c++) {
        System.arraycopy(chunkCols[c], 0, cols, offset, chunkCols[c].length);
        System.arraycopy(chunkVals[c], 0, vals, offset, chunkVals[c].length);
        offset += chunkCols[c].length;
      }
      return CompressedTransitions.of(start, cols, vals);
    }

    Result run(boolean keepAllValues) {
      return factorized ? runFactorized(keepAllValues) : runRows(keepAllValues);
    }

    /**
     * The exponential-domain recursion for the exact backup with gamma = 1 (see the class javadoc).
     */
    Result runFactorized(boolean keepAllValues) {
      double[][] all = keepAllValues ? new double[horizon][] : null;
      double bestReward = Double.NEGATIVE_INFINITY;
      for (double r : rowMax) {
        bestReward = Math.max(bestReward, r);
      }
      final double[] f = new double[numStates];
      for (int s = 0; s < numStates; s++) {
        f[s] = Math.exp((rowMax[s] - bestReward) / alpha);
      }
      final double reward = bestReward;
      double[] u = new double[numStates];
      java.util.Arrays.fill(u, 1.0); // V_T = 0 = base_T + alpha log 1
      double[] uOut = new double[numStates];
      double[] explicit = new double[numStates];
      double[] explicitOut = new double[numStates];
      double base = 0.0;
      double uMax = 1.0;
      for (int t = horizon - 1; t >= 0; t--) {
        final double scale = 1.0 / uMax;
        final double prevBase = base;
        final double nextBase = base + alpha * Math.log(uMax) + reward;
        final double[] uIn = u;
        final double[] xIn = explicit;
        final double[] uNew = uOut;
        final double[] xNew = explicitOut;
        forEachChunk(
            (c, begin, end) -> {
              double[] q = new double[numActions];
              double max = 0.0;
              long slow = 0;
              for (int s = begin; s < end; s++) {
                double rowSum = scale * combined.dot(s, uIn);
                double us;
                if (rowSum >= FAST && f[s] >= FAST) {
                  us = f[s] * rowSum;
                  if (us < EXPLICIT) {
                    xNew[s] = nextBase + alpha * Math.log(us);
                  }
                } else {
                  double v = logSpaceValue(s, uIn, xIn, prevBase, q);
                  xNew[s] = v;
                  us = Math.exp((v - nextBase) / alpha);
                  slow++;
                }
                uNew[s] = us;
                max = Math.max(max, us);
              }
              chunkMax[c] = max;
              chunkStable[c] += slow;
            });
        uMax = 0.0;
        for (double cm : chunkMax) {
          uMax = Math.max(uMax, cm);
        }
        base = nextBase;
        if (uMax < REBASE) {
          // Every u is tiny (or 0): log(uMax) would be imprecise or -inf. Re-express the values
          // against their maximum.
          double[] v = values(uNew, xNew, base);
          double top = Double.NEGATIVE_INFINITY;
          for (double value : v) {
            top = Math.max(top, value);
          }
          for (int s = 0; s < numStates; s++) {
            uNew[s] = Math.exp((v[s] - top) / alpha);
            xNew[s] = v[s];
          }
          base = top;
          uMax = 1.0;
        }
        if (all != null) {
          all[t] = values(uNew, xNew, base);
        }
        uOut = u;
        explicitOut = explicit;
        u = uNew;
        explicit = xNew;
      }
      return result(all != null ? all[0] : values(u, explicit, base), all);
    }

    /** V(s) = base + alpha log u(s), or the explicit value where u underflowed. */
    double[] values(double[] u, double[] explicit, double base) {
      double[] v = new double[numStates];
      forEachChunk(
          (c, begin, end) -> {
            for (int s = begin; s < end; s++) {
              v[s] = u[s] >= EXPLICIT ? base + alpha * Math.log(u[s]) : explicit[s];
            }
          });
      return v;
    }

    /**
     * V_t(s) in log space with each row shifted by its own maximum (exact backup, gamma = 1): the
     * largest term of each row is P * 1 > 0, so nothing underflows. Successor values come from u
     * or, where u underflowed, explicit.
     */
    double logSpaceValue(int s, double[] u, double[] explicit, double base, double[] q) {
      for (int a = 0; a < numActions; a++) {
        int row = s * numActions + a;
        if (folded[row] == Double.NEGATIVE_INFINITY) {
          q[a] = Double.NEGATIVE_INFINITY;
          continue;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = mdp.rowStart[row]; k < mdp.rowStart[row + 1]; k++) {
          int s2 = mdp.successors[k];
          max = Math.max(max, u[s2] >= EXPLICIT ? base + alpha * Math.log(u[s2]) : explicit[s2]);
        }
        double sum = 0.0;
        for (int k = mdp.rowStart[row]; k < mdp.rowStart[row + 1]; k++) {
          int s2 = mdp.successors[k];
          double v2 = u[s2] >= EXPLICIT ? base + alpha * Math.log(u[s2]) : explicit[s2];
          sum += mdp.probabilities[k] * Math.exp((v2 - max) / alpha);
        }
        q[a] = folded[row] + max + alpha * Math.log(sum);
      }
      return LogSpace.softMax(q, 0, numActions, alpha);
    }

    Result result(double[] v0, double[][] all) {
      long stable = 0;
      for (long s : chunkStable) {
        stable += s;
      }
      String storage =
          factorized
              ? "combined M(s,s') "
                  + combined.describe()
                  + ", "
                  + combined.successors.length
                  + " nonzeros"
              : "rows P(s'|s,a) " + transitions.describe();
      return new Result(v0, all, stable, threads, storage);
    }

    /**
     * Per-row Q'_t = r + gamma B[V_{t+1}] (the prior as weights of {@link LogSpace#softValue}) for
     * the maxent backup, gamma < 1 or a large temperature; there the exact backup is {@link
     * Backup#EXACT}'s stable form for every row.
     */
    Result runRows(boolean keepAllValues) {
      double[][] all = keepAllValues ? new double[horizon][] : null;
      double[] next = new double[numStates]; // V_T = 0
      double[] current = new double[numStates];
      double[] w = new double[numStates];
      double nextMax = 0.0;
      for (int t = horizon - 1; t >= 0; t--) {
        final double m = nextMax;
        final double[] v = next;
        final double[] out = current;
        if (backup == Backup.EXACT) {
          forEachChunk(
              (c, begin, end) -> {
                for (int s = begin; s < end; s++) {
                  w[s] = Math.exp((v[s] - m) / alpha);
                }
              });
        }
        forEachChunk(
            (c, begin, end) -> {
              double[] q = new double[numActions];
              double[] priorRow = new double[numActions];
              double max = Double.NEGATIVE_INFINITY;
              long stable = 0;
              for (int s = begin; s < end; s++) {
                boolean shifted = false;
                for (int a = 0; a < numActions; a++) {
                  int row = s * numActions + a;
                  if (folded[row] == Double.NEGATIVE_INFINITY) {
                    q[a] = Double.NEGATIVE_INFINITY;
                    continue;
                  }
                  double b;
                  if (backup == Backup.MAXENT) {
                    b = transitions.dot(row, v);
                  } else {
                    double sum = largeTemperature ? 0.0 : transitions.dot(row, w);
                    if (sum >= TINY) {
                      b = m + alpha * Math.log(sum);
                    } else {
                      b =
                          Backup.EXACT.apply(
                              mdp.rowStart, mdp.successors, mdp.probabilities, row, v, alpha);
                      shifted = !largeTemperature;
                    }
                  }
                  q[a] = mdp.rewards[row] + gamma * b;
                }
                if (shifted) {
                  stable++;
                }
                if (prior != null) {
                  System.arraycopy(prior, s * numActions, priorRow, 0, numActions);
                }
                double value =
                    LogSpace.softValue(q, 0, numActions, prior == null ? null : priorRow, alpha);
                out[s] = value;
                max = Math.max(max, value);
              }
              chunkMax[c] = max;
              chunkStable[c] += stable;
            });
        nextMax = Double.NEGATIVE_INFINITY;
        for (double cm : chunkMax) {
          nextMax = Math.max(nextMax, cm);
        }
        if (all != null) {
          all[t] = out.clone();
        }
        current = next;
        next = out;
      }
      return result(next, all);
    }

    void forEachChunk(ChunkBody body) {
      forEachChunk(chunks, body);
    }

    void forEachChunk(int chunks, ChunkBody body) {
      if (pool == null) {
        body.run(0, 0, numStates);
        return;
      }
      List<Callable<Void>> tasks = new ArrayList<>(chunks);
      for (int c = 0; c < chunks; c++) {
        final int chunk = c;
        final int begin = (int) ((long) numStates * c / chunks);
        final int end = (int) ((long) numStates * (c + 1) / chunks);
        tasks.add(
            () -> {
              body.run(chunk, begin, end);
              return null;
            });
      }
      for (var future : pool.invokeAll(tasks)) {
        try {
          future.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("soft value iteration interrupted", e);
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(cause);
        }
      }
    }
  }
}
