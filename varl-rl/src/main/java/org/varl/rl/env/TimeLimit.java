package org.varl.rl.env;

/**
 * Gymnasium's {@code TimeLimit} wrapper: counts the steps of an episode and sets {@code truncated}
 * on the step where the count reaches {@code maxEpisodeSteps}; it never sets {@code terminated}.
 *
 * <p>As in Gymnasium ({@code truncated = elapsed >= max_episode_steps}), a step that both reaches a
 * terminal state and the limit is reported with <em>both</em> flags true; a learner must look at
 * {@code terminated} alone to decide whether to bootstrap. Stepping again after the limit is an
 * {@link IllegalStateException} (Gymnasium would continue the inner environment; here the episode
 * is over until {@code reset}).
 */
public final class TimeLimit implements Env {

  private final Env env;
  private final int maxEpisodeSteps;
  private int elapsedSteps;

  /**
   * Wraps {@code env}.
   *
   * @throws IllegalArgumentException if {@code maxEpisodeSteps < 1}
   */
  public TimeLimit(Env env, int maxEpisodeSteps) {
    if (maxEpisodeSteps < 1) {
      throw new IllegalArgumentException(
          "max-episode-steps must be >= 1, found " + maxEpisodeSteps);
    }
    this.env = env;
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  /** The wrapped environment (Gymnasium's {@code env.unwrapped} for one wrapper). */
  public Env unwrapped() {
    return env;
  }

  /** The step limit. */
  public int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  /** Steps taken since the last reset. */
  public int elapsedSteps() {
    return elapsedSteps;
  }

  @Override
  public Box observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space actionSpace() {
    return env.actionSpace();
  }

  @Override
  public double[] reset(long seed) {
    double[] obs = env.reset(seed);
    elapsedSteps = 0;
    return obs;
  }

  @Override
  public double[] reset() {
    double[] obs = env.reset();
    elapsedSteps = 0;
    return obs;
  }

  /**
   * Steps the wrapped environment and sets {@code truncated} once {@code maxEpisodeSteps} steps
   * have been taken.
   *
   * @throws IllegalStateException if the episode was already truncated (call {@code reset})
   */
  @Override
  public Step step(double[] action) {
    if (elapsedSteps >= maxEpisodeSteps) {
      throw new IllegalStateException(
          env.id()
              + ": the episode was truncated after "
              + maxEpisodeSteps
              + " steps; call reset before stepping again");
    }
    Step step = env.step(action);
    elapsedSteps++;
    boolean truncated = step.truncated() || elapsedSteps >= maxEpisodeSteps;
    return new Step(step.observation(), step.reward(), step.terminated(), truncated);
  }

  @Override
  public double[] state() {
    return env.state();
  }

  /** Sets the wrapped environment's state; the step count is not changed. */
  @Override
  public double[] setState(double[] state) {
    return env.setState(state);
  }

  @Override
  public String id() {
    return env.id();
  }
}
