package org.varl.rl.imitation.eval;

/**
 * A policy to score on the obstacle task: state (x, y) → action (dx, dy), with a hook at the start
 * of every episode so that a policy with a per-episode latent (a CVAE holding one z ~ p(z | s_0)
 * for the whole episode) can draw it. A policy brings its own random generator; the driver seeds
 * only the task.
 */
@FunctionalInterface
public interface ObstaclePolicy {

  /** The action at {@code state}; the task clips it to norm ≤ 0.05. */
  double[] act(double[] state);

  /**
   * Called once per episode, after the reset and before the first {@link #act}; does nothing by
   * default.
   *
   * @param episode the episode index, 0 first
   * @param start the episode's first state (a copy the policy may keep)
   */
  default void beginEpisode(int episode, double[] start) {}
}
