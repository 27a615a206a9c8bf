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
      for (int i = 0; i < folded.length; i++) {
        // log(0) = -inf and alpha > 0, so an impossible action gets exactly -inf.
        folded[i] +=
            actionPrior[i] == 0.0 ? Double.NEGATIVE_INFINITY : alpha * Math.log(actionPrior[i]);
      }
    }
    return folded;
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
