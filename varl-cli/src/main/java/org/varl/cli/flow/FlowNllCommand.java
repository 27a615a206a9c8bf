package org.varl.cli.flow;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.varl.cli.common.Json;
import org.varl.cli.common.ModelOption;
import org.varl.cli.common.SeedOption;
import org.varl.core.data.ArrayDataset;
import org.varl.core.data.CsvLoader;
import org.varl.core.data.CsvScaling;
import org.varl.core.data.DataOptions;
import org.varl.models.flow.ChangeOfVariables;
import org.varl.models.flow.FlowEvaluation;
import org.varl.models.flow.NetworkVelocity;
import org.varl.models.toy.PointData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varl flow nll}: the model's exact log-likelihood by the instantaneous change of variables.
 */
@Command(
    name = "nll",
    mixinStandardHelpOptions = true,
    description = {
      "Negative log-likelihood of held-out points under the flow, log p(x) = log N(z_0) - int_0^1"
          + " div v dt (Chen et al. 2018), integrated back from t = 1 with RK4; writes nll.json"
          + " (nll, nll_se, data_entropy) into --out.",
      "data_entropy is the data's true entropy where known (8gaussians, checkerboard): nll >= it."
    })
public final class FlowNllCommand implements Callable<Integer> {

  @Mixin ModelOption run;

  @Option(
      names = "--points",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Held-out points of the run's data (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description =
          "Score these points instead (one per row, the model's dimension; default: none, held-out"
              + " draws of the run's data).")
  Path csv;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "50",
      description = "RK4 steps from t = 1 to 0 (4 evaluations each) (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--divergence",
      paramLabel = "exact|hutchinson",
      defaultValue = "exact",
      description =
          "exact (d Jacobian-vector products) or hutchinson (one Rademacher probe per point)"
              + " (default: ${DEFAULT-VALUE}).")
  String divergence;

  @Mixin SeedOption seed;

  @Override
  public Integer call() {
    ChangeOfVariables.Estimator estimator = ChangeOfVariables.Estimator.parse(divergence);
    if (steps < 1) {
      throw new IllegalArgumentException("--steps must be >= 1, found " + steps);
    }
    if (points < 2) {
      throw new IllegalArgumentException("--points must be >= 2, found " + points);
    }
    run.checkOut();
    try (FlowFiles.LoadedModel model = FlowFiles.LoadedModel.load(run.model)) {
      PointData data = model.checkpoint().data();
      int d = model.checkpoint().dimension();
      if (csv != null) {
        ArrayDataset rows =
            CsvLoader.read(
                csv, csv.toString(), DataOptions.defaults().withCsvScaling(CsvScaling.NONE));
        if (rows.dimension() != d) {
          throw new IllegalArgumentException(
              "--csv "
                  + csv
                  + " has "
                  + rows.dimension()
                  + " columns, the model's dimension is "
                  + d);
        }
        data = new CsvPoints(rows, data);
      }
      FlowEvaluation.Nll r =
          FlowEvaluation.nll(
              new NetworkVelocity(model.net()),
              model.manager(),
              data,
              points,
              steps,
              estimator,
              seed.seed);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("nll", r.nll());
      json.put("nll_se", r.nllSe());
      json.put("data_entropy", r.dataEntropy().isPresent() ? r.dataEntropy().getAsDouble() : null);
      json.put("points", r.points());
      json.put("divergence", r.divergence().id());
      json.put("solver", r.solver().id());
      json.put("nfe", r.nfe());
      json.put("data", csv != null ? "csv:" + csv : model.checkpoint().config().data());
      Path file = run.outDir().resolve("nll.json");
      Json.write(file, json);
      System.out.printf(
          Locale.ROOT,
          "nll %.4f ± %.4f nats per point (%d points, %s divergence, RK4 NFE %d)%s; wrote %s%n",
          r.nll(),
          r.nllSe(),
          r.points(),
          r.divergence().id(),
          r.nfe(),
          r.dataEntropy().isPresent()
              ? String.format(Locale.ROOT, ", data entropy %.4f", r.dataEntropy().getAsDouble())
              : "",
          file);
    }
    return 0;
  }

  /** A user's points as held-out data, with the run's data set's density where it has one. */
  private record CsvPoints(ArrayDataset rows, PointData run) implements PointData {
    @Override
    public String spec() {
      return rows.name();
    }

    @Override
    public int dimension() {
      return rows.dimension();
    }

    @Override
    public float[] sample(int n, java.util.SplittableRandom random) {
      throw new UnsupportedOperationException("csv points are only scored");
    }

    @Override
    public float[] heldOut(int n, java.util.SplittableRandom random) {
      return rows.features();
    }

    @Override
    public java.util.OptionalDouble entropy() {
      return java.util.OptionalDouble.empty();
    }
  }
}
