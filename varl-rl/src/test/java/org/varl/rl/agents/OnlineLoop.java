package org.varl.rl.agents;

import java.util.SplittableRandom;
import org.varl.rl.env.Env;
import org.varl.rl.env.Step;
import org.varl.rl.replay.ReplayBuffer;

/**
 * The training loop of {@link UpdateSchedule}'s javadoc, written out for the learning tests (the
 * real one is the trainer's): uniform actions before learningStarts, then the agent's; bursts of
 * updates on uniform batches.
 */
final class OnlineLoop {

  private OnlineLoop() {}

  /** Runs {@code steps} environment steps; returns the number of updates made. */
  static long run(Agent agent, Env env, UpdateSchedule schedule, long steps, long seed) {
    int actions = ((org.varl.rl.env.Discrete) env.actionSpace()).n();
    ReplayBuffer buffer =
        new ReplayBuffer(schedule.bufferSize(), env.observationSpace().dimension(), 1);
    SplittableRandom random = new SplittableRandom(seed);
    double[] obs = env.reset(seed);
    long updates = 0;
    for (long t = 0; t < steps; t++) {
      double[] action =
          t < schedule.learningStarts()
              ? new double[] {random.nextInt(actions)}
              : agent.act(obs, false, t);
      Step step = env.step(action);
      buffer.add(
          obs, action, step.reward(), step.observation(), step.terminated(), step.truncated());
      obs = step.done() ? env.reset() : step.observation();
      if (schedule.updatesAfter(t)) {
        for (int g = 0; g < schedule.gradientSteps(); g++) {
          UpdateMetrics metrics =
              agent.update(buffer.sample(schedule.batchSize(), random), updates);
          if (!metrics.finite()) {
            throw new AssertionError("update " + updates + " diverged: " + metrics);
          }
          updates++;
        }
      }
    }
    return updates;
  }

  /** The return and length of one deterministic episode (at most {@code limit} steps). */
  static double[] greedyEpisode(Agent agent, Env env, int limit) {
    double[] obs = env.reset(0);
    double total = 0;
    for (int t = 0; t < limit; t++) {
      Step step = env.step(agent.act(obs, true, t));
      total += step.reward();
      if (step.done()) {
        return new double[] {total, t + 1};
      }
      obs = step.observation();
    }
    return new double[] {total, limit};
  }
}
