package org.varl.cli.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.varl.cli.common.Heatmaps;
import org.varl.cli.common.Json;
import org.varl.control.Backup;
import org.varl.control.ControlAsInference;
import org.varl.control.FiniteHorizonSolution;
import org.varl.control.InferenceConfig;
import org.varl.control.irl.Demonstrations;
import org.varl.control.irl.Trajectory;
import org.varl.control.grid.GridMap;
import org.varl.control.grid.Gridworld;
import org.varl.control.grid.SlipperyGridworld;
import org.varl.core.io.AtomicFiles;

/**
 * Control as inference on a gridworld at several temperatures, exact vs maxent backup: V_0 with policy arrows, the
 * optimism V_exact - V_maxent, posterior marginals vs policy visitation at several t, and metrics (entropy of the
 * marginals per t, which peaks mid-trajectory: the lecture's "more variability in the middle"; TV between marginals
 * and visitation; a Monte Carlo check of the visitation with sampled trajectories).
 */
public final class GridworldExperiment {

  /**
   * {@code size} (the peer's slippery gridworld) or {@code map} (a text map; size ignored); {@code horizon} 0 means
   * twice the grid's width + height; {@code samples} trajectories for the Monte Carlo check.
   */
  public record Config(int size, Path map, double slip, double[] temperatures, int horizon, Path out, long seed,
      int samples) {
    public Config {
      if (map == null && (size < 2 || size > 200)) {
        throw new IllegalArgumentException("size: must be in [2, 200] for plotting, found " + size);
      }
      if (temperatures == null || temperatures.length == 0) {
        throw new IllegalArgumentException("temperatures: need at least one value");
      }
      for (int i = 0; i < temperatures.length; i++) {
        if (!(temperatures[i] > 0) || Double.isInfinite(temperatures[i])) {
          throw new IllegalArgumentException("temperatures[" + i + "]: must be finite and > 0, found "
              + temperatures[i]);
        }
      }
      if (horizon < 0) {
        throw new IllegalArgumentException("horizon: must be >= 1 (or 0 for automatic), found " + horizon);
      }
      if (samples < 1) {
        throw new IllegalArgumentException("samples: must be >= 1, found " + samples);
      }
    }
  }

  /**
   * Per backup: V_0 at the start, what its marginals are ({@link ControlAsInference#marginalsNote}), entropies of
   * marginals and visitation per t, their TV per t (0 for maxent, whose marginals are the visitation), Monte Carlo TV.
   */
  public record BackupSummary(String backup, double startValue, String marginalsNote, double[] marginalEntropy,
      double[] visitationEntropy, double[] marginalVisitationTv, double monteCarloTv) {
    /** The t where the posterior marginals are most spread out. */
    public int peakEntropyTime() {
      int best = 0;
      for (int t = 1; t < marginalEntropy.length; t++) {
        if (marginalEntropy[t] > marginalEntropy[best]) {
          best = t;
        }
      }
      return best;
    }
  }

  /** One temperature: both backups, and the optimism max_s / mean_s of V_0^exact - V_0^maxent (never < 0). */
  public record TemperatureSummary(double temperature, BackupSummary exact, BackupSummary maxent, double maxOptimism,
      double meanOptimism, double minOptimism) {
  }

  public record Result(int width, int height, int states, int horizon, int[] times,
      List<TemperatureSummary> temperatures, List<Path> figures, Path metricsJson, Path metricsCsv) {
  }

  private GridworldExperiment() {
  }

  public static Gridworld grid(Config c) {
    return c.map() != null ? GridMap.read(c.map(), c.slip()) : SlipperyGridworld.build(c.size(), c.slip());
  }

