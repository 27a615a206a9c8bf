package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.Progress;
import org.varl.cli.common.ResumeRule;
import org.varl.cli.common.SeedOption;
import org.varl.core.data.CsvScaling;
import org.varl.core.data.DataOptions;
import org.varl.core.engine.EngineSetup;
import org.varl.models.vae.Architecture;
import org.varl.models.vae.DataChecksum;
import org.varl.models.vae.EpochMetrics;
import org.varl.models.vae.Estimator;
import org.varl.models.vae.Likelihood;
import org.varl.models.vae.ModelOptions;
import org.varl.models.vae.RunConfig;
import org.varl.models.vae.TrainConfig;
import org.varl.models.vae.TrainRequest;
import org.varl.models.vae.TrainResult;
import org.varl.models.vae.TrainingDivergedException;
import org.varl.models.vae.TrainingListener;
import org.varl.models.vae.VaeCheckpoint;
import org.varl.models.vae.VaeTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code varl vae train}: parses options into a {@link TrainRequest} and runs {@link
 * VaeTrainer#run}.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a VAE; writes config.json, metrics.csv and checkpoint.bin (every epoch) into --out.",
      "Losses are the negative ELBO in nats per example, summed over pixels (PyTorch's examples/vae)."
    })
public final class VaeTrainCommand implements Callable<Integer> {

