package org.varl.control;

import java.util.Arrays;

/**
 * A finite Markov decision process with sparse transitions.
 *
 * <ul>
 *   <li>S states, A actions; a row index is {@code row = s * A + a}.
 *   <li>Transitions P(s'|s,a) in compressed sparse rows: the nonzeros of row {@code s*A+a} are the
 *       indices {@code k} in {@code [rowBegin(s,a), rowEnd(s,a))}, with successor {@code
 *       successor(k)} (increasing within a row) and probability {@code probability(k)}. Every row
 *       is nonempty and sums to 1.
 *   <li>Rewards r(s,a), finite; initial distribution p0(s); an optional action prior p(a|s) whose
 *       rows sum to 1.
 * </ul>
 *
 * <p>Immutable. Build one with {@link #builder()}, read one with {@link MdpJson}. The arrays are
 * shared with the solvers of this package, never with callers.
 */
public final class Mdp {
  /**
   * Tolerance on |sum - 1| for transition rows, the initial distribution and prior rows (issue 2).
   */
  public static final double SUM_TOLERANCE = 1e-9;

  final int numStates;
  final int numActions;
  final int[] rowStart;
  final int[] successors;
  final double[] probabilities;
  final double[] rewards;
  final double[] initial;
  final double[] actionPrior;

  Mdp(
      int numStates,
      int numActions,
      int[] rowStart,
      int[] successors,
      double[] probabilities,
      double[] rewards,
      double[] initial,
      double[] actionPrior) {
    this.numStates = numStates;
    this.numActions = numActions;
    this.rowStart = rowStart;
    this.successors = successors;
    this.probabilities = probabilities;
    this.rewards = rewards;
    this.initial = initial;
    this.actionPrior = actionPrior;
  }

  public static MdpBuilder builder() {
    return new MdpBuilder();
  }

  public int numStates() {
    return numStates;
  }

  public int numActions() {
    return numActions;
  }

  /** Number of stored nonzero transition probabilities (after duplicates were added up). */
  public int numTransitions() {
    return successors.length;
  }

  public int rowBegin(int s, int a) {
    return rowStart[s * numActions + a];
  }

  public int rowEnd(int s, int a) {
    return rowStart[s * numActions + a + 1];
  }

  public int successor(int k) {
    return successors[k];
  }

  public double probability(int k) {
    return probabilities[k];
  }

  /** P(s2 | s, a), 0 when not stored. */
  public double transition(int s, int a, int s2) {
    int begin = rowBegin(s, a);
    int end = rowEnd(s, a);
    int k = Arrays.binarySearch(successors, begin, end, s2);
    return k >= 0 ? probabilities[k] : 0.0;
  }

  public double reward(int s, int a) {
    return rewards[s * numActions + a];
  }

  public double initial(int s) {
    return initial[s];
  }

  public boolean hasActionPrior() {
    return actionPrior != null;
  }

  /** p(a|s); 1/A when no prior was given (the forward messages' convention). */
  public double actionPrior(int s, int a) {
    return actionPrior == null ? 1.0 / numActions : actionPrior[s * numActions + a];
  }

