package org.varl.rl.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.varl.rl.agents.Agent;
import org.varl.rl.agents.ConvEncoder;
import org.varl.rl.agents.ConvEncoderConfig;
import org.varl.rl.agents.DiscreteSacAgent;
import org.varl.rl.agents.DiscreteSacConfig;
import org.varl.rl.agents.SacAgent;
import org.varl.rl.agents.SacConfig;
import org.varl.rl.agents.SoftQAgent;
import org.varl.rl.agents.SoftQConfig;
import org.varl.rl.agents.UpdateSchedule;
import org.varl.rl.env.Box;
import org.varl.rl.env.Env;
import org.varl.rl.env.ImageObservations;
import org.varl.rl.env.ImageShape;
import org.varl.rl.env.TimeLimit;

/**
 * The {@code --algo} registry: each name builds its agent and its training schedule from the
 * algorithm's defaults and the options a {@link TrainConfig} sets. A new algorithm is one more case
 * in {@link #build} and its name in {@link #NAMES}.
 *
 * <ul>
 *   <li>{@code sac}: {@link SacAgent} with {@link SacConfig#defaults()} (Box actions), schedule
 *       buffer 10⁶, batch 256, 100 random steps, one update per step (SB3's SAC; rl-zoo's Pendulum
 *       learning rate 1e-3);
 *   <li>{@code soft-q}: {@link SoftQAgent} with {@code SoftQConfig.softQDefaults()}, α > 0;
 *   <li>{@code dqn}: {@link SoftQAgent} with {@code SoftQConfig.defaults()} (α = 0);
 *   <li>{@code dsac}: {@link DiscreteSacAgent} with {@code DiscreteSacConfig.defaults()}.
 * </ul>
 *
 * <p>{@code --encoder conv} (sac only, on an environment implementing {@link ImageObservations}):
 * the same SAC with a {@link ConvEncoder} ({@link ConvEncoderConfig#defaults()}, {@code
 * --encoder-features} its width) and SAC+AE's target rates, critic τ = 0.01 and encoder τ = 0.05
 * (Yarats et al. 2019, appendix B: {@code critic_tau}, {@code encoder_tau}), on {@link
 * #SAC_CONV_SCHEDULE}.
 */
public final class Algorithms {

  /** The algorithm names, as {@code --algo} takes them. */
  public static final List<String> NAMES = List.of("sac", "soft-q", "dqn", "dsac");

  /** SAC's loop schedule (SB3 defaults with rl-zoo's Pendulum batch 256, learning_starts 100). */
  public static final UpdateSchedule SAC_SCHEDULE = new UpdateSchedule(1_000_000, 256, 100, 1, 1);

  /**
   * SAC's schedule with an image encoder: batch 256 as {@link #SAC_SCHEDULE}, 1,000 random steps
   * (SAC+AE's {@code init_steps}) and a replay buffer of 50,000: SAC+AE and DrQ keep 10⁵–10⁶ frames
   * as bytes, this buffer keeps float32 observations, and 50,000 transitions of 3×32×32 take 1.2
   * GB.
   */
  public static final UpdateSchedule SAC_CONV_SCHEDULE =
      new UpdateSchedule(50_000, 256, 1000, 1, 1);

  /** SAC+AE's {@code critic_tau}, the target critics' rate with an encoder. */
  public static final double SAC_CONV_CRITIC_TAU = 0.01;

  private Algorithms() {}

  /**
   * The image layout of {@code env}'s observations (looking through a {@link TimeLimit}), or null
   * for flat ones.
   */
  public static ImageShape imageShape(Env env) {
    Env e = env;
    while (true) {
      if (e instanceof ImageObservations images) {
        return images.imageShape();
      }
      if (e instanceof TimeLimit limit) {
        e = limit.unwrapped();
      } else {
        return null;
      }
    }
  }

  /**
   * Fails unless {@code config}'s encoder fits its algorithm and {@code env}: {@code conv} needs
   * sac and image observations large enough for the convolutions. The message names the option and
   * the environment.
   */
  public static void requireEncoder(TrainConfig config, Env env) {
    if (!config.hasEncoder()) {
      return;
    }
    if (!config.algo().equals("sac")) {
      throw new IllegalArgumentException(
          "encoder conv is only available with --algo sac, found algo " + config.algo());
    }
    ImageShape image = imageShape(env);
    if (image == null) {
      throw new IllegalArgumentException(
          "encoder conv needs image observations, env "
              + config.env()
              + " has a flat vector of "
              + env.observationSpace().dimension()
              + " values: use --encoder none or an image environment");
    }
    ConvEncoder.outputExtent(image, encoderConfig(config));
  }

  private static ConvEncoderConfig encoderConfig(TrainConfig config) {
    ConvEncoderConfig e = ConvEncoderConfig.defaults();
    return config.encoderFeatures() > 0 ? e.withFeatures(config.encoderFeatures()) : e;
  }

  /** An agent and the schedule the loop runs it on. */
  public record Built(Agent agent, UpdateSchedule schedule) {}

  /** The names. */
  public static List<String> names() {
    return NAMES;
  }

  /** Fails with the valid names unless {@code algo} is one of them. */
  public static void require(String algo) {
    if (!NAMES.contains(algo)) {
      throw new IllegalArgumentException(
          "algo must be one of " + String.join(", ", NAMES) + ", found '" + algo + "'");
    }
  }

