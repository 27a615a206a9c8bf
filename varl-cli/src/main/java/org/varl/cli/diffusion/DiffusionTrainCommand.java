package org.varl.cli.diffusion;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ResumeRule;
import org.varl.cli.common.SeedOption;
import org.varl.cli.common.StepBar;
import org.varl.core.engine.EngineSetup;
import org.varl.models.diffusion.DdpmConfig;
import org.varl.models.diffusion.DdpmLoss;
import org.varl.models.diffusion.DdpmResult;
import org.varl.models.diffusion.DdpmTrainer;
import org.varl.models.diffusion.DecoderVariance;
import org.varl.models.diffusion.DiffusionListener;
import org.varl.models.diffusion.Schedule;
import org.varl.models.diffusion.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code varl diffusion train}: parses options into a {@link DdpmConfig} and runs the trainer. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a DDPM (Ho et al. 2020) with fresh data every step; writes config.json, metrics.csv and"
          + " checkpoint.bin into --out.",
      "Defaults are the PyTorch peer's: batch 256, Adam 1e-3, T 1000 linear betas, L_simple,"
          + " [x, sinusoidal(t, 64)] -> 3 x (Linear 128, SiLU) -> Linear d."
    })
public final class DiffusionTrainCommand implements Callable<Integer> {

  @Option(
      names = "--data",
      paramLabel = "SPEC",
      description =
          "8gaussians, checkerboard, moons, swissroll, shapes, fashion-mnist or csv:PATH (points of any"
              + " dimension, as written); required unless --resume (default: none).")
  String data;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Directory of Fashion-MNIST's IDX files (default: the Debian package's).")
  Path dataDir;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Total training steps (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "256",
      description = "Points per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--lr",
      paramLabel = "X",
      defaultValue = "1e-3",
      description = "Adam step size (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--T",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Diffusion steps T (default: ${DEFAULT-VALUE}).")
  int diffusionSteps;

  @Option(
      names = "--schedule",
      paramLabel = "linear|cosine",
      defaultValue = "linear",
      description =
          "linear (1e-4 -> 0.02) or cosine (Nichol and Dhariwal 2021) (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(
      names = "--loss",
      paramLabel = "simple|vlb",
      defaultValue = "simple",
      description =
          "simple (L_simple) or vlb (the bound, one-sample estimate over t) (default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(
      names = "--variance",
      paramLabel = "beta|posterior",
      defaultValue = "beta",
      description =
          "Decoder variance: beta (sigma_t^2 = beta_t) or posterior (the posterior variance)"
              + " (default: ${DEFAULT-VALUE}).")
  String variance;

  @Option(
      names = "--hidden",
      paramLabel = "N",
      defaultValue = "128",
      description = "Hidden width of the network (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--layers",
      paramLabel = "N",
      defaultValue = "3",
      description = "Hidden layers of the network (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Steps between checkpoints, and at the end (default: ${DEFAULT-VALUE}).")
  long checkpointEvery;

  @Option(
      names = "--log-every",
      paramLabel = "N",
      defaultValue = "100",
      description = "Steps per metrics.csv row (default: ${DEFAULT-VALUE}).")
  long logEvery;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      converter = EngineOptions.ThreadCount.class,
      description =
          "PyTorch intra-op threads (default: ${DEFAULT-VALUE}; small ops run best on 1).")
  int threads;

  @Mixin SeedOption seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Run directory to write (required, except with --resume; default there: the resumed DIR itself).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue the run in DIR up to --steps; every other setting is the run's own (only --steps,"
              + " --threads and --out may be given; default: none, a new run).")
  Path resume;

  static final java.util.Set<String> HONOURED_ON_RESUME =
      java.util.Set.of("--steps", "--threads", "--out", "--resume", "--help", "--version");

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() {
    if (out != null) {
      Outputs.directory(out);
    }
    if (out == null && resume == null) {
      throw new ParameterException(
          commandSpec.commandLine(),
          "Missing required option: '--out=DIR' (optional only with --resume)");
    }
    EngineSetup.logging(false);
    EngineSetup.threads(threads);
    DdpmResult result;
    try (Bar bar = new Bar()) {
      if (resume != null) {
        ResumeRule.rejectUnhonoured(commandSpec, HONOURED_ON_RESUME);
        result = DdpmTrainer.resume(resume, steps, threads, out == null ? resume : out, bar);
      } else {
        if (data == null) {
          throw new ParameterException(
              commandSpec.commandLine(), "Missing required option: '--data=SPEC'");
        }
        DdpmConfig config =
            new DdpmConfig(
                data.strip(),
                dataDir == null ? null : dataDir.toAbsolutePath().normalize().toString(),
                steps,
                batchSize,
                lr,
                diffusionSteps,
                Schedule.parse(schedule),
                DdpmLoss.parse(loss),
                DecoderVariance.parse(variance),
                seed.seed,
                threads,
                hidden,
                layers,
                checkpointEvery,
                logEvery);
        result = DdpmTrainer.train(config, out, bar);
      }
    } catch (TrainingDivergedException e) {
      System.err.println("varl diffusion train: " + e.getMessage());
      return 1;
    }
    System.out.printf(
        Locale.ROOT,
        "trained ddpm on %s: loss %.4f (EMA) after %d steps, %.1f steps/s; run in %s%n",
        result.config().data(),
        result.finalLossEma(),
        result.config().steps(),
        result.stepsPerSecond(),
        result.out());
    return 0;
  }

  /** The progress bar of the training steps, with the loss and steps/s. */
  static final class Bar implements DiffusionListener, AutoCloseable {
    private final StepBar bar = new StepBar("diffusion train");

    @Override
    public void started(long firstStep, long totalSteps) {
      bar.start(firstStep, totalSteps);
    }

    @Override
    public void progress(long step, double loss, double stepsPerSecond) {
      bar.at(step, String.format(Locale.ROOT, " | loss %.4f, %.0f steps/s", loss, stepsPerSecond));
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
