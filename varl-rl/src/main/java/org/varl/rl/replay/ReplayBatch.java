package org.varl.rl.replay;

/**
 * A minibatch of transitions (s, a, r, s′, terminated), row-major float arrays ready to become
 * tensors: {@code observations} and {@code nextObservations} are {@code [size, observationDim]},
 * {@code actions} {@code [size, actionDim]}, {@code rewards} and {@code terminated} {@code [size]}.
 *
 * <p>{@code terminated} is 1 for a transition into a terminal state and 0 otherwise; the bootstrap
 * target is {@code r + γ (1 − terminated) V(s′)}. A time-limit truncation is <em>not</em> terminal
 * and bootstraps (SB3 issue 284), so the batch carries no {@code truncated} column.
 *
 * @param size the number of transitions
 * @param observationDim the observation dimension
 * @param actionDim the action dimension (1 for a discrete action index)
 * @param observations s, {@code [size, observationDim]}
 * @param actions a, {@code [size, actionDim]}
 * @param rewards r, {@code [size]}
 * @param nextObservations s′, {@code [size, observationDim]}
 * @param terminated 1 where s′ is terminal, {@code [size]}
 */
public record ReplayBatch(
    int size,
    int observationDim,
    int actionDim,
    float[] observations,
    float[] actions,
    float[] rewards,
    float[] nextObservations,
    float[] terminated) {

  /** Checks the lengths against the dimensions. */
  public ReplayBatch {
    check("observations", observations.length, (long) size * observationDim);
    check("actions", actions.length, (long) size * actionDim);
    check("rewards", rewards.length, size);
    check("nextObservations", nextObservations.length, (long) size * observationDim);
    check("terminated", terminated.length, size);
  }

  private static void check(String field, int length, long expected) {
    if (length != expected) {
      throw new IllegalArgumentException(
          field + " must have " + expected + " values, found " + length);
    }
  }
}
