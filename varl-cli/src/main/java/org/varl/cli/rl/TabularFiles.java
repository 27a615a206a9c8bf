package org.varl.cli.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.varl.cli.common.Json;
import org.varl.cli.common.Plots;
import org.varl.core.io.AtomicFiles;
import org.varl.experiments.rl.TabularBridgeConfig;
import org.varl.experiments.rl.TabularBridgeResult;

/**
 * The files of the tabular bridge, shared by {@code varl rl tabular} and the tour: {@code q.json}
 * (the settings, the final distances and the three Q tables [state][action], "q" the learned one,
 * in the layout of {@code varl control solve --horizon inf}, -Infinity written as a string where
 * p(a|s) = 0), {@code convergence.csv} (samples, max |Q - Q*_maxent|, max |Q - Q*_exact|) and
 * {@code convergence.png} (both against samples, log-log, with the backups' gap and the 1% target).
 * Every file is written atomically; call inside {@link org.varl.cli.common.Outputs#all}.
 */
final class TabularFiles {
  static final String Q = "q.json";
  static final String CSV = "convergence.csv";
  static final String FIGURE = "convergence.png";

  private TabularFiles() {}

  /** Writes the three files into {@code dir}; returns their names, relative to it. */
  static List<String> write(TabularBridgeResult r, Path dir) {
    TabularBridgeConfig c = r.config();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("source", c.sourceName());
    json.put("states", r.states());
    json.put("actions", r.actions());
    json.put("pairs", r.pairs());
    json.put("samples", c.samples());
    json.put("temperature", c.temperature());
    json.put("backup", "maxent");
    json.put("discount", c.discount());
    json.put("stepExponent", c.stepExponent());
    json.put(
        "sampling", "cycle over the pairs (s,a) in row order, one successor s' ~ P(.|s,a) each");
    json.put("seed", c.seed());
    json.put("rewardRange", r.rewardRange());
    json.put("target", r.target());
    json.put("maxentDistance", r.maxentDistance());
    json.put("exactDistance", r.exactDistance());
    json.put("backupGap", r.backupGap());
    json.put("exactLowerBound", r.exactLowerBound());
    json.put("q", r.q());
    json.put("qMaxent", r.qMaxent());
    json.put("qExact", r.qExact());
    Json.write(dir.resolve(Q), json);

    StringBuilder csv =
        new StringBuilder("samples,max_abs_q_minus_qstar_maxent,max_abs_q_minus_qstar_exact\n");
    for (TabularBridgeResult.Row row : r.convergence()) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%.10g,%.10g%n",
              row.samples(),
              row.maxentDistance(),
              row.exactDistance()));
    }
    AtomicFiles.writeString(dir.resolve(CSV), csv.toString());

    List<TabularBridgeResult.Row> rows = r.convergence();
    double[] x = rows.stream().mapToDouble(TabularBridgeResult.Row::samples).toArray();
    double[] maxent = rows.stream().mapToDouble(TabularBridgeResult.Row::maxentDistance).toArray();
    double[] exact = rows.stream().mapToDouble(TabularBridgeResult.Row::exactDistance).toArray();
    double[] ends = {x[0], x[x.length - 1]};
    List<Plots.Series> series = new ArrayList<>();
    addPositive(series, "max |Q - Q*_maxent|", x, maxent);
    addPositive(series, "max |Q - Q*_exact|", x, exact);
    addPositive(
        series, "max |Q*_exact - Q*_maxent|", ends, new double[] {r.backupGap(), r.backupGap()});
    addPositive(
        series, "target: 1% of the reward range", ends, new double[] {r.target(), r.target()});
    Plots.line(
        dir.resolve(FIGURE),
        new Plots.Axes(
            String.format(
                Locale.ROOT,
                "Tabular soft Q-learning on %s (alpha %s, gamma %s)",
                c.sourceName(),
                c.temperature(),
                c.discount()),
            "sampled transitions",
            "sup distance of Q to Q*",
            true,
            true),
        series);
    return List.of(Q, CSV, FIGURE);
  }

  /**
   * Adds the points with y &gt; 0 (a log axis cannot show 0, e.g. the gap of deterministic
   * dynamics), or nothing when there are none.
   */
  private static void addPositive(List<Plots.Series> series, String name, double[] x, double[] y) {
    int n = 0;
    for (double v : y) {
      n += v > 0 && Double.isFinite(v) ? 1 : 0;
    }
    if (n == 0) {
      return;
    }
    double[] px = new double[n];
    double[] py = new double[n];
    for (int i = 0, j = 0; i < y.length; i++) {
      if (y[i] > 0 && Double.isFinite(y[i])) {
        px[j] = x[i];
        py[j++] = y[i];
      }
    }
    series.add(new Plots.Series(name, px, py));
  }
}
