package org.varl.cli.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.varl.cli.common.Heatmaps;
import org.varl.cli.common.Json;
import org.varl.core.io.AtomicFiles;
import org.varl.experiments.control.GridworldResult;

/**
 * Writes a {@link GridworldResult} into a directory: per temperature {@code values-alpha-A.png}
 * (V_0 with the policy's mean move, exact | maxent | optimism) and {@code marginals-alpha-A.png}
 * (rows: the exact posterior's marginals, the exact policy's visitation, and the maxent posterior's
 * marginals, which are its visitation; columns: the plotted times), plus {@code metrics.csv} and
 * {@code metrics.json}. Every file is written atomically.
 */
public final class GridworldFiles {

  /** The files written. */
  public record Written(List<Path> figures, Path metricsJson, Path metricsCsv) {}

  private GridworldFiles() {}

  public static Written write(GridworldResult r, Path dir) {
    List<Path> figures = new ArrayList<>();
    StringBuilder csv =
        new StringBuilder(
            "temperature,backup,t,marginal_entropy,visitation_entropy,tv_marginals_visitation\n");
    int[] times = r.times();
    for (GridworldResult.TemperatureSummary s : r.temperatures()) {
      double alpha = s.temperature();
      GridworldResult.BackupSummary exact = s.exact();
      GridworldResult.BackupSummary maxent = s.maxent();
      for (GridworldResult.BackupSummary b : List.of(exact, maxent)) {
        for (int t = 0; t < r.horizon(); t++) {
          csv.append(
              String.format(
                  Locale.ROOT,
                  "%s,%s,%d,%.10g,%.10g,%.10g%n",
                  GridPanels.number(alpha),
                  b.backup(),
                  t,
                  b.marginalEntropy()[t],
                  b.visitationEntropy()[t],
                  b.marginalVisitationTv()[t]));
        }
      }
      String tag = "alpha-" + GridPanels.number(alpha);
      String a = GridPanels.number(alpha);
      Path values = dir.resolve("values-" + tag + ".png");
      Heatmaps.save(
          values,
          "V_0 and policy, alpha = " + a + " (exact vs maxent backup)",
          List.of(
              GridPanels.valuesWithPolicy(
                  r.grid(), "exact: V_0, pi_0 mean move", exact.values(), exact.policy()),
              GridPanels.valuesWithPolicy(
                  r.grid(), "maxent: V_0, pi_0 mean move", maxent.values(), maxent.policy()),
              GridPanels.values(r.grid(), "optimism V_0 exact - maxent", s.optimism())),
          3,
          Heatmaps.Scale.PER_PANEL);
      figures.add(values);
      // The exact posterior's marginals against its policy's visitation (the optimism, seen in
      // space); the maxent
      // posterior is the variational q(tau) = p0 prod pi_t P, whose marginals are its visitation:
      // one row.
      List<Heatmaps.Panel> panels = new ArrayList<>();
      for (int k = 0; k < times.length; k++) {
        panels.add(
            GridPanels.values(
                r.grid(), "exact marginals t=" + times[k], exact.marginalsAtTimes()[k]));
      }
      for (int k = 0; k < times.length; k++) {
        panels.add(
            GridPanels.values(
                r.grid(), "exact visitation t=" + times[k], exact.visitationAtTimes()[k]));
      }
      for (int k = 0; k < times.length; k++) {
        panels.add(
            GridPanels.values(
                r.grid(),
                "maxent marginals = visitation t=" + times[k],
                maxent.visitationAtTimes()[k]));
      }
      Path marginals = dir.resolve("marginals-" + tag + ".png");
      Heatmaps.save(
          marginals,
          "Posterior marginals vs policy visitation d_t, alpha = "
              + a
              + " (rows: exact posterior p(s_t|O), exact visitation, maxent: q(s_t) = its visitation)",
          panels,
          times.length,
          Heatmaps.Scale.PER_PANEL);
      figures.add(marginals);
    }
    Path csvPath = dir.resolve("metrics.csv");
    AtomicFiles.writeString(csvPath, csv.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("grid", r.config().gridName());
    json.put("states", r.grid().numStates());
    json.put("slip", r.config().slip());
    json.put("horizon", r.horizon());
    json.put("times", times);
    json.put("seed", r.config().seed());
    json.put("monte_carlo_samples", r.config().samples());
    List<Map<String, Object>> perTemperature = new ArrayList<>();
    for (GridworldResult.TemperatureSummary s : r.temperatures()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("temperature", s.temperature());
      m.put("optimism_max", s.maxOptimism());
      m.put("optimism_mean", s.meanOptimism());
      m.put("optimism_min", s.minOptimism());
      for (GridworldResult.BackupSummary b : List.of(s.exact(), s.maxent())) {
        Map<String, Object> bm = new LinkedHashMap<>();
        bm.put("v0_start", b.startValue());
        bm.put("marginals_note", b.marginalsNote());
        bm.put("marginal_entropy_peak_t", b.peakEntropyTime());
        bm.put("marginal_entropy", b.marginalEntropy());
        bm.put("visitation_entropy", b.visitationEntropy());
        bm.put("tv_marginals_visitation", b.marginalVisitationTv());
        bm.put("monte_carlo_tv_max", b.monteCarloTv());
        m.put(b.backup(), bm);
      }
      perTemperature.add(m);
    }
    json.put("temperatures", perTemperature);
    Path jsonPath = dir.resolve("metrics.json");
    Json.write(jsonPath, json);
    return new Written(figures, jsonPath, csvPath);
  }
}
