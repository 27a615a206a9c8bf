package org.varl.control;

import java.util.Arrays;

/**
 * Builds a validated {@link Mdp}. Required: {@link #setStates}, {@link #setActions}, at least one
 * transition per (s,a) via {@link #addTransition}, {@link #setRewards}, {@link #setInitial}.
 * Optional: {@link #optActionPrior}, {@link #optNormalize}. Repeated (s, a, s2) entries add up.
 * {@link #build()} validates everything and throws {@link IllegalArgumentException} with a one-line
 * message naming the field, the index and the value, for example {@code transitions[12]:
 * probability must be finite and >= 0, found NaN}. Entries are numbered in the order they were
 * added, which is the order of the JSON list.
 */
public final class MdpBuilder {
  private int numStates;
  private int numActions;
  private boolean statesSet;
  private boolean actionsSet;
  private int count;
  private int[] from = new int[16];
  private int[] action = new int[16];
  private int[] to = new int[16];
  private double[] prob = new double[16];
  private double[][] rewardRows;
  private double[] initial;
  private double[][] prior;
  private boolean normalize;

  MdpBuilder() {}

  public MdpBuilder setStates(int states) {
    this.numStates = states;
    this.statesSet = true;
    return this;
  }

  public MdpBuilder setActions(int actions) {
    this.numActions = actions;
    this.actionsSet = true;
    return this;
  }

  /**
   * Reserves room for this many {@link #addTransition} calls (saves regrowing for large MDPs).
   * Optional.
   */
  public MdpBuilder optCapacity(int transitions) {
    if (transitions > from.length) {
      from = Arrays.copyOf(from, transitions);
      action = Arrays.copyOf(action, transitions);
      to = Arrays.copyOf(to, transitions);
      prob = Arrays.copyOf(prob, transitions);
    }
    return this;
  }

