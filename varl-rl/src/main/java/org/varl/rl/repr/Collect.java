package org.varl.rl.repr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;
import org.varl.rl.agents.Agent;
import org.varl.rl.env.Box;
import org.varl.rl.env.CartPole;
import org.varl.rl.env.Discrete;
import org.varl.rl.env.Env;
import org.varl.rl.env.Envs;
import org.varl.rl.env.PixelEnv;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.env.Step;
import org.varl.rl.env.TimeLimit;
import org.varl.rl.replay.ReplayDirectory;
import org.varl.rl.train.OffPolicyTrainer;
import org.varl.rl.train.TrainedAgent;

/**
 * {@code varl rl collect}: runs a policy in a pixel environment and records a replay directory
 * ({@link ReplayDirectory}) of frames, actions, rewards, flags and the true states.
 *
 * <pre>
 *   s_0 ← reset(mix(seed, ENVIRONMENT, 0))
 *   for t = 0 … N − 1:  record (newest frame of o_t, s_t);  a_t ← policy;  step;  record (a_t, r_t, flags)
 *                       on terminated or truncated: reset(mix(seed, ENVIRONMENT, episode))
 * </pre>
 *
 * Policies: {@code random} draws actions uniformly from (seed, RANDOM_ACTIONS, t), as the training
 * loop's warm-up does; a run directory of {@code varl rl train} acts stochastically with its agent
 * (noise from (seed, ACTION_NOISE, t)): an agent trained on the pixel environment sees the pixel
 * observation, one trained on the state environment ({@code pendulum} for {@code pendulum-pixels})
 * sees the observation of the true state (e.g. an expert whose frames are recorded).
 */
public final class Collect {

  private Collect() {}

  /**
   * One collection.
   *
   * @param env a pixel environment ({@code pendulum-pixels}, {@code cartpole-pixels})
   * @param pixels the rendering options
   * @param policy {@code random} or a run directory
   * @param steps environment steps to record, in [1, 10⁷]
   * @param seed the collection's seed
   */
  public record Config(String env, PixelOptions pixels, String policy, long steps, long seed) {

    /** Checks every field; messages name the option and the value. */
    public Config {
      if (env == null || env.isBlank()) {
        throw new IllegalArgumentException("env must be given");
      }
      if (!Envs.isPixels(env)) {
        throw new IllegalArgumentException(
            "env must be a pixel environment (pendulum-pixels, cartpole-pixels), found '"
                + env
                + "'");
      }
      if (policy == null || policy.isBlank()) {
        throw new IllegalArgumentException("policy must be random or a run directory");
      }
      if (steps < 1 || steps > 10_000_000) {
        throw new IllegalArgumentException("steps must be in [1, 10000000], found " + steps);
      }
      // one frame per step as a double, and the bytes
      long bytes = steps * pixels.imageSize() * (long) pixels.imageSize() * 9L;
      if (bytes > Runtime.getRuntime().maxMemory() / 2) {
        throw new IllegalArgumentException(
            "steps "
                + steps
                + " of "
                + pixels.imageSize()
                + "x"
                + pixels.imageSize()
                + " frames need about "
                + (bytes >> 20)
                + " MiB, above half the heap limit of "
                + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB; reduce --steps or raise -Xmx");
      }
    }

    /** Whether the policy is uniform random. */
    public boolean random() {
      return policy.strip().equals("random");
    }
  }

  /** What a collection recorded. */
  public record Result(ReplayDirectory.Contents contents, long episodes, double meanReward) {}

