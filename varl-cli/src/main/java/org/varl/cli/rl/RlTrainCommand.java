package org.varl.cli.rl;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ResumeRule;
import org.varl.cli.common.SeedOption;
import org.varl.cli.common.StepBar;
import org.varl.core.engine.EngineSetup;
import org.varl.models.vae.VaeRefit;
import org.varl.rl.env.Envs;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.repr.EncodedEnv;
import org.varl.rl.repr.EncoderRefit;
import org.varl.rl.repr.ObservationSpec;
import org.varl.rl.train.Algorithms;
import org.varl.rl.train.MetricsRow;
import org.varl.rl.train.OffPolicyTrainer;
import org.varl.rl.train.TrainConfig;
import org.varl.rl.train.TrainListener;
import org.varl.rl.train.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code varl rl train}: parses options into a {@link TrainConfig}, runs {@link OffPolicyTrainer},
 * then draws the run's figures ({@link RlFigures}).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train an off-policy agent; writes config.json, metrics.csv and checkpoint.bin (at every"
          + " evaluation) and the figures into --out.",
      "Options left out take the algorithm's defaults: sac = Haarnoja et al. 2018 with rl-zoo's"
          + " Pendulum lr 1e-3 (gamma 0.99, batch 256, buffer 1e6, 100 random steps, hidden 256,"
          + " alpha auto); soft-q/dqn = rl-zoo's CartPole DQN (soft-q alpha 0.1); dsac = SB3's SAC.",
      "sac --encoder conv (image environments): SAC+AE's pixel SAC, a conv encoder trained by the"
          + " critic only (2 conv layers of 32 filters, 50 features), critic tau 0.01, encoder tau"
          + " 0.05, buffer 50000, 1000 random steps."
    })
public final class RlTrainCommand implements Callable<Integer> {

  @Option(
      names = "--algo",
      paramLabel = "sac|soft-q|dqn|dsac",
      defaultValue = "sac",
      description = "sac, soft-q, dqn or dsac (default: ${DEFAULT-VALUE}).")
  String algo;

