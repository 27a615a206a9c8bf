package org.varl.cli.flow;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.ModelOption;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.SeedOption;
import org.varl.models.flow.FlowSampling;
import org.varl.models.flow.NetworkVelocity;
import org.varl.models.flow.OdeSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl flow sample}: samples of a trained flow by an ODE solver. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Sample a trained flow: z ~ N(0, I) carried from t = 0 to 1 by the solver in --nfe network"
          + " evaluations; writes samples.csv (one point per row) and samples.png into --out."
    })
public final class FlowSampleCommand implements Callable<Integer> {

  @Mixin ModelOption run;

  @Option(
      names = "--solver",
      paramLabel = "euler|midpoint|rk4",
      defaultValue = "euler",
      description = "euler, midpoint or rk4 (default: ${DEFAULT-VALUE}).")
  String solver;

  @Option(
      names = "--nfe",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Network evaluations, rounded down to whole steps (1, 2 or 4 per step) (default:"
              + " ${DEFAULT-VALUE}).")
  int nfe;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Samples (default: ${DEFAULT-VALUE}).")
  int count;

  @Mixin SeedOption seed;

  @Override
  public Integer call() {
    OdeSolver s = OdeSolver.parse(solver);
    if (nfe < 1) {
      throw new IllegalArgumentException("--nfe must be >= 1, found " + nfe);
    }
    s.stepsFor(nfe);
    if (count < 1) {
      throw new IllegalArgumentException("--count must be >= 1, found " + count);
    }
    run.checkOut();
    try (FlowFiles.LoadedModel model = FlowFiles.LoadedModel.load(run.model)) {
      FlowSampling.Samples samples =
          FlowSampling.sample(
              new NetworkVelocity(model.net()), model.manager(), count, s, nfe, seed.seed);
      Path dir = run.outDir();
      Outputs.all(
          () -> {
            FlowFiles.writeSamples(dir.resolve("samples.csv"), samples.points(), samples.d());
            FlowFiles.scatter(
                dir.resolve("samples.png"),
                String.format(Locale.ROOT, "%s, NFE %d", s.id(), samples.nfe()),
                samples.points(),
                samples.d());
            return null;
          });
      System.out.printf(
          Locale.ROOT,
          "%d samples by %s in %d steps (NFE %d), straightness %.4f; wrote %s%n",
          count,
          s.id(),
          samples.steps(),
          samples.nfe(),
          samples.straightness(),
          dir.resolve("samples.csv"));
    }
    return 0;
  }
}
