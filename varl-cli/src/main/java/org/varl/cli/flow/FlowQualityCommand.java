package org.varl.cli.flow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.ModelOption;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.common.SeedOption;
import org.varl.models.flow.FlowEvaluation;
import org.varl.models.flow.NetworkVelocity;
import org.varl.models.flow.OdeSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl flow quality}: sample quality and straightness against the NFE budget. */
@Command(
    name = "quality",
    mixinStandardHelpOptions = true,
    description = {
      "Sample quality against NFE (1, 2, 4, ..., 64, 100) for each solver, from the same noise;"
          + " writes quality.csv (nfe,solver,energy_distance,sample_logp,straightness) and"
          + " quality.png into --out.",
      "straightness: Liu et al.'s S along the solver's path (0 by construction at one Euler step)."
    })
public final class FlowQualityCommand implements Callable<Integer> {

  @Mixin ModelOption run;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Samples per row (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--solvers",
      paramLabel = "euler|midpoint|rk4[,...]",
      defaultValue = "euler,midpoint,rk4",
      split = ",",
      description = "Solvers to compare (default: ${DEFAULT-VALUE}).")
  List<String> solvers;

  @Mixin SeedOption seed;

  @Override
  public Integer call() {
    List<OdeSolver> list = new ArrayList<>();
    for (String s : solvers) {
      list.add(OdeSolver.parse(s));
    }
    if (count < 2) {
      throw new IllegalArgumentException("--count must be >= 2, found " + count);
    }
    run.checkOut();
    try (FlowFiles.LoadedModel model = FlowFiles.LoadedModel.load(run.model);
        ProgressListener bar = new ProgressListener("flow quality", "solver")) {
      bar.stage("sampling", list.size());
      List<FlowEvaluation.QualityRow> rows = new ArrayList<>();
      for (OdeSolver s : list) {
        rows.addAll(
            FlowEvaluation.quality(
                new NetworkVelocity(model.net()),
                model.manager(),
                model.checkpoint().data(),
                count,
                List.of(s),
                FlowEvaluation.NFE_GRID,
                seed.seed));
        bar.advance(1);
      }
      bar.close();
      Path dir = run.outDir();
      String title = model.checkpoint().config().coupling().id() + " coupling";
      Outputs.all(
          () -> {
            FlowFiles.writeQuality(dir.resolve("quality.csv"), rows);
            FlowFiles.qualityPlot(dir.resolve("quality.png"), title, rows);
            return null;
          });
      for (FlowEvaluation.QualityRow r : rows) {
        System.out.printf(
            Locale.ROOT,
            "nfe %3d %-8s energy_distance %.5f sample_logp %.4f straightness %.4f%n",
            r.nfe(),
            r.solver().id(),
            r.energyDistance(),
            r.sampleLogp(),
            r.straightness());
      }
      System.out.println("wrote " + dir.resolve("quality.csv"));
    }
    return 0;
  }
}
