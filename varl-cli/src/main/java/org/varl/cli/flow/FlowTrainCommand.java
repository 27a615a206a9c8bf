package org.varl.cli.flow;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ResumeRule;
import org.varl.cli.common.SeedOption;
import org.varl.cli.common.StepBar;
import org.varl.models.flow.Coupling;
import org.varl.models.flow.FlowConfig;
import org.varl.models.flow.FlowDivergedException;
import org.varl.models.flow.FlowMetrics;
import org.varl.models.flow.FlowTrainer;
import org.varl.models.toy.PointDataSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code varl flow train}: parses options into a {@link FlowConfig} and runs {@link
 * FlowTrainer#run}.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a velocity field by conditional flow matching; writes config.json, metrics.csv and"
          + " checkpoint.bin into --out.",
      "Defaults are the PyTorch peer's cfm: 8gaussians, independent coupling, sigma_min 0, batch 256,"
          + " Adam 1e-3, network [x, emb(1000 t)] -> 3 x (128, SiLU) -> d."
    })
public final class FlowTrainCommand implements Callable<Integer> {

  @Option(
      names = "--data",
      paramLabel = "SPEC",
      description = "8gaussians, checkerboard, moons, swissroll or csv:PATH (default: 8gaussians).")
  String data;

  @Option(
      names = "--coupling",
      paramLabel = "independent|ot",
      defaultValue = "independent",
      description =
          "independent (I-CFM) or ot (OT-CFM, mini-batch OT) (default: ${DEFAULT-VALUE}).")
  String coupling;

  @Option(
      names = "--ot-solver",
      paramLabel = "exact|sinkhorn",
      defaultValue = "exact",
      description =
          "For --coupling ot: exact (Hungarian assignment) or sinkhorn (pairs drawn from the entropic"
              + " plan) (default: ${DEFAULT-VALUE}).")
  String otSolver;

  @Option(
      names = "--sinkhorn-epsilon",
      paramLabel = "X",
      defaultValue = "0.05",
      description =
          "Sinkhorn's epsilon relative to the batch's mean cost (default: ${DEFAULT-VALUE}).")
  double sinkhornEpsilon;

  @Option(
      names = "--sigma-min",
      paramLabel = "X",
      defaultValue = "0",
      description =
          "sigma_min of the path x_t = (1 - (1 - sigma_min) t) x_0 + t x_1 (Lipman et al. 2023)"
              + " (default: ${DEFAULT-VALUE}).")
  double sigmaMin;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Total training steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "256",
      description = "Pairs per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--lr",
      paramLabel = "X",
      defaultValue = "1e-3",
      description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--log-every",
      paramLabel = "N",
      defaultValue = "100",
      description = "Steps per metrics row (default: ${DEFAULT-VALUE}).")
  int logEvery;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Steps per checkpoint, a multiple of --log-every (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Mixin SeedOption seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      converter = EngineOptions.ThreadCount.class,
      description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}).")
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
          "Continue the run in DIR up to --steps with its own data, coupling and optimizer settings (default: none, a new run).")
  Path resume;

  /** The options a resumed run reads; any other given with --resume is an error. */
  static final java.util.Set<String> HONOURED_ON_RESUME =
      java.util.Set.of("--steps", "--threads", "--out");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (out == null && resume == null) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option: '--out=DIR' (optional only with --resume)");
    }
    if (resume != null) {
      ResumeRule.rejectUnhonoured(spec, HONOURED_ON_RESUME);
    }
    Path dir = out == null ? resume : out;
    Outputs.directory(dir);
    FlowConfig config =
        FlowConfig.defaults()
            .withData(data == null ? "8gaussians" : data)
            .withCoupling(Coupling.parse(coupling))
            .withOtSolver(Coupling.OtSolver.parse(otSolver))
            .withSinkhornEpsilon(sinkhornEpsilon)
            .withSigmaMin(sigmaMin)
            .withSteps(steps)
            .withBatchSize(batchSize)
            .withLearningRate(lr)
            .withSeed(seed.seed)
            .withThreads(threads)
            .withLogging(logEvery, checkpointEvery);
    if (resume == null) {
      // Fails before anything is written when the spec is unknown or the CSV unreadable.
      PointDataSets.parse(config.data(), config.seed(), null);
    }
    FlowTrainer.Result r;
    try (BarListener bar = new BarListener()) {
      r = FlowTrainer.run(config, dir, resume, bar);
    } catch (FlowDivergedException e) {
      System.err.println("varl flow train: " + e.getMessage());
      return 1;
    }
    FlowMetrics last = r.last();
    System.out.printf(
        Locale.ROOT,
        "trained %s flow matching on %s: %d steps, loss %.4f (ema %.4f), %.0f steps/s; run in %s%n",
        r.config().coupling() == Coupling.OT ? "OT-CFM" : "I-CFM",
        r.config().data(),
        r.steps(),
        last.loss(),
        last.lossEma(),
        last.stepsPerSecond(),
        r.out());
    return 0;
  }

  /** One progress bar over the run's steps, with the loss and throughput. */
  static final class BarListener implements FlowTrainer.Listener, AutoCloseable {
    private final StepBar bar = new StepBar("flow train");

    @Override
    public void progress(FlowMetrics row, int totalSteps, int managedArrays) {
      if (!bar.started()) {
        bar.start(0, totalSteps);
      }
      bar.at(
          row.step(),
          String.format(
              Locale.ROOT, " | loss %.4f, %.0f steps/s", row.lossEma(), row.stepsPerSecond()));
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
