package org.varl.rl.agents;

import org.varl.core.io.Checkpoint;
import org.varl.rl.replay.ReplayBatch;

/**
 * An off-policy agent as the training loop sees it: act, update on a replay batch, save and
 * restore.
 *
 * <p>Randomness is counter-based: {@link #act} and {@link #update} take the step index and derive
 * their noise from (seed, stream, step) through {@code org.varl.core.random.NoiseStream}, so an
 * agent's random state is its step counter and a resumed run draws exactly the noise the
 * uninterrupted one would have drawn.
 *
 * <p>Native memory: each call runs in its own {@code NDManager} scope; the agent's parameters and
 * optimizer state live in the manager it was created with, which {@link #close} frees.
 */
public interface Agent extends AutoCloseable {

  /**
   * The action for one observation: sampled from the policy, or its deterministic version (SAC:
   * tanh(mean) scaled to the box; discrete: the argmax), as a vector of the action space's
   * dimension (a discrete index as a one-element vector).
   *
   * @param step the environment step, which keys the exploration noise
   */
  double[] act(double[] observation, boolean deterministic, long step);

  /**
   * One gradient update on {@code batch}.
   *
   * @param update the index of this update, which keys its noise
   */
  UpdateMetrics update(ReplayBatch batch, long update);

  /** Writes networks, target networks, optimizers and α under the agent's own names. */
  void writeTo(Checkpoint.Builder checkpoint);

  /**
   * Restores what {@link #writeTo} wrote.
   *
   * @throws IllegalArgumentException naming the entry if the checkpoint does not fit this agent
   */
  void readFrom(Checkpoint checkpoint);

  /** The checkpoint kind of this agent ({@code sac}, {@code soft-q}, {@code dqn}, {@code dsac}). */
  String kind();

  @Override
  void close();
}