  public static Result run(Config c) {
    Gridworld grid = grid(c);
    int horizon = c.horizon() > 0 ? c.horizon() : 2 * (grid.width() + grid.height());
    int[] times = times(horizon);
    List<Path> figures = new ArrayList<>();
    List<TemperatureSummary> summaries = new ArrayList<>();
    StringBuilder csv = new StringBuilder(
        "temperature,backup,t,marginal_entropy,visitation_entropy,tv_marginals_visitation\n");
    for (int i = 0; i < c.temperatures().length; i++) {
      double alpha = c.temperatures()[i];
      InferenceConfig config = new InferenceConfig(horizon, alpha, Backup.EXACT, 1.0);
      FiniteHorizonSolution exact = ControlAsInference.solve(grid.mdp(), config);
      FiniteHorizonSolution maxent = ControlAsInference.solve(grid.mdp(), config.withBackup(Backup.MAXENT));
      BackupSummary e = summarize(grid, exact, c.samples(), c.seed() + 2L * i);
      BackupSummary m = summarize(grid, maxent, c.samples(), c.seed() + 2L * i + 1);
      double[] gap = new double[grid.numStates()];
      double max = Double.NEGATIVE_INFINITY;
      double min = Double.POSITIVE_INFINITY;
      double mean = 0;
      for (int s = 0; s < gap.length; s++) {
        gap[s] = exact.v()[0][s] - maxent.v()[0][s];
        max = Math.max(max, gap[s]);
        min = Math.min(min, gap[s]);
        mean += gap[s] / gap.length;
      }
      summaries.add(new TemperatureSummary(alpha, e, m, max, mean, min));
      for (BackupSummary b : List.of(e, m)) {
        for (int t = 0; t < horizon; t++) {
          csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.10g,%.10g,%.10g%n", GridPanels.number(alpha), b.backup(),
              t, b.marginalEntropy()[t], b.visitationEntropy()[t], b.marginalVisitationTv()[t]));
        }
      }
      String tag = "alpha-" + GridPanels.number(alpha);
      String a = GridPanels.number(alpha);
      Path values = c.out().resolve("values-" + tag + ".png");
      Heatmaps.save(values, "V_0 and policy, alpha = " + a + " (exact vs maxent backup)", List.of(
          GridPanels.valuesWithPolicy(grid, "exact: V_0, pi_0 mean move", exact.v()[0], exact.policy()[0]),
          GridPanels.valuesWithPolicy(grid, "maxent: V_0, pi_0 mean move", maxent.v()[0], maxent.policy()[0]),
          GridPanels.values(grid, "optimism V_0 exact - maxent", gap)), 3, Heatmaps.Scale.PER_PANEL);
      figures.add(values);
      // The exact posterior's marginals against its policy's visitation (the optimism, seen in space); the maxent
      // posterior is the variational q(tau) = p0 prod pi_t P, whose marginals are its visitation: one row.
      List<Heatmaps.Panel> panels = new ArrayList<>();
      for (int t : times) {
        panels.add(GridPanels.values(grid, "exact marginals t=" + t, exact.marginals().orElseThrow()[t]));
      }
      for (int t : times) {
        panels.add(GridPanels.values(grid, "exact visitation t=" + t, exact.visitation()[t]));
      }
      for (int t : times) {
        panels.add(GridPanels.values(grid, "maxent marginals = visitation t=" + t, maxent.visitation()[t]));
      }
      Path marginals = c.out().resolve("marginals-" + tag + ".png");
      Heatmaps.save(marginals, "Posterior marginals vs policy visitation d_t, alpha = " + a
          + " (rows: exact posterior p(s_t|O), exact visitation, maxent: q(s_t) = its visitation)", panels,
          times.length, Heatmaps.Scale.PER_PANEL);
      figures.add(marginals);
    }
    Path csvPath = c.out().resolve("metrics.csv");
    AtomicFiles.writeString(csvPath, csv.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("grid", c.map() != null ? c.map().toString() : "slippery " + c.size() + "x" + c.size());
    json.put("states", grid.numStates());
    json.put("slip", c.slip());
    json.put("horizon", horizon);
    json.put("times", times);
    json.put("seed", c.seed());
    json.put("monte_carlo_samples", c.samples());
    List<Map<String, Object>> perTemperature = new ArrayList<>();
    for (TemperatureSummary s : summaries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("temperature", s.temperature());
      m.put("optimism_max", s.maxOptimism());
      m.put("optimism_mean", s.meanOptimism());
      m.put("optimism_min", s.minOptimism());
      for (BackupSummary b : List.of(s.exact(), s.maxent())) {
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
    Path jsonPath = c.out().resolve("metrics.json");
    Json.write(jsonPath, json);
    return new Result(grid.width(), grid.height(), grid.numStates(), horizon, times, summaries, figures, jsonPath,
        csvPath);
  }

  /** 0, T/4, T/2, 3T/4, T-1 without repeats. */
  static int[] times(int horizon) {
    TreeSet<Integer> set = new TreeSet<>();
    for (int k = 0; k <= 4; k++) {
      set.add(Math.min(horizon - 1, k * (horizon - 1) / 4));
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  private static BackupSummary summarize(Gridworld grid, FiniteHorizonSolution sol, int samples, long seed) {
    int horizon = sol.horizon();
    double[] hm = new double[horizon];
    double[] hv = new double[horizon];
    double[] tv = new double[horizon];
    double[][] marginals = sol.marginals().orElseThrow();    // discount 1: both backups have them
    for (int t = 0; t < horizon; t++) {
      hm[t] = GridPanels.entropy(marginals[t]);
      hv[t] = GridPanels.entropy(sol.visitation()[t]);
      tv[t] = GridPanels.totalVariation(marginals[t], sol.visitation()[t]);
    }
    // Monte Carlo: running pi_t in the true dynamics reproduces the computed visitation d_t.
    List<Trajectory> runs = Demonstrations.sample(grid.mdp(), sol.policy(), samples, seed);
    double worst = 0;
    for (int t = 0; t < horizon; t++) {
      double[] empirical = new double[grid.numStates()];
      for (Trajectory r : runs) {
        empirical[r.states()[t]] += 1.0 / samples;
      }
      worst = Math.max(worst, GridPanels.totalVariation(empirical, sol.visitation()[t]));
    }
    double start = 0;
    for (int s = 0; s < grid.numStates(); s++) {
      start += grid.mdp().initial(s) * sol.v()[0][s];
    }
    return new BackupSummary(sol.config().backup().cliName(), start, sol.marginalsNote(), hm, hv, tv, worst);
  }
}
