package org.varl.cli.vi;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.EngineOptions;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.common.SeedOption;
import org.varl.experiments.vi.AmortizationConfig;
import org.varl.experiments.vi.AmortizationExperiment;
import org.varl.experiments.vi.AmortizationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code varl vi amortization}: global vs per-point vs amortized variational posteriors on one
 * decoder.
 */
@Command(
    name = "amortization",
    mixinStandardHelpOptions = true,
    description =
        "On one fixed decoder and data set, fits (i) one global q(z), (ii) a separate q_i(z) per data point"
            + " and (iii) an amortized encoder q_phi(z|x) by maximizing the ELBO; reports each final ELBO, the number of"
            + " variational parameters and the amortization gap (ii - iii). Writes DIR/metrics.json and"
            + " DIR/elbo-vs-steps.png.")
public final class AmortizationCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      defaultValue = "out/vi-amortization",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--points",
      defaultValue = "2000",
      paramLabel = "N",
      description = "Data points (default: ${DEFAULT-VALUE}).")
  int dataPoints;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Adam steps of each fit (default: ${DEFAULT-VALUE}).")
  int steps;

  @CommandLine.Mixin SeedOption seed;

  @CommandLine.Mixin EngineOptions engine;

  @Override
  public Integer call() {
    Outputs.directory(out);
    AmortizationConfig config =
        AmortizationConfig.defaults()
            .withDataPoints(dataPoints)
            .withSteps(steps)
            .withSeed(seed.seed)
            .withDevice(engine.device);
    engine.apply();
    AmortizationResult r;
    try (ProgressListener bar = new ProgressListener("vi amortization", "step")) {
      r = AmortizationExperiment.run(config, bar);
    }
    Outputs.all(() -> ViOutputs.writeAmortization(out, config, r));
    System.out.printf(Locale.ROOT, "%-10s %10s %12s%n", "q", "ELBO", "parameters");
    for (AmortizationResult.Fit fit : java.util.List.of(r.global(), r.perPoint(), r.amortized())) {
      System.out.printf(
          Locale.ROOT, "%-10s %10.3f %12d%n", fit.name(), fit.elbo(), fit.parameters());
    }
    System.out.printf(
        Locale.ROOT,
        "amortization gap (perPoint - amortized) %.3f nats; log p(x) ~ %.3f"
            + " (importance-sampled, %d draws)%n",
        r.amortizationGap(),
        r.logMarginal(),
        config.logMarginalSamples());
    System.out.printf(
        Locale.ROOT,
        "wrote %s and %s in %.1f s%n",
        out.resolve(ViOutputs.METRICS),
        out.resolve(ViOutputs.ELBO_FIGURE),
        r.seconds());
    return 0;
  }
}
