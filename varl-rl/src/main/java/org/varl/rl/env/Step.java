package org.varl.rl.env;

/**
 * What one environment step returns, as Gymnasium's {@code step}: the next observation, the reward,
 * {@code terminated} (a terminal state of the MDP was reached: do not bootstrap) and {@code
 * truncated} (the episode was cut, e.g. by a time limit: the state is not terminal, bootstrap).
 *
 * @param observation the observation after the step (a fresh array owned by the caller)
 * @param reward the reward of the transition
 * @param terminated whether the MDP reached a terminal state
 * @param truncated whether the episode was cut short (a time limit)
 */
public record Step(double[] observation, double reward, boolean terminated, boolean truncated) {

  /** Whether the episode is over: {@code terminated || truncated}. */
  public boolean done() {
    return terminated || truncated;
  }
}
