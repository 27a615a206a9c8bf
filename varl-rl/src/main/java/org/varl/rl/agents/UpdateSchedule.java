package org.varl.rl.agents;

/**
 * When the training loop updates an off-policy agent, as Stable-Baselines3's {@code
 * OffPolicyAlgorithm} does:
 *
 * <pre>
 *   for t = 0, 1, …, T − 1 (environment steps):
 *     a_t = uniform random action            if t &lt; learningStarts, else agent.act(s_t, false, t)
 *     store (s_t, a_t, r_t, s_{t+1}, terminated_t) in a buffer of bufferSize transitions
 *     if (t + 1) % trainFrequency == 0 and t + 1 &gt; learningStarts:
 *       gradientSteps times: agent.update(buffer.sample(batchSize), u), u = 0, 1, 2, … over the run
 * </pre>
 *
 * SAC's schedule is one update per step ({@code trainFrequency = gradientSteps = 1}); rl-zoo's
 * CartPole DQN collects 256 steps and then makes 128 updates. Each agent's config gives its
 * schedule; a target-network update interval counts updates {@code u} and belongs to the agent.
 *
 * @param bufferSize replay buffer capacity (SB3 {@code buffer_size})
 * @param batchSize transitions per update (SB3 {@code batch_size})
 * @param learningStarts environment steps of uniform random actions before the first update (SB3
 *     {@code learning_starts})
 * @param trainFrequency environment steps between bursts of updates (SB3 {@code train_freq})
 * @param gradientSteps updates per burst (SB3 {@code gradient_steps})
 */
public record UpdateSchedule(
    int bufferSize, int batchSize, int learningStarts, int trainFrequency, int gradientSteps) {

  /** Checks every field; messages name the option and the value. */
  public UpdateSchedule {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("buffer-size must be >= 1, found " + bufferSize);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch-size must be >= 1, found " + batchSize);
    }
    if (learningStarts < 0) {
      throw new IllegalArgumentException("learning-starts must be >= 0, found " + learningStarts);
    }
    if (trainFrequency < 1) {
      throw new IllegalArgumentException("train-freq must be >= 1, found " + trainFrequency);
    }
    if (gradientSteps < 1) {
      throw new IllegalArgumentException("gradient-steps must be >= 1, found " + gradientSteps);
    }
  }

  /**
   * The number of updates in a run of {@code steps} environment steps: gradientSteps times the
   * multiples m of trainFrequency with learningStarts &lt; m ≤ steps (e.g. 24,576 for rl-zoo's
   * CartPole DQN over 50,000 steps).
   */
  public long totalUpdates(long steps) {
    long bursts = Math.max(0, steps / trainFrequency - (long) learningStarts / trainFrequency);
    return bursts * gradientSteps;
  }

  /** Whether updates follow environment step {@code t} (0-based). */
  public boolean updatesAfter(long t) {
    return (t + 1) % trainFrequency == 0 && t + 1 > learningStarts;
  }
}