  @Option(
      names = "--env",
      paramLabel = "pendulum|cartpole|mountaincar-continuous|pendulum-pixels|cartpole-pixels",
      defaultValue = "pendulum",
      description =
          "pendulum, cartpole, mountaincar-continuous, or the pixel environments pendulum-pixels"
              + " and cartpole-pixels (default: ${DEFAULT-VALUE}).")
  String env;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "20000",
      description = "Total environment steps (default: ${DEFAULT-VALUE}).")
  long steps;

  @Mixin SeedOption seed;

  @Option(
      names = "--alpha",
      paramLabel = "auto|A",
      description = "Temperature: auto (learned) or a number >= 0 (default: the algorithm's).")
  String alpha;

  @Option(
      names = "--gamma",
      paramLabel = "X",
      description = "Discount in (0, 1] (default: the algorithm's).")
  Double gamma;

  @Option(
      names = "--lr",
      paramLabel = "X",
      description = "Adam learning rate (default: the algorithm's).")
  Double lr;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Transitions per update (default: the algorithm's).")
  Integer batchSize;

  @Option(
      names = "--buffer-size",
      paramLabel = "N",
      description = "Replay capacity (default: the algorithm's).")
  Integer bufferSize;

  @Option(
      names = "--learning-starts",
      paramLabel = "N",
      description = "Uniform random steps before the first update (default: the algorithm's).")
  Integer learningStarts;

  @Option(
      names = "--hidden",
      paramLabel = "N",
      description = "Width of the two hidden layers of every network (default: the algorithm's).")
  Integer hidden;

  @Option(
      names = "--encoder-features",
      paramLabel = "N",
      description = "Output width of the conv encoder, with --encoder conv (default: 50).")
  Integer encoderFeatures;

  @Option(
      names = "--eval-every",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Steps between evaluations and checkpoints (default: ${DEFAULT-VALUE}).")
  long evalEvery;

  @Option(
      names = "--eval-episodes",
      paramLabel = "N",
      defaultValue = "10",
      description = "Deterministic episodes per evaluation (default: ${DEFAULT-VALUE}).")
  int evalEpisodes;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      converter = EngineOptions.ThreadCount.class,
      description =
          "PyTorch intra-op threads (default: ${DEFAULT-VALUE}; with --resume, the run's own, which"
              + " keeps the continuation bit-identical).")
  int threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Run directory (required, except with --resume; default there: the resumed DIR itself).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue the run in DIR up to --steps; everything else comes from its checkpoint, so"
              + " only --steps, --threads and --out may be given (default: none, a new run).")
  Path resume;

  // Pixel observations and their encoder (issue 13, representation learning).
  @Option(
      names = "--encoder",
      paramLabel = "none|conv|vae:RUN|ssm:RUN",
      defaultValue = "none",
      description =
          "What the agent sees: none (the observation vector; on a pixel environment the raw frame"
              + " stack through the MLPs), conv (sac on a pixel environment: SAC+AE's conv encoder"
              + " trained by the critic) or vae:RUN (each frame encoded to the latent mean of the"
              + " VAE run RUN of varl vae train, the k latents concatenated) or ssm:RUN (the filtering"
              + " belief of the varl ssm train run RUN, updated from each frame and action; needs"
              + " --frame-stack 1) (default: ${DEFAULT-VALUE}).")
  String encoder;

  @Option(
      names = "--image-size",
      paramLabel = "N",
      description = "Side of a frame of a pixel environment, in [8, 256] (default: 32).")
  Integer imageSize;

  @Option(
      names = "--frame-stack",
      paramLabel = "K",
      description = "Frames per observation of a pixel environment, in [1, 16] (default: 3).")
  Integer frameStack;

  @Option(
      names = "--encoder-refit-every",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "With --encoder vae:RUN: every N steps train the VAE further on the replay buffer's"
              + " frames, re-encode the buffer and continue; 0 = never (default: ${DEFAULT-VALUE}).")
  long refitEvery;

  @Option(
      names = "--encoder-refit-epochs",
      paramLabel = "N",
      defaultValue = "2",
      description = "VAE epochs over the buffer's frames per refit (default: ${DEFAULT-VALUE}).")
  int refitEpochs;

  static final Set<String> HONOURED_ON_RESUME =
      Set.of("--steps", "--threads", "--out", "--resume", "--help", "--version");

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (out != null) {
      Outputs.directory(out);
    }
    if (out == null && resume == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option: '--out=DIR' (optional only with --resume)");
    }
    Path dir = out != null ? out : resume;
    TrainConfig config;
    ObservationSpec observation = null;
    Integer resumeThreads = null;
    if (resume != null) {
      ResumeRule.rejectUnhonoured(spec, HONOURED_ON_RESUME);
      config = OffPolicyTrainer.readConfig(resume);
      boolean given = spec.commandLine().getParseResult().hasMatchedOption("--threads");
      resumeThreads = given ? threads : config.threads();
      if (given && threads != config.threads()) {
        System.err.println(
            "varl rl train: warning: --threads "
                + threads
                + " differs from the run's "
                + config.threads()
                + ": the continued run is not bit-identical to an uninterrupted one");
      }
      if (steps <= 0) {
        throw new IllegalArgumentException("steps must be >= 1, found " + steps);
      }
      config = config.withSteps(steps).withThreads(resumeThreads);
    } else {
      config =
          new TrainConfig(
              env,
              algo,
              steps,
              seed.seed,
              alpha,
              gamma == null ? Double.NaN : gamma,
              lr == null ? Double.NaN : lr,
              hidden == null ? 0 : hidden,
              batchSize == null ? 0 : batchSize,
              bufferSize == null ? 0 : bufferSize,
              learningStarts == null ? -1 : learningStarts,
              evalEvery,
              evalEpisodes,
              threads,
              isConv() ? "conv" : "none",
              encoderFeatures == null ? 0 : encoderFeatures);
      if (hidden != null && hidden < 1) {
        throw new IllegalArgumentException("hidden must be >= 1, found " + hidden);
      }
      if (batchSize != null && batchSize < 1) {
        throw new IllegalArgumentException("batch-size must be >= 1, found " + batchSize);
      }
      if (bufferSize != null && bufferSize < 1) {
        throw new IllegalArgumentException("buffer-size must be >= 1, found " + bufferSize);
      }
      if (encoderFeatures != null && encoderFeatures < 1) {
        throw new IllegalArgumentException(
            "encoder-features must be >= 1, found " + encoderFeatures);
      }
      if (learningStarts != null && learningStarts < 0) {
        throw new IllegalArgumentException("learning-starts must be >= 0, found " + learningStarts);
      }
      Algorithms.require(config.algo());
      Envs.make(config.env());
      String e = encoder.strip();
      if (!e.equals("none")
          && !e.equals("conv")
          && !((e.startsWith("vae:") || e.startsWith("ssm:")) && e.length() > 4)) {
        throw new IllegalArgumentException(
            "encoder must be none, conv, vae:RUN or ssm:RUN, found '" + encoder + "'");
      }
      if (Envs.isPixels(config.env())) {
        PixelOptions pixels =
            new PixelOptions(
                imageSize == null ? PixelOptions.DEFAULT_IMAGE_SIZE : imageSize,
                frameStack == null ? PixelOptions.DEFAULT_FRAME_STACK : frameStack);
        // conv sees the raw stack: the encoder is inside the agent, not in front of the env.
        observation = ObservationSpec.resolve(config.env(), pixels, isConv() ? "none" : encoder);
        if (bufferSize == null && observation.encoder().equals("none")) {
          // 10^6 stacks of 3 x 32 x 32 floats would not fit: hold the whole run instead
          // (the same transitions as long as the run is no longer than 10^6 steps).
          config =
              config.withReplay(
                  config.batchSize(),
                  (int)
                      Math.min(
                          Algorithms.SAC_SCHEDULE.bufferSize(),
                          Math.max(steps, batchSize == null ? 256 : batchSize)),
                  config.learningStarts());
        }
      } else {
        if (!encoder.strip().equals("none")) {
          throw new IllegalArgumentException(
              "--encoder "
                  + encoder
                  + " needs a pixel environment (pendulum-pixels, cartpole-pixels), found '"
                  + config.env()
                  + "'");
        }
        if (imageSize != null || frameStack != null) {
          throw new IllegalArgumentException(
              "--image-size and --frame-stack need a pixel environment (pendulum-pixels,"
                  + " cartpole-pixels), found '"
                  + config.env()
                  + "'");
        }
      }
      Algorithms.schedule(config);
      if (refitEvery < 0) {
        throw new IllegalArgumentException("encoder-refit-every must be >= 0, found " + refitEvery);
      }
      if (refitEpochs < 1) {
        throw new IllegalArgumentException(
            "encoder-refit-epochs must be >= 1, found " + refitEpochs);
      }
      if (refitEvery > 0 && (observation == null || !observation.encoder().startsWith("vae:"))) {
        throw new IllegalArgumentException(
            "--encoder-refit-every needs --encoder vae:RUN on a pixel environment");
      }
      Algorithms.requireEncoder(
          config,
          observation == null
              ? Envs.make(config.env())
              : Envs.make(config.env(), observation.pixels()));
    }
    EngineSetup.logging(false);
    EngineSetup.threads(config.threads());
    OffPolicyTrainer.Result result;
    try (BarListener bar = new BarListener()) {
      if (resume != null) {
        result = OffPolicyTrainer.resume(resume, config.steps(), resumeThreads, dir, bar);
      } else if (observation != null) {
        try (ObservationSpec.Environments envs = observation.open()) {
          EngineSetup.threads(config.threads());
          if (refitEvery > 0) {
            result = trainWithRefit(config, observation, envs, dir, bar);
          } else {
            observation.write(dir);
            result = OffPolicyTrainer.run(config, envs.factory(), dir, null, bar);
          }
        }
      } else {
        result = OffPolicyTrainer.run(config, dir, bar);
      }
    } catch (TrainingDivergedException e) {
      System.err.println("varl rl train: " + e.getMessage());
      return 1;
    }
    RlFigures.write(dir, result);
    MetricsRow last = result.lastEvaluation();
    System.out.printf(
        Locale.ROOT,
        "trained %s on %s for %d steps (%d updates): evaluation return %.1f +/- %.1f over %d"
            + " episodes; run in %s%n",
        result.config().algo() + (result.config().hasEncoder() ? " (encoder conv)" : ""),
        result.config().env(),
        result.steps(),
        result.updates(),
        last.evalReturnMean(),
        last.evalReturnStd(),
        result.config().evalEpisodes(),
        dir);
    return 0;
  }

  private boolean isConv() {
    return encoder.strip().equals("conv");
  }

  /**
   * The run with {@link EncoderRefit}: the VAE is copied into {@code dir/encoder-vae}, refit there
   * in place, and {@code observation.json} points at that copy.
   */
  private OffPolicyTrainer.Result trainWithRefit(
      TrainConfig config,
      ObservationSpec observation,
      ObservationSpec.Environments envs,
      Path dir,
      BarListener bar) {
    Path vaeCopy = dir.resolve("encoder-vae").toAbsolutePath().normalize();
    VaeRefit.save(envs.encoder().runConfig(), envs.encoder().vae(), vaeCopy);
    new ObservationSpec(
            observation.env(), observation.pixels(), "vae:" + vaeCopy, observation.latent())
        .write(dir);
    EncodedEnv train = (EncodedEnv) envs.factory().get();
    boolean[] first = {true};
    java.util.function.Supplier<org.varl.rl.env.Env> environments =
        () -> {
          if (first[0]) {
            first[0] = false;
            return train;
          }
          return envs.factory().get();
        };
    EncoderRefit refit =
        new EncoderRefit(
            train,
            refitEvery,
            refitEpochs,
            config.seed(),
            Algorithms.schedule(config).bufferSize(),
            vaeCopy);
    OffPolicyTrainer.Result r = OffPolicyTrainer.run(config, environments, dir, null, bar, refit);
    System.err.printf(
        Locale.ROOT,
        "%nencoder refit: %d rounds, VAE loss per frame %s%n",
        refit.rounds(),
        refit.losses());
    return r;
  }

  /** One progress bar over the steps, with steps/s, the last return and the ETA. */
  static final class BarListener implements TrainListener, AutoCloseable {
    private final StepBar bar = new StepBar("rl train");

    @Override
    public void started(long fromStep, long totalSteps) {
      bar.start(fromStep, totalSteps);
    }

    @Override
    public void progress(long step, double stepsPerSecond, double lastReturn) {
      bar.at(
          step,
          String.format(
              Locale.ROOT, " | last return %.1f, %,.0f steps/s", lastReturn, stepsPerSecond));
    }

    @Override
    public void row(MetricsRow r) {
      if (r.isEvaluation()) {
        System.err.printf(
            Locale.ROOT,
            "%nstep %d evaluation return %.1f +/- %.1f%n",
            r.step(),
            r.evalReturnMean(),
            r.evalReturnStd());
      }
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