  @Option(
      names = "--data",
      paramLabel = "SPEC",
      description =
          "fashion-mnist, mnist, shapes, csv:PATH or replay:DIR (the frames of varl rl collect)"
              + " (default: shapes, the embedded data set;"
              + " with --resume, the run's own).")
  String data;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory of the four IDX files for mnist (or fashion-mnist elsewhere than the Debian package)"
              + " (default: none; fashion-mnist is looked up where the Debian package installs it).")
  Path dataDir;

  @Option(
      names = "--shapes-count",
      paramLabel = "N",
      defaultValue = "12000",
      description =
          "Sprites generated for --data shapes, train + test (default: ${DEFAULT-VALUE}).")
  int shapesCount;

  @Option(
      names = "--csv-standardize",
      description =
          "Standardize CSV columns instead of scaling them to [0, 1] (default: off, min-max scaling).")
  boolean csvStandardize;

  @Option(
      names = "--csv-label",
      paramLabel = "COLUMN",
      description =
          "CSV column (0-based, -1 = last) holding an integer label, excluded from the features"
              + " (default: none, every column is a feature).")
  Integer csvLabelColumn;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "10",
      description = "Total epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "128",
      description = "Examples per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--latent",
      paramLabel = "N",
      defaultValue = "20",
      description = "Latent dimensions (default: ${DEFAULT-VALUE}).")
  int latent;

  @Option(
      names = "--hidden",
      paramLabel = "N",
      defaultValue = "400",
      description = "Hidden units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--lr",
      paramLabel = "LR",
      defaultValue = "1e-3",
      description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--beta",
      paramLabel = "BETA",
      defaultValue = "1",
      description = "Weight of the KL term (beta-VAE; 1 = ELBO) (default: ${DEFAULT-VALUE}).")
  double beta;

  @Option(
      names = "--estimator",
      paramLabel = "pathwise|score|iwae",
      defaultValue = "pathwise",
      description =
          "Gradient estimator: pathwise (reparameterization + analytic KL), score (score function), "
              + "iwae (importance-weighted bound) (default: ${DEFAULT-VALUE}).")
  String estimator;

  @Option(
      names = "--iwae-k",
      paramLabel = "K",
      defaultValue = "5",
      description =
          "Importance samples per example for --estimator iwae (default: ${DEFAULT-VALUE}).")
  int iwaeK;

  @Option(
      names = "--likelihood",
      paramLabel = "bernoulli|gaussian",
      defaultValue = "bernoulli",
      description =
          "Decoder distribution: bernoulli (logits) or gaussian (fixed scale) (default: ${DEFAULT-VALUE}).")
  String likelihood;

  @Option(
      names = "--obs-scale",
      paramLabel = "SIGMA",
      defaultValue = "0.1",
      description = "Standard deviation of the gaussian likelihood (default: ${DEFAULT-VALUE}).")
  double obsScale;

  @Option(
      names = "--arch",
      paramLabel = "mlp|conv",
      defaultValue = "mlp",
      description =
          "Encoder/decoder: mlp or conv (images with sides divisible by 4) (default: ${DEFAULT-VALUE}).")
  String arch;

  @Option(
      names = "--binarize",
      description =
          "Dynamic binarization of every batch (data must be in [0, 1]) (default: off; with"
              + " --resume, the run's own).")
  boolean binarize;

  @Mixin SeedOption seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "2",
      converter = EngineOptions.ThreadCount.class,
      description =
          "Threads: parallel batch shards on the default MLP/Bernoulli/pathwise path, PyTorch intra-op "
              + "threads otherwise (default: ${DEFAULT-VALUE}; with --resume, the run's own).")
  int threads;

  @Option(
      names = "--device",
      paramLabel = "cpu|gpu",
      defaultValue = "cpu",
      converter = EngineOptions.DeviceName.class,
      description =
          "cpu; gpu is refused, training runs on the CPU in this build (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Run directory to write (required, except with --resume: then the default is DIR itself;"
              + " another --out forks the run there and leaves DIR as it was).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue the run in DIR up to --epochs; model, data and training options come from its"
              + " checkpoint, so only --epochs, --threads (default: the run's own, which keeps the"
              + " continuation bit-identical), --device, --out and the run's own --data may be given.")
  Path resume;

  /**
   * The options a resumed run reads from the command line; every other option is the run's own and,
   * given explicitly, is an error rather than silently ignored.
   */
  static final java.util.Set<String> HONOURED_ON_RESUME =
      java.util.Set.of(
          "--epochs",
          "--threads",
          "--device",
          "--out",
          "--resume",
          "--data",
          "--help",
          "--version");

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() {
    if (out != null) {
      Outputs.directory(out);
    }
    String spec = data == null && resume == null ? "shapes" : data;
    if (EngineSetup.device(device).isGpu()) {
      throw new IllegalArgumentException(
          "device gpu: vae train runs on cpu in this build, found --device " + device);
    }
    if (out == null && resume == null) {
      throw new ParameterException(
          commandSpec.commandLine(),
          "Missing required option: '--out=DIR' (optional only with --resume)");
    }
    int runThreads = threads;
    if (resume != null) {
      rejectOptionsTheRunDoesNotHonour();
      RunConfig resumed = VaeCheckpoint.read(resume.resolve(VaeCheckpoint.FILE)).config();
      // Warn before the epochs: the data's checksum from training against the files now.
      DataChecksum.change(resumed)
          .ifPresent(w -> System.err.println("varl vae train: warning: " + w));
      runThreads = resumeThreads(resumed.train().threads());
    }
    DataOptions options = DataOptions.defaults().withDataDir(dataDir).withShapesCount(shapesCount);
    if (csvStandardize) {
      options = options.withCsvScaling(CsvScaling.STANDARDIZE);
    }
    if (csvLabelColumn != null) {
      options = options.withCsvLabel(csvLabelColumn);
    }
    ModelOptions model =
        new ModelOptions(
            Architecture.parse(arch), Likelihood.parse(likelihood), hidden, latent, obsScale);
    TrainConfig train =
        new TrainConfig(
            epochs,
            batchSize,
            lr,
            beta,
            Estimator.parse(estimator),
            iwaeK,
            seed.seed,
            runThreads,
            binarize);
    TrainResult result;
    try {
      result =
          VaeTrainer.run(
              new TrainRequest(spec, options, model, train, out, resume), new BarListener());
    } catch (TrainingDivergedException e) {
      // Not an input error and not a bug: the run diverged. One line, exit 1, the last checkpoint
      // is intact.
      System.err.println("varl vae train: " + e.getMessage());
      return 1;
    }
    EpochMetrics last = result.last();
    System.out.printf(
        Locale.ROOT,
        "trained %s on %s (%s gradients): test loss %.2f nats after %d epoch%s; run in %s%n",
        result.config().model().architecture().id(),
        result.config().data(),
        result.gradientPath(),
        last.testLoss(),
        last.epoch(),
        last.epoch() == 1 ? "" : "s",
        result.out());
    return 0;
  }

  /**
   * With --resume, every option given explicitly that the resumed run does not read is a usage
   * error naming it: the run keeps its own model, data and optimization settings.
   */
  private void rejectOptionsTheRunDoesNotHonour() {
    ResumeRule.rejectUnhonoured(commandSpec, HONOURED_ON_RESUME);
  }

  /**
   * The thread count of a resumed run: the run's own unless --threads is given. The thread count
   * sets the batch shards, hence the float summation order, so only the run's own count continues
   * it bit for bit (a run trained with --threads 1 and resumed with the default 2 drifted in the
   * sixth digit of the test loss after one epoch); another count is honoured with a warning.
   */
  private int resumeThreads(int own) {
    if (!commandSpec.commandLine().getParseResult().hasMatchedOption("--threads")) {
      return own;
    }
    if (threads != own) {
      System.err.println(
          "varl vae train: warning: --threads "
              + threads
              + " differs from the run's "
              + own
              + ": the batch is split differently, so the continued run is not bit-identical to an"
              + " uninterrupted one");
    }
    return threads;
  }

  /** Draws one progress bar per epoch and prints the epoch's metrics when it ends. */
  static final class BarListener implements TrainingListener {
    private Progress bar;
    private int shown;

    @Override
    public void epochStarted(int epoch, int steps, int examples) {
      bar = Progress.start("epoch " + epoch, steps, "step");
      shown = 0;
    }

    @Override
    public void progress(int epoch, int stepsDone, double meanLoss, double examplesPerSecond) {
      bar.step(stepsDone - shown);
      shown = stepsDone;
      bar.message(
          String.format(Locale.ROOT, " | loss %.2f, %,.0f ex/s", meanLoss, examplesPerSecond));
    }

    @Override
    public void epochFinished(EpochMetrics m) {
      bar.close();
      System.out.printf(
          Locale.ROOT,
          "epoch %d train_loss %.2f test_loss %.2f kl %.2f recon %.2f epoch_seconds %.2f%n",
          m.epoch(),
          m.trainLoss(),
          m.testLoss(),
          m.kl(),
          m.recon(),
          m.epochSeconds());
      System.out.flush();
    }
  }
}
