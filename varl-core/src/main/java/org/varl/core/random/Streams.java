package org.varl.core.random;

/**
 * The stream identifiers of varl's random draws: the first coordinate given to {@link Seeds#mix},
 * so that no two uses of randomness share a stream. Values are part of the reproducibility
 * contract: changing one changes every run that uses it. New uses take new values; gaps are fine.
 */
public final class Streams {

  private Streams() {}

  /** Initial parameters of a network. */
  public static final long PARAMETERS = 1;

  /** Per-step training noise (the reparameterization's ε, a policy's exploration). */
  public static final long TRAIN_NOISE = 2;

  /** Noise of a test-set evaluation. */
  public static final long TEST_NOISE = 3;

  /** Noise of a separate evaluation (importance sampling, ...). */
  public static final long EVAL_NOISE = 4;

  /** Draws shown to a user (samples from a model). */
  public static final long SAMPLES = 5;

  /** Generated data (the shapes sprites). */
  public static final long DATA = 11;

  /** The train/test split. */
  public static final long SPLIT = 12;

  /** The per-epoch mini-batch shuffle. */
  public static final long BATCHES = 13;

  /** Dynamic binarization. */
  public static final long BINARIZE = 14;

  /**
   * An environment's initial-state distribution ({@code Env.reset(seed)} in varl-rl): the reset
   * seed of each training episode (coordinate: episode).
   */
  public static final long ENVIRONMENT = 21;

  /**
   * Reinforcement learning: the reset seeds of evaluation episodes (coordinates: evaluation,
   * episode), a stream apart from {@link #ENVIRONMENT} so that evaluation never replays a training
   * episode's start.
   */
  public static final long EVAL_ENVIRONMENT = 22;

  /** Reinforcement learning: uniform actions before learning starts (coordinate: step). */
  public static final long RANDOM_ACTIONS = 23;

  /** Reinforcement learning: a policy's exploration noise when acting (coordinate: step). */
  public static final long ACTION_NOISE = 24;

  /** Reinforcement learning: an agent's noise in gradient update u (coordinate: u). */
  public static final long UPDATE_NOISE = 25;

  /** Reinforcement learning: the replay minibatch of update u (coordinate: u). */
  public static final long REPLAY_BATCHES = 26;
}
