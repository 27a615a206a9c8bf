package org.varl.cli.vi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.varl.cli.common.Json;
import org.varl.cli.common.Plots;
import org.varl.experiments.vi.AmortizationConfig;
import org.varl.experiments.vi.AmortizationResult;
import org.varl.experiments.vi.EstimatorStats;
import org.varl.experiments.vi.EstimatorsConfig;
import org.varl.experiments.vi.EstimatorsResult;

/**
 * The files of the two vi experiments, shared by the commands and the tour: {@code metrics.json}
 * (atomic) and the PNG figures. Returns the names of the figures written, relative to the output
 * directory.
 */
final class ViOutputs {

  static final String METRICS = "metrics.json";
  static final String ELBO_FIGURE = "elbo-vs-steps.png";

  private ViOutputs() {}

  static String varianceFigure(String problem) {
    return "variance-vs-samples-" + problem + ".png";
  }

  /** The problems of a result, in their order (the image problem is named after its data). */
  static List<String> problems(EstimatorsResult result) {
    return result.estimators().stream().map(EstimatorStats::problem).distinct().toList();
  }

  /**
   * metrics.json and one log-log variance-vs-samples figure per problem, in {@link #problems}
   * order.
   */
  static List<String> writeEstimators(Path dir, EstimatorsConfig config, EstimatorsResult result) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("config", config);
    metrics.put("estimators", result.estimators());
    metrics.put("sampleCounts", result.sampleCounts());
    metrics.put("pathwiseToScoreVarianceRatio", result.pathwiseToScoreVarianceRatio());
    metrics.put("trueGradient", result.trueGradient());
    metrics.put("trueGradientError", result.trueGradientError());
    metrics.put("imageData", result.imageData());
    metrics.put("imageDataNote", result.imageDataNote());
    metrics.put("seconds", result.seconds());
    Json.write(dir.resolve(METRICS), metrics);
    double[] counts = result.sampleCounts().stream().mapToDouble(Integer::doubleValue).toArray();
    List<String> figures = new ArrayList<>();
    for (String problem : problems(result)) {
      List<Plots.Series> series = new ArrayList<>();
      for (EstimatorStats s : result.estimators()) {
        if (s.problem().equals(problem)) {
          series.add(
              new Plots.Series(
                  s.name(),
                  counts,
                  s.varianceBySamples().stream().mapToDouble(Double::doubleValue).toArray()));
        }
      }
      String file = varianceFigure(problem);
      Plots.line(
          dir.resolve(file),
          new Plots.Axes(
              "Gradient variance vs draws per estimate (" + problem + ")",
              "draws per estimate S",
              "mean per-parameter variance",
              true,
              true),
          series);
      figures.add(file);
    }
    return figures;
  }

  /** metrics.json and the ELBO-vs-steps figure. */
  static List<String> writeAmortization(
      Path dir, AmortizationConfig config, AmortizationResult result) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("config", config);
    metrics.put("global", result.global());
    metrics.put("perPoint", result.perPoint());
    metrics.put("amortized", result.amortized());
    metrics.put("amortizationGap", result.amortizationGap());
    metrics.put("logMarginal", result.logMarginal());
    metrics.put("curveSteps", result.curveSteps());
    metrics.put("seconds", result.seconds());
    Json.write(dir.resolve(METRICS), metrics);
    double[] steps = result.curveSteps().stream().mapToDouble(Integer::doubleValue).toArray();
    List<Plots.Series> series = new ArrayList<>();
    for (AmortizationResult.Fit fit :
        List.of(result.global(), result.perPoint(), result.amortized())) {
      series.add(
          new Plots.Series(
              fit.name() + " (" + fit.parameters() + " params)",
              steps,
              fit.curve().stream().mapToDouble(Double::doubleValue).toArray()));
    }
    Plots.line(
        dir.resolve(ELBO_FIGURE),
        Plots.Axes.linear(
            "Training ELBO per data point (one draw per point)",
            "optimization step",
            "ELBO (nats)"),
        series);
    return List.of(ELBO_FIGURE);
  }
}
