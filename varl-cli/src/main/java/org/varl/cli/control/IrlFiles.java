package org.varl.cli.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.varl.cli.common.Heatmaps;
import org.varl.cli.common.Json;
import org.varl.cli.common.Plots;
import org.varl.control.grid.CellFeatures;
import org.varl.control.irl.Demonstrations;
import org.varl.control.irl.IrlResult;
import org.varl.core.io.AtomicFiles;
import org.varl.experiments.control.IrlExperimentResult;

/**
 * Writes an {@link IrlExperimentResult} into a directory: {@code reward.png} (true reward, learned
 * reward plus the best shift with the learned policy's mean moves, demonstration and learned
 * occupancies), {@code learning-curve.png} (dual objective, demonstration log-likelihood, the
 * expert's), {@code metrics.json}, and {@code demos.json} when the demonstrations were sampled.
 * Every file is written atomically.
 */
public final class IrlFiles {

  /** The files written. */
  public record Written(List<Path> figures, Path metrics) {}

  private IrlFiles() {}

  public static Written write(IrlExperimentResult r, Path dir) {
    IrlResult fit = r.fit();
    List<Path> figures = new ArrayList<>();
    Path reward = dir.resolve("reward.png");
    Heatmaps.save(
        reward,
        "MaxEnt IRL: true vs learned reward (learned + best constant shift), and where the agents go",
        List.of(
            GridPanels.values(r.grid(), "true reward r(s)", r.trueReward()),
            GridPanels.valuesWithPolicy(
                r.grid(), "learned reward + shift, pi_0", r.shiftedReward(), fit.policy()[0]),
            GridPanels.values(r.grid(), "demos: sum_t visits / N", r.demoOccupancy()),
            GridPanels.values(r.grid(), "learned: sum_t d_t(s)", r.learnedOccupancy())),
        4,
        Heatmaps.Scale.PER_PANEL);
    figures.add(reward);
    double[] iterations = new double[r.config().iterations()];
    for (int i = 0; i < iterations.length; i++) {
      iterations[i] = i;
    }
    List<Plots.Series> curves = new ArrayList<>();
    curves.add(new Plots.Series("objective (dual, per step)", iterations, fit.objective()));
    curves.add(new Plots.Series("demo log-likelihood per step", iterations, fit.logLikelihood()));
    double expertLl = r.expertLogLikelihood();
    if (!Double.isNaN(expertLl)) {
      double[] flat = new double[iterations.length];
      Arrays.fill(flat, expertLl);
      curves.add(new Plots.Series("expert policy's log-likelihood", iterations, flat));
    }
    Path curve = dir.resolve("learning-curve.png");
    Plots.line(
        curve,
        Plots.Axes.linear("MaxEnt IRL learning curve", "iteration", "per-step value"),
        curves);
    figures.add(curve);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("grid", "slippery " + r.config().size() + "x" + r.config().size());
    json.put("horizon", r.horizon());
    json.put("demos", r.sampledDemos() ? "sampled" : r.config().demos().toString());
    json.put("num_demos", r.demos().size());
    json.put("seed", r.config().seed());
    json.put("features", CellFeatures.NAMES);
    json.put("true_weights", CellFeatures.TRUE_WEIGHTS);
    json.put("learned_weights", r.learnedWeights());
    json.put("reward_shift", r.shift());
    json.put("reward_rmse_after_shift", r.rewardRmse());
    json.put("tv_visitation_to_demos_max_t", r.tvToDemos());
    json.put("tv_visitation_to_expert_max_t", Double.isNaN(r.tvToExpert()) ? null : r.tvToExpert());
    json.put("expert_log_likelihood", Double.isNaN(expertLl) ? null : expertLl);
    json.put("objective", fit.objective());
    json.put("log_likelihood", fit.logLikelihood());
    json.put("gradient_norm", fit.gradientNorm());
    Path metrics = dir.resolve("metrics.json");
    Json.write(metrics, json);
    if (r.sampledDemos()) {
      AtomicFiles.writeString(dir.resolve("demos.json"), Demonstrations.toJson(r.demos()));
    }
    return new Written(figures, metrics);
  }
}