  /** Adds P(s2|s,a) += p; checked in {@link #build()}. */
  public MdpBuilder addTransition(int s, int a, int s2, double p) {
    if (count == from.length) {
      int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * count);
      from = Arrays.copyOf(from, capacity);
      action = Arrays.copyOf(action, capacity);
      to = Arrays.copyOf(to, capacity);
      prob = Arrays.copyOf(prob, capacity);
    }
    from[count] = s;
    action[count] = a;
    to[count] = s2;
    prob[count] = p;
    count++;
    return this;
  }

  /** Rewards r(s,a) as S rows of A values. */
  public MdpBuilder setRewards(double[][] rewards) {
    this.rewardRows = rewards;
    return this;
  }

  public MdpBuilder setInitial(double[] p0) {
    this.initial = p0;
    return this;
  }

  /** Action prior p(a|s) as S rows of A values, each row summing to 1; null means none. */
  public MdpBuilder optActionPrior(double[][] actionPrior) {
    this.prior = actionPrior;
    return this;
  }

  /**
   * Rescale each transition row to sum to 1 instead of rejecting rows off by more than 1e-9.
   * Default false. Rows (and the initial distribution) within 1e-9 are rescaled either way.
   */
  public MdpBuilder optNormalize(boolean rescale) {
    this.normalize = rescale;
    return this;
  }

  public Mdp build() {
    // Set-flags rather than a -1 sentinel: "states": -3 is a value to report, not a missing field.
    if (!statesSet) {
      throw new IllegalArgumentException("states: required field is missing");
    }
    if (!actionsSet) {
      throw new IllegalArgumentException("actions: required field is missing");
    }
    if (numStates < 1) {
      throw new IllegalArgumentException("states: must be >= 1, found " + numStates);
    }
    if (numActions < 1) {
      throw new IllegalArgumentException("actions: must be >= 1, found " + numActions);
    }
    if ((long) numStates * numActions >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "states: states * actions must be < 2^31, found " + (long) numStates * numActions);
    }
    int rows = numStates * numActions;
    // Sizes before allocation (issue 9): a 100-byte file saying "states": 1000000000 must not
    // allocate 4 GB of row offsets to find out that it lists too few transitions.
    if (rewardRows != null && rewardRows.length != numStates) {
      throw new IllegalArgumentException(
          "rewards: expected " + numStates + " rows, found " + rewardRows.length);
    }
    if (count < rows) {
      throw noTransitions(firstUncoveredRow());
    }
    MemoryEstimate.check(
        "states",
        numStates,
        MemoryEstimate.arrays(4, rows, 4)
            + MemoryEstimate.arrays(2, rows, 8)
            + MemoryEstimate.arrays(1, count, 8 + 4 + 8),
        "the MDP's rows, rewards and sorted transitions");
    for (int i = 0; i < count; i++) {
      checkEntry(i);
    }
    // Counting sort of the entries by row s*A+a; stable, so duplicates keep their input order.
    int[] rowStart = new int[rows + 1];
    for (int i = 0; i < count; i++) {
      rowStart[from[i] * numActions + action[i] + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      if (rowStart[r + 1] == 0) {
        throw noTransitions(r);
      }
      rowStart[r + 1] += rowStart[r];
    }
    int[] fill = Arrays.copyOf(rowStart, rows);
    // key = successor << 32 | original position, so sorting a row orders by successor and then by
    // input order.
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      keys[fill[from[i] * numActions + action[i]]++] = ((long) to[i] << 32) | i;
    }
    int[] mergedStart = new int[rows + 1];
    int[] successors = new int[count];
    double[] probabilities = new double[count];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      Arrays.sort(keys, rowStart[r], rowStart[r + 1]);
      int first = n;
      double sum = 0.0;
      for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
        int s2 = (int) (keys[k] >>> 32);
        double p = prob[(int) keys[k]];
        sum += p;
        if (p == 0.0) {
          continue; // a structural zero changes nothing; keep rows free of them
        }
        if (n > first && successors[n - 1] == s2) {
          probabilities[n - 1] += p;
        } else {
          successors[n] = s2;
          probabilities[n] = p;
          n++;
        }
      }
      String name = "transitions: row P(.|s=" + r / numActions + ",a=" + r % numActions + ")";
      if (!Double.isFinite(sum)) {
        throw new IllegalArgumentException(
            name + " sums to " + sum + "; its entries are too large to rescale, divide them first");
      }
      if (n == first || sum == 0.0) {
        throw new IllegalArgumentException(name + " sums to 0; it needs positive probabilities");
      }
      if (Math.abs(sum - 1.0) > Mdp.SUM_TOLERANCE) {
        if (!normalize) {
          throw new IllegalArgumentException(
              name + " sums to " + sum + " (tolerance 1e-9" + "); use --normalize to rescale");
        }
      }
      // Within the tolerance (or with --normalize) the row is rescaled to sum to 1 to rounding: a
      // row off by 5e-10 would otherwise move the visitation's mass by as much at every step.
      double merged = 0.0;
      for (int k = first; k < n; k++) {
        merged += probabilities[k];
      }
      if (merged != 1.0) {
        for (int k = first; k < n; k++) {
          probabilities[k] /= merged;
        }
      }
      mergedStart[r + 1] = n;
    }
    double[] flatRewards = flattenRewards(rewardRows, numStates, numActions);
    double[] p0 = checkInitial(initial, numStates);
    double[] flatPrior = prior == null ? null : flattenPrior(prior, numStates, numActions);
    return new Mdp(
        numStates,
        numActions,
        mergedStart,
        Arrays.copyOf(successors, n),
        Arrays.copyOf(probabilities, n),
        flatRewards,
        p0,
        flatPrior);
  }

  private IllegalArgumentException noTransitions(long row) {
    return new IllegalArgumentException(
        "transitions: (s=" + row / numActions + ",a=" + row % numActions + ") has no transitions");
  }

  /**
   * The first row s*A+a without an entry, found in memory proportional to the entries (not to the
   * rows, which may be 1e9 for a 100-byte file); only called when there are fewer entries than
   * rows, so one exists.
   */
  private long firstUncoveredRow() {
    long[] used = new long[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      checkEntry(i);
      used[n++] = (long) from[i] * numActions + action[i];
    }
    Arrays.sort(used, 0, n);
    long expected = 0;
    for (int i = 0; i < n; i++) {
      if (used[i] > expected) {
        return expected;
      }
      expected = used[i] + 1;
    }
    return expected;
  }

  private void checkEntry(int i) {
    if (from[i] < 0 || from[i] >= numStates) {
      throw new IllegalArgumentException(
          "transitions[" + i + "]: state " + from[i] + " out of range [0, " + numStates + ")");
    }
    if (action[i] < 0 || action[i] >= numActions) {
      throw new IllegalArgumentException(
          "transitions[" + i + "]: action " + action[i] + " out of range [0, " + numActions + ")");
    }
    if (to[i] < 0 || to[i] >= numStates) {
      throw new IllegalArgumentException(
          "transitions[" + i + "]: next state " + to[i] + " out of range [0, " + numStates + ")");
    }
    if (!(prob[i] >= 0.0) || Double.isInfinite(prob[i])) {
      throw new IllegalArgumentException(
          "transitions[" + i + "]: probability must be finite and >= 0, found " + prob[i]);
    }
  }

  static double[] flattenRewards(double[][] rows, int states, int actions) {
    if (rows == null) {
      throw new IllegalArgumentException("rewards: required field is missing");
    }
    if (rows.length != states) {
      throw new IllegalArgumentException(
          "rewards: expected " + states + " rows, found " + rows.length);
    }
    double[] flat = new double[states * actions];
    for (int s = 0; s < states; s++) {
      if (rows[s] == null || rows[s].length != actions) {
        throw new IllegalArgumentException(
            "rewards["
                + s
                + "]: expected "
                + actions
                + " values, found "
                + (rows[s] == null ? 0 : rows[s].length));
      }
      for (int a = 0; a < actions; a++) {
        double r = rows[s][a];
        if (!Double.isFinite(r)) {
          throw new IllegalArgumentException(
              "rewards[" + s + "][" + a + "]: must be finite, found " + r);
        }
        flat[s * actions + a] = r;
      }
    }
    return flat;
  }

  static double[] checkInitial(double[] p0, int states) {
    if (p0 == null) {
      throw new IllegalArgumentException("initial: required field is missing");
    }
    if (p0.length != states) {
      throw new IllegalArgumentException(
          "initial: expected " + states + " values, found " + p0.length);
    }
    checkDistribution(p0, 0, states, "initial", "initial");
    // Rescaled like the transition rows, so that d_0 = p0 is a distribution to rounding.
    double sum = 0.0;
    for (double p : p0) {
      sum += p;
    }
    double[] copy = p0.clone();
    if (sum != 1.0) {
      for (int s = 0; s < states; s++) {
        copy[s] /= sum;
      }
    }
    return copy;
  }

  static double[] flattenPrior(double[][] rows, int states, int actions) {
    if (rows.length != states) {
      throw new IllegalArgumentException(
          "actionPrior: expected " + states + " rows, found " + rows.length);
    }
    double[] flat = new double[states * actions];
    for (int s = 0; s < states; s++) {
      if (rows[s] == null || rows[s].length != actions) {
        throw new IllegalArgumentException(
            "actionPrior["
                + s
                + "]: expected "
                + actions
                + " values, found "
                + (rows[s] == null ? 0 : rows[s].length));
      }
      System.arraycopy(rows[s], 0, flat, s * actions, actions);
      checkDistribution(
          flat, s * actions, actions, "actionPrior[" + s + "]", "actionPrior[" + s + "]");
    }
    return flat;
  }

  /** Entries finite and >= 0, summing to 1 within {@link Mdp#SUM_TOLERANCE}. */
  private static void checkDistribution(
      double[] values, int offset, int length, String name, String row) {
    double sum = 0.0;
    for (int i = 0; i < length; i++) {
      double v = values[offset + i];
      if (!(v >= 0.0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            name + "[" + i + "]: probability must be finite and >= 0, found " + v);
      }
      sum += v;
    }
    if (Math.abs(sum - 1.0) > Mdp.SUM_TOLERANCE) {
      throw new IllegalArgumentException(
          row + ": sums to " + sum + ", expected 1 (tolerance 1e-9" + ")");
    }
  }
}