  /**
   * Collects into memory, checking a model policy first.
   *
   * @throws IllegalArgumentException for a model directory that is missing, corrupt or trained on
   *     another environment
   */
  public static Result run(Config config, LongConsumer progress) {
    TimeLimit env = Envs.make(config.env(), config.pixels());
    if (config.random()) {
      return loop(config, env, (PixelEnv) env.unwrapped(), null, null, progress);
    }
    Path dir = Path.of(config.policy().strip());
    if (!Files.isRegularFile(dir.resolve(OffPolicyTrainer.CHECKPOINT))) {
      throw new IllegalArgumentException(
          "policy must be random or a run directory of varl rl train, "
              + dir
              + " has no "
              + OffPolicyTrainer.CHECKPOINT);
    }
    return TrainedAgent.with(
        dir,
        (agent, modelEnv) -> {
          PixelEnv pixels = (PixelEnv) env.unwrapped();
          boolean onPixels = modelEnv.id().equals(pixels.id());
          boolean onState = modelEnv.id().equals(pixels.inner().id());
          if (!onPixels && !onState) {
            throw new IllegalArgumentException(
                "policy "
                    + dir
                    + " was trained on "
                    + modelEnv.id()
                    + ", it cannot act in "
                    + pixels.id());
          }
          Env encoded =
              modelEnv instanceof EncodedEnv e
                  ? e.inner()
                  : modelEnv instanceof BeliefEnv b ? b.inner() : null;
          if (onPixels && encoded != null) {
            // the agent sees latents or a belief kept online: step its own environment and record
            // the frames rendered underneath
            PixelEnv under = (PixelEnv) ((TimeLimit) encoded).unwrapped();
            if (under.imageShape().height() != config.pixels().imageSize()) {
              throw new IllegalArgumentException(
                  "policy "
                      + dir
                      + " sees frames of "
                      + under.imageShape().height()
                      + "x"
                      + under.imageShape().width()
                      + ", --image-size is "
                      + config.pixels().imageSize());
            }
            return loop(config, modelEnv, under, agent, null, progress);
          }
          if (onPixels
              && modelEnv.observationSpace().dimension() != env.observationSpace().dimension()) {
            throw new IllegalArgumentException(
                "policy "
                    + dir
                    + " sees observations of "
                    + modelEnv.observationSpace().dimension()
                    + " values, "
                    + config.env()
                    + " with these --image-size/--frame-stack gives "
                    + env.observationSpace().dimension());
          }
          return loop(
              config, env, (PixelEnv) env.unwrapped(), agent, onState ? modelEnv : null, progress);
        });
  }

  private static Result loop(
      Config config, Env env, PixelEnv pixels, Agent agent, Env stateEnv, LongConsumer progress) {
    int n = (int) config.steps();
    int frame = config.pixels().imageSize() * config.pixels().imageSize();
    double[] frames = new double[n * frame];
    double[][] actions = new double[n][];
    double[] rewards = new double[n];
    double[][] states = new double[n][];
    long[] episodes = new long[n];
    boolean[] terminated = new boolean[n];
    boolean[] truncated = new boolean[n];
    long episode = 0;
    double[] obs = env.reset(Seeds.mix(config.seed(), Streams.ENVIRONMENT, episode));
    double sum = 0;
    for (int t = 0; t < n; t++) {
      System.arraycopy(pixels.newestFrame(), 0, frames, t * frame, frame);
      states[t] = env.state();
      double[] action;
      if (agent == null) {
        action = randomAction(env, config.seed(), t);
      } else if (stateEnv != null) {
        action = agent.act(stateEnv.setState(env.state()), false, t);
      } else {
        action = agent.act(obs, false, t);
      }
      Step s = env.step(action);
      actions[t] = action;
      rewards[t] = s.reward();
      episodes[t] = episode;
      terminated[t] = s.terminated();
      truncated[t] = s.truncated();
      sum += s.reward();
      obs = s.observation();
      if (s.done()) {
        episode++;
        obs = env.reset(Seeds.mix(config.seed(), Streams.ENVIRONMENT, episode));
      }
      if ((t + 1) % 1000 == 0 || t + 1 == n) {
        progress.accept(t + 1);
      }
    }
    ReplayDirectory.Contents contents =
        new ReplayDirectory.Contents(
            config.env(),
            config.pixels().imageSize(),
            config.pixels().frameStack(),
            config.random()
                ? "random"
                : Path.of(config.policy().strip()).toAbsolutePath().toString(),
            config.seed(),
            frames,
            actions,
            rewards,
            stateNames(pixels.inner().id()),
            states,
            episodes,
            terminated,
            truncated);
    long finished = episodes[n - 1] + 1;
    return new Result(contents, finished, sum / n);
  }

  /** The state's names in Gymnasium's order. */
  public static List<String> stateNames(String id) {
    return id.equals(CartPole.ID)
        ? List.of("x", "x_dot", "theta", "theta_dot")
        : List.of("theta", "theta_dot");
  }

  /** A uniform action from (seed, RANDOM_ACTIONS, t), as the training loop's warm-up. */
  static double[] randomAction(Env env, long seed, long t) {
    SplittableRandom random = NoiseStream.generator(seed, Streams.RANDOM_ACTIONS, t);
    if (env.actionSpace() instanceof Discrete d) {
      return new double[] {random.nextInt(d.n())};
    }
    Box box = (Box) env.actionSpace();
    double[] a = new double[box.dimension()];
    for (int i = 0; i < a.length; i++) {
      a[i] = box.low(i) + random.nextDouble() * (box.high(i) - box.low(i));
    }
    return a;
  }
}
