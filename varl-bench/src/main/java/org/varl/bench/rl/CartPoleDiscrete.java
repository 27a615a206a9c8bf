package org.varl.bench.rl;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;
import org.varl.rl.agents.Agent;
import org.varl.rl.agents.DiscreteSacAgent;
import org.varl.rl.agents.DiscreteSacConfig;
import org.varl.rl.agents.SoftQAgent;
import org.varl.rl.agents.SoftQConfig;
import org.varl.rl.agents.UpdateMetrics;
import org.varl.rl.agents.UpdateSchedule;
import org.varl.rl.env.Env;
import org.varl.rl.env.Envs;
import org.varl.rl.env.Step;
import org.varl.rl.replay.ReplayBuffer;

/**
 * Trains one discrete-action agent on CartPole-v1 for a number of environment steps with its
 * config's {@link UpdateSchedule} (uniform actions before learning_starts, then the agent's; bursts
 * of gradientSteps updates every trainFrequency steps, as SB3's OffPolicyAlgorithm), then evaluates
 * the deterministic policy (argmax) on {@code EVAL} episodes. Prints one line: {@code algo A seed S
 * alpha X steps T updates U eval_mean M eval_std D train_seconds W}.
 *
 * <p>The training loop is written out here because the generic trainer lives on another branch;
 * once merged this benchmark should call it instead.
 *
 * <p>Usage: {@code CartPoleDiscrete ALGO=dqn|soft-q|dsac SEED [STEPS=50000] [ALPHA] [EVAL=10]}.
 * Seeds: parameters and acting noise from the agent's seed; environment resets from {@code
 * Seeds.mix(seed, Streams.DATA, episode)} (evaluation: {@code Streams.EVAL_NOISE}); warm-up actions
 * and replay batches from {@code Streams.BATCHES}.
 */
public final class CartPoleDiscrete {
  private CartPoleDiscrete() {}

  public static void main(String[] args) {
    String algo = args[0];
    long seed = Long.parseLong(args[1]);
    long steps = args.length > 2 ? Long.parseLong(args[2]) : 50_000;
    int evalEpisodes = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    Env env = Envs.make("CartPole-v1");
    try (NDManager root = NDManager.newBaseManager()) {
      Agent agent;
      UpdateSchedule schedule;
      double alpha;
      switch (algo) {
        case "dqn", "soft-q" -> {
          SoftQConfig config =
              algo.equals("dqn") ? SoftQConfig.defaults() : SoftQConfig.softQDefaults();
          if (args.length > 3 && !args[3].isEmpty()) {
            config = config.withAlpha(Double.parseDouble(args[3]));
          }
          alpha = config.alpha();
          schedule = config.schedule();
          agent = SoftQAgent.create(root, env.observationSpace(), env.actionSpace(), config, seed);
        }
        case "dsac" -> {
          DiscreteSacConfig config = DiscreteSacConfig.defaults();
          alpha = Double.NaN;
          schedule = config.schedule();
          agent =
              DiscreteSacAgent.create(
                  root, env.observationSpace(), env.actionSpace(), config, seed);
        }
        default ->
            throw new IllegalArgumentException(
                "algo must be one of dqn, soft-q, dsac, found " + algo);
      }
      try (agent) {
        int actions = 2;
        ReplayBuffer buffer =
            new ReplayBuffer(
                (int) Math.min(schedule.bufferSize(), steps),
                env.observationSpace().dimension(),
                1);
        SplittableRandom random = NoiseStream.generator(seed, Streams.BATCHES);
        long episode = 0;
        double[] obs = env.reset(Seeds.mix(seed, Streams.DATA, episode));
        long updates = 0;
        long start = System.nanoTime();
        for (long t = 0; t < steps; t++) {
          double[] action =
              t < schedule.learningStarts()
                  ? new double[] {random.nextInt(actions)}
                  : agent.act(obs, false, t);
          Step step = env.step(action);
          buffer.add(
              obs, action, step.reward(), step.observation(), step.terminated(), step.truncated());
          if (step.done()) {
            episode++;
            obs = env.reset(Seeds.mix(seed, Streams.DATA, episode));
          } else {
            obs = step.observation();
          }
          if (schedule.updatesAfter(t)) {
            for (int g = 0; g < schedule.gradientSteps(); g++) {
              UpdateMetrics m = agent.update(buffer.sample(schedule.batchSize(), random), updates);
              if (!m.finite()) {
                throw new IllegalStateException("update " + updates + " diverged: " + m);
              }
              updates++;
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double sum = 0;
        double squares = 0;
        for (int e = 0; e < evalEpisodes; e++) {
          double r = episodeReturn(agent, env, Seeds.mix(seed, Streams.EVAL_NOISE, e));
          sum += r;
          squares += r * r;
        }
        double mean = sum / evalEpisodes;
        double std = Math.sqrt(Math.max(0, squares / evalEpisodes - mean * mean));
        System.out.println(
            String.format(
                Locale.ROOT,
                "algo %s seed %d alpha %s steps %d updates %d eval_mean %.1f eval_std %.1f"
                    + " train_seconds %.1f",
                algo,
                seed,
                Double.isNaN(alpha) ? "auto" : Double.toString(alpha),
                steps,
                updates,
                mean,
                std,
                seconds));
      }
    }
  }

  private static double episodeReturn(Agent agent, Env env, long resetSeed) {
    double[] obs = env.reset(resetSeed);
    double total = 0;
    for (long t = 0; ; t++) {
      Step step = env.step(agent.act(obs, true, t));
      total += step.reward();
      if (step.done()) {
        return total;
      }
      obs = step.observation();
    }
  }
}
