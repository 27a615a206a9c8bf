package org.varl.rl.train;

import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;
import org.varl.rl.agents.Agent;
import org.varl.rl.env.Env;
import org.varl.rl.env.Step;

/**
 * Evaluation episodes: the agent's deterministic (or sampled) actions on an environment of its own,
 * each episode reset with {@code Seeds.mix(seed, EVAL_ENVIRONMENT, round, episode)}, a stream apart
 * from the training episodes' {@code ENVIRONMENT} resets, so evaluation starts are never training
 * starts.
 *
 * @param returns every episode's undiscounted return, in order
 * @param mean their mean
 * @param std their population standard deviation (NumPy's {@code np.std}, as the peer prints)
 */
public record Evaluation(double[] returns, double mean, double std) {

  /** The evaluation round of {@code varl rl eval}, apart from the training's rounds 0, 1, … */
  public static final long STANDALONE_ROUND = -1;

  /**
   * Runs {@code episodes} episodes to their end (termination or the time limit).
   *
   * @param round the evaluation's index within the run (a seed coordinate)
   * @param deterministic tanh(mean) / argmax actions rather than samples
   */
  public static Evaluation run(
      Agent agent, Env env, int episodes, long seed, long round, boolean deterministic) {
    double[] returns = new double[episodes];
    for (int e = 0; e < episodes; e++) {
      double[] obs = env.reset(Seeds.mix(seed, Streams.EVAL_ENVIRONMENT, round, e));
      double total = 0;
      long t = 0;
      while (true) {
        // Sampled actions key their noise apart from training steps: negative step indices.
        long key = -1 - (((round + 2) * 1_000_003L + e) * 100_003L + t);
        Step step = env.step(agent.act(obs, deterministic, key));
        total += step.reward();
        t++;
        if (step.done()) {
          break;
        }
        obs = step.observation();
      }
      returns[e] = total;
    }
    double mean = 0;
    for (double r : returns) {
      mean += r;
    }
    mean /= episodes;
    double var = 0;
    for (double r : returns) {
      var += (r - mean) * (r - mean);
    }
    return new Evaluation(returns, mean, Math.sqrt(var / episodes));
  }
}
