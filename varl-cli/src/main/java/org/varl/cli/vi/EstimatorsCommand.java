package org.varl.cli.vi;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.common.SeedOption;
import org.varl.experiments.vi.EstimatorStats;
import org.varl.experiments.vi.EstimatorsConfig;
import org.varl.experiments.vi.EstimatorsExperiment;
import org.varl.experiments.vi.EstimatorsResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code varl vi estimators}: score-function vs pathwise vs Gumbel-softmax gradient variance. */
@Command(
    name = "estimators",
    mixinStandardHelpOptions = true,
    description =
        "Draws --samples single-draw gradient estimates per estimator (pathwise; score function without"
            + " baseline and with a constant, moving-average and learned baseline; Gumbel-softmax for a categorical"
            + " latent) on a Gaussian model with a closed-form gradient, an amortized encoder on data from a known"
            + " decoder, the encoder of a small VAE trained on real images (--data, Fashion-MNIST by default; the"
            + " problem is named after its data), and a discrete latent, and reports mean error vs the true gradient,"
            + " variance, SNR and time per estimate. Writes DIR/metrics.json and DIR/variance-vs-samples-<problem>.png.")
public final class EstimatorsCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      defaultValue = "out/vi-estimators",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--samples",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Gradient estimates recorded per estimator, >= 16 (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Unrecorded estimates first, so adaptive baselines settle (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--data",
      paramLabel = "SPEC",
      description =
          "Data of the image problem: fashion-mnist, mnist, shapes, csv:PATH or auto (default: auto,"
              + " i.e. fashion-mnist when installed, else the generated shapes sprites with a note on stderr).")
  String data;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory of the four IDX files for mnist (or fashion-mnist elsewhere than the Debian package)"
              + " (default: none; fashion-mnist is looked up where the Debian package installs it).")
  Path dataDir;

  @CommandLine.Mixin SeedOption seed;

  @CommandLine.Mixin EngineOptions engine;

  @Override
  public Integer call() {
    Outputs.directory(out);
    EstimatorsConfig config =
        EstimatorsConfig.defaults()
            .withSamples(samples)
            .withWarmup(warmup)
            .withSeed(seed.seed)
            .withDevice(engine.device)
            .withImageData(
                data == null ? EstimatorsConfig.AUTO : data.strip(),
                dataDir == null ? null : dataDir.toAbsolutePath().normalize().toString());
    engine.apply();
    EstimatorsResult result;
    try (ProgressListener bar = new ProgressListener("vi estimators", "estimate")) {
      result = EstimatorsExperiment.run(config, bar);
    }
    if (result.imageDataNote() != null) {
      System.err.println("varl vi estimators: note: " + result.imageDataNote());
    }
    List<String> figures = Outputs.all(() -> ViOutputs.writeEstimators(out, config, result));
    System.out.printf(
        Locale.ROOT,
        "%-13s %-18s %11s %11s %12s %8s %10s%n",
        "problem",
        "estimator",
        "meanError",
        "stdError",
        "variance",
        "snr",
        "ms/est");
    for (EstimatorStats s : result.estimators()) {
      System.out.printf(
          Locale.ROOT,
          "%-13s %-18s %11.4g %11.4g %12.4g %8.3f %10.3f%s%n",
          s.problem(),
          s.name(),
          s.meanError(),
          s.standardError(),
          s.variance(),
          s.snr(),
          1e3 * s.secondsPerEstimate(),
          s.unbiased() ? "" : "  (biased)");
    }
    result
        .pathwiseToScoreVarianceRatio()
        .forEach(
            (problem, ratio) ->
                System.out.printf(
                    Locale.ROOT,
                    "%s: pathwise/score variance ratio %.3g (score is %.0fx noisier)%n",
                    problem,
                    ratio,
                    1 / ratio));
    System.out.printf(
        Locale.ROOT,
        "wrote %s and %d figures in %.1f s%n",
        out.resolve(ViOutputs.METRICS),
        figures.size(),
        result.seconds());
    return 0;
  }
}