  /**
   * The schedule of {@code config}'s algorithm with its overrides, validated (batch ≤ buffer), and
   * no agent: for checks before any engine work.
   */
  public static UpdateSchedule schedule(TrainConfig config) {
    require(config.algo());
    UpdateSchedule base =
        switch (config.algo()) {
          case "sac" -> config.hasEncoder() ? SAC_CONV_SCHEDULE : SAC_SCHEDULE;
          case "soft-q" -> SoftQConfig.softQDefaults().schedule();
          case "dqn" -> SoftQConfig.defaults().schedule();
          default -> DiscreteSacConfig.defaults().schedule();
        };
    UpdateSchedule s =
        new UpdateSchedule(
            config.bufferSize() > 0 ? config.bufferSize() : base.bufferSize(),
            config.batchSize() > 0 ? config.batchSize() : base.batchSize(),
            config.learningStarts() >= 0 ? config.learningStarts() : base.learningStarts(),
            base.trainFrequency(),
            base.gradientSteps());
    if (s.batchSize() > s.bufferSize()) {
      throw new IllegalArgumentException(
          "batch-size must be <= buffer-size " + s.bufferSize() + ", found " + s.batchSize());
    }
    return s;
  }

  /**
   * The agent of {@code config.algo()} for {@code env}'s spaces, in a sub-manager of {@code
   * manager}, seeded with the run's seed.
   *
   * @throws IllegalArgumentException for an unknown name, an option the algorithm cannot take (e.g.
   *     {@code --alpha auto} for soft-q) or an action space it cannot act in
   */
  public static Built build(TrainConfig config, Env env, NDManager manager) {
    UpdateSchedule schedule = schedule(config);
    requireEncoder(config, env);
    Box obs = env.observationSpace();
    String alpha = config.alpha();
    Agent agent =
        switch (config.algo()) {
          case "sac" -> {
            if (!(env.actionSpace() instanceof Box box)) {
              throw new IllegalArgumentException(
                  "sac needs a continuous (Box) action space, "
                      + config.env()
                      + " has "
                      + env.actionSpace()
                      + ": use --algo soft-q, dqn or dsac");
            }
            SacConfig c = SacConfig.defaults();
            if (alpha != null && !alpha.equals("auto")) {
              c = c.withFixedAlpha(Double.parseDouble(alpha));
            }
            if (!Double.isNaN(config.gamma())) {
              c = c.withGamma(config.gamma());
            }
            if (!Double.isNaN(config.learningRate())) {
              c = c.withLearningRate(config.learningRate());
            }
            if (config.hidden() > 0) {
              c = c.withHidden(config.hidden());
            }
            ImageShape image = null;
            if (config.hasEncoder()) {
              c = c.withTau(SAC_CONV_CRITIC_TAU).withEncoder(encoderConfig(config));
              image = imageShape(env);
            }
            yield new SacAgent(manager, obs, image, box, c, config.seed());
          }
          case "soft-q", "dqn" -> {
            boolean dqn = config.algo().equals("dqn");
            SoftQConfig c = dqn ? SoftQConfig.defaults() : SoftQConfig.softQDefaults();
            if (alpha != null) {
              if (alpha.equals("auto")) {
                throw new IllegalArgumentException(
                    "alpha auto is not available for " + config.algo() + ": give a number");
              }
              double a = Double.parseDouble(alpha);
              if (dqn && a != 0) {
                throw new IllegalArgumentException(
                    "alpha must be 0 for dqn (use --algo soft-q), found " + alpha);
              }
              if (!dqn && a == 0) {
                throw new IllegalArgumentException(
                    "alpha must be > 0 for soft-q (alpha 0 is --algo dqn), found " + alpha);
              }
              c = c.withAlpha(a);
            }
            if (!Double.isNaN(config.gamma())) {
              c = c.withGamma(config.gamma());
            }
            if (!Double.isNaN(config.learningRate())) {
              c = c.withLearningRate(config.learningRate());
            }
            if (config.hidden() > 0) {
              c = c.withHidden(config.hidden(), config.hidden());
            }
            c = c.withSchedule(schedule);
            if (c.learningRateDecayUpdates() > 0) {
              // soft-q's step size falls to 0 over this run's updates (rl-zoo's lin_ schedules),
              // not over the 50,000-step run softQDefaults() was measured on. Like SB3's
              // progress_remaining, a resume to a longer --steps stretches what is left of it.
              c = c.withLearningRateDecay(Math.max(1, schedule.totalUpdates(config.steps())));
            }
            yield SoftQAgent.create(manager, obs, env.actionSpace(), c, config.seed());
          }
          default -> {
            DiscreteSacConfig c = DiscreteSacConfig.defaults();
            if (alpha != null && !alpha.equals("auto")) {
              double a = Double.parseDouble(alpha);
              if (!(a > 0)) {
                throw new IllegalArgumentException("alpha must be > 0 for dsac, found " + alpha);
              }
              c = c.withFixedAlpha(a);
            }
            if (!Double.isNaN(config.gamma())) {
              c = c.withGamma(config.gamma());
            }
            if (!Double.isNaN(config.learningRate())) {
              c = c.withLearningRate(config.learningRate());
            }
            if (config.hidden() > 0) {
              c = c.withHidden(config.hidden(), config.hidden());
            }
            yield DiscreteSacAgent.create(
                manager, obs, env.actionSpace(), c.withSchedule(schedule), config.seed());
          }
        };
    return new Built(agent, schedule);
  }
}
