package org.varl.rl.env;

/**
 * An environment with Gymnasium's API ({@code gymnasium.Env}): spaces, {@code reset}, {@code step}.
 *
 * <p>Randomness comes only from the generator seeded by {@link #reset(long)}; {@link #reset()}
 * continues that generator, as {@code env.reset()} without a seed does in Gymnasium. An
 * implementation is single-threaded and mutable.
 *
 * <p>Actions: a vector of {@link #actionSpace()}'s dimension. Box actions outside the box are
 * clipped as Gymnasium's environments do; a NaN or a vector of the wrong length is an {@code
 * IllegalArgumentException} naming the index and the value. Discrete actions are a one-element
 * vector holding the index ({@link Discrete#index}).
 */
public interface Env {

  /** The space of observations. */
  Box observationSpace();

  /** The space of actions. */
  Space actionSpace();

  /** Seeds the environment's generator and starts an episode; returns the first observation. */
  double[] reset(long seed);

  /** Starts an episode with the generator as it stands; returns the first observation. */
  double[] reset();

  /**
   * Takes one step from the current state.
   *
   * @throws IllegalStateException if no episode has been started by {@code reset}
   */
  Step step(double[] action);

  /**
   * The physical state in Gymnasium's order (Pendulum θ, θ̇; CartPole x, ẋ, θ, θ̇; MountainCar
   * position, velocity), a copy.
   */
  double[] state();

  /**
   * Sets the physical state (Gymnasium's {@code env.unwrapped.state = ...}) and returns the
   * observation for it; the step counter of a wrapping time limit is not changed.
   *
   * @throws IllegalArgumentException naming the index and the value for a state of the wrong length
   *     or a non-finite entry
   */
  double[] setState(double[] state);

  /** The Gymnasium id of the environment, e.g. {@code Pendulum-v1}. */
  String id();
}