  /** True when every row P(.|s,a) has a single successor. */
  public boolean isDeterministic() {
    for (int row = 0; row < numStates * numActions; row++) {
      if (rowStart[row + 1] - rowStart[row] != 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * The prior folded into the reward, r~(s,a) = r(s,a) + alpha log p(a|s), flattened row-major
   * [S*A]. No prior: r~ = r. A prior of 0 gives -infinity (the action is impossible), never NaN.
   */
  public double[] foldedRewards(double alpha) {
    double[] folded = rewards.clone();
    if (actionPrior != null) {
      requirePriorKeepsRewardPrecision(alpha);
      for (int i = 0; i < folded.length; i++) {
        // log(0) = -inf and alpha > 0, so an impossible action gets exactly -inf.
        folded[i] +=
            actionPrior[i] == 0.0 ? Double.NEGATIVE_INFINITY : alpha * Math.log(actionPrior[i]);
      }
    }
    return folded;
  }

  /**
   * Values up to this size are accepted; beyond it sums of rewards, entropies and ulps overflow.
   */
  public static final double MAX_VALUE_SCALE = 1e300;

  /**
   * Refuses an α at which r + α log p(a|s) cannot hold the rewards: the folded reward's rounding, α
   * · max|log p| · 2⁻⁵², must stay below 1e-9 · max|r| (at α = 1e20 the rewards vanished: V₀ came
   * out as [16384, 30720, 10] instead of about [3.67, 5.50, 10]).
   */
  void requirePriorKeepsRewardPrecision(double alpha) {
    double maxLogPrior = 0;
    for (double p : actionPrior) {
      if (p > 0) {
        maxLogPrior = Math.max(maxLogPrior, -Math.log(p));
      }
    }
    double maxReward = 0;
    for (double r : rewards) {
      maxReward = Math.max(maxReward, Math.abs(r));
    }
    double rounding = alpha * maxLogPrior * Math.ulp(1.0);
    if (maxReward > 0 && rounding > 1e-9 * maxReward) {
      double limit = 1e-9 * maxReward / (maxLogPrior * Math.ulp(1.0));
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "temperature: %.3g with this action prior loses the rewards in r + alpha log p(a|s)"
                  + " (alpha max|log p| = %.3g against max |r| = %.3g); use a temperature <= %.3g",
              alpha,
              alpha * maxLogPrior,
              maxReward,
              limit));
    }
  }

  /**
   * Refuses rewards whose accumulated value cannot be represented: (max|r| + α log A + α max|log
   * p|) · steps must stay below {@value #MAX_VALUE_SCALE}, where steps is the horizon T (finite
   * horizon; at most 1/(1 − γ) with discount γ &lt; 1) or 1/(1 − γ) (infinite horizon). Names the
   * largest reward's index.
   */
  public void requireRepresentableValues(double alpha, double steps) {
    int worst = 0;
    for (int i = 0; i < rewards.length; i++) {
      if (Math.abs(rewards[i]) > Math.abs(rewards[worst])) {
        worst = i;
      }
    }
    double maxLogPrior = 0;
    if (actionPrior != null) {
      for (double p : actionPrior) {
        if (p > 0) {
          maxLogPrior = Math.max(maxLogPrior, -Math.log(p));
        }
      }
    }
    double perStep = Math.abs(rewards[worst]) + alpha * (Math.log(numActions) + maxLogPrior);
    if (!(perStep * steps <= MAX_VALUE_SCALE)) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "rewards[%d][%d]: %.3g over %.3g steps (with the temperature's entropy terms) makes"
                  + " values of %.3g, beyond the representable %.0e",
              worst / numActions,
              worst % numActions,
              rewards[worst],
              steps,
              perStep * steps,
              MAX_VALUE_SCALE));
    }
  }

  /** A copy of this MDP with other rewards r(s,a) [S][A] (validated like the builder's). */
  public Mdp withRewards(double[][] newRewards) {
    double[] flat = MdpBuilder.flattenRewards(newRewards, numStates, numActions);
    return new Mdp(
        numStates, numActions, rowStart, successors, probabilities, flat, initial, actionPrior);
  }

  /**
   * A copy of this MDP with another action prior p(a|s) [S][A], or none when {@code prior} is null.
   */
  public Mdp withActionPrior(double[][] prior) {
    double[] flat = prior == null ? null : MdpBuilder.flattenPrior(prior, numStates, numActions);
    return new Mdp(
        numStates, numActions, rowStart, successors, probabilities, rewards, initial, flat);
  }

  /** A copy of this MDP with another initial distribution p0 [S]. */
  public Mdp withInitial(double[] p0) {
    return new Mdp(
        numStates,
        numActions,
        rowStart,
        successors,
        probabilities,
        rewards,
        MdpBuilder.checkInitial(p0, numStates),
        actionPrior);
  }

  @Override
  public String toString() {
    return "Mdp[states="
        + numStates
        + ", actions="
        + numActions
        + ", transitions="
        + successors.length
        + (actionPrior != null ? ", with action prior" : "")
        + "]";
  }
}
