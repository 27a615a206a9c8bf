package org.varl.cli.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.varl.cli.common.Heatmaps;
import org.varl.cli.common.Json;
import org.varl.cli.common.Plots;
import org.varl.cli.common.Progress;
import org.varl.control.Backup;
import org.varl.control.BackwardMessages;
import org.varl.control.InferenceConfig;
import org.varl.control.Mdp;
import org.varl.control.PolicyVisitation;
import org.varl.control.grid.CellFeatures;
import org.varl.control.grid.Gridworld;
import org.varl.control.grid.SlipperyGridworld;
import org.varl.control.irl.Demonstrations;
import org.varl.control.irl.IrlConfig;
import org.varl.control.irl.IrlResult;
import org.varl.control.irl.MaxEntIrl;
import org.varl.control.irl.Trajectory;
import org.varl.core.io.AtomicFiles;

/**
 * MaxEnt IRL on the slippery gridworld: demonstrations from the soft-optimal (maxent backup) expert with the true
 * reward, or read from a file; learn weights over the cell-type features; compare rewards (up to the best constant
 * shift, which no policy can reveal) and visitations; plot true vs learned reward and the learning curve.
 */
public final class IrlExperiment {

  /** {@code demos} null means: sample {@code numDemos} from the expert with {@code seed}. */
  public record Config(int size, double slip, int horizon, double temperature, Path demos, int numDemos,
      int iterations, double learningRate, Path out, long seed) {
    public Config {
      if (size < 2 || size > 100) {
        throw new IllegalArgumentException("size: must be in [2, 100], found " + size);
      }
      if (horizon < 1) {
        throw new IllegalArgumentException("horizon: must be >= 1, found " + horizon);
      }
      if (demos == null && numDemos < 1) {
        throw new IllegalArgumentException("num-demos: must be >= 1, found " + numDemos);
      }
    }
  }

  /**
   * Weights (true and learned, feature names), the constant shift c minimizing sum_s (r_true - r_learned - c)^2
   * and the remaining RMS error, max over t of TV(learned visitation, demonstrations' empirical visitation) and
   * (generated demos only, else NaN) TV(learned, expert visitation), the learning curves, and the files.
   */
  public record Result(String[] features, double[] trueWeights, double[] learnedWeights, double shift,
      double rewardRmse, double tvToDemos, double tvToExpert, double expertLogLikelihood, IrlResult fit,
      List<Path> figures, Path metrics) {
  }

  private IrlExperiment() {
  }

  public static Result run(Config c) {
    IrlConfig irl = new IrlConfig(c.temperature(), c.iterations(), c.learningRate());
    Gridworld grid = SlipperyGridworld.build(c.size(), c.slip());
    Mdp mdp = grid.mdp();
    double[][] features = CellFeatures.of(grid);
    double[] trueReward = MaxEntIrl.stateRewards(features, CellFeatures.TRUE_WEIGHTS);
    List<Trajectory> demos;
    double[][] expertVisitation = null;
    double[][] expertPolicy = null;
    if (c.demos() != null) {
      demos = Demonstrations.read(c.demos(), mdp.numStates(), mdp.numActions());
    } else {
      InferenceConfig expert = new InferenceConfig(c.horizon(), c.temperature(), Backup.MAXENT, 1.0);
      expertPolicy = BackwardMessages.compute(mdp, expert).policy();
      expertVisitation = PolicyVisitation.compute(mdp, expertPolicy);
      demos = Demonstrations.sample(mdp, expertPolicy, c.numDemos(), c.seed());
    }
    int horizon = demos.get(0).length();
    IrlResult fit;
    try (Progress bar = Progress.start("control irl", irl.iterations(), "iteration")) {
      fit = MaxEntIrl.fit(mdp, features, demos, irl, iteration -> bar.step());
    }

    double shift = 0;
    for (int s = 0; s < trueReward.length; s++) {
      shift += (trueReward[s] - fit.stateRewards()[s]) / trueReward.length;
    }
    double sq = 0;
    double[] shifted = new double[trueReward.length];
    for (int s = 0; s < trueReward.length; s++) {
      shifted[s] = fit.stateRewards()[s] + shift;
      sq += Math.pow(trueReward[s] - shifted[s], 2) / trueReward.length;
    }
    double[][] empirical = new double[horizon][mdp.numStates()];
    for (Trajectory d : demos) {
      for (int t = 0; t < horizon; t++) {
        empirical[t][d.states()[t]] += 1.0 / demos.size();
      }
    }
    double tvDemos = 0;
    double tvExpert = expertVisitation == null ? Double.NaN : 0;
    for (int t = 0; t < horizon; t++) {
      tvDemos = Math.max(tvDemos, GridPanels.totalVariation(empirical[t], fit.visitation()[t]));
      if (expertVisitation != null) {
        tvExpert = Math.max(tvExpert, GridPanels.totalVariation(expertVisitation[t], fit.visitation()[t]));
      }
    }
    double expertLl = expertPolicy == null ? Double.NaN
        : MaxEntIrl.averageLogLikelihood(expertPolicy, demos, mdp.numActions());

    List<Path> figures = new ArrayList<>();
    Path reward = c.out().resolve("reward.png");
    double[] learnedOccupancy = sumOverTime(fit.visitation());
    double[] demoOccupancy = sumOverTime(empirical);
    Heatmaps.save(reward, "MaxEnt IRL: true vs learned reward (learned + best constant shift), and where the agents go",
        List.of(GridPanels.values(grid, "true reward r(s)", trueReward),
            GridPanels.valuesWithPolicy(grid, "learned reward + shift, pi_0", shifted, fit.policy()[0]),
            GridPanels.values(grid, "demos: sum_t visits / N", demoOccupancy),
            GridPanels.values(grid, "learned: sum_t d_t(s)", learnedOccupancy)),
        4, Heatmaps.Scale.PER_PANEL);
    figures.add(reward);
    double[] iterations = new double[irl.iterations()];
    for (int i = 0; i < iterations.length; i++) {
      iterations[i] = i;
    }
    List<Plots.Series> curves = new ArrayList<>();
    curves.add(new Plots.Series("objective (dual, per step)", iterations, fit.objective()));
    curves.add(new Plots.Series("demo log-likelihood per step", iterations, fit.logLikelihood()));
    if (!Double.isNaN(expertLl)) {
      double[] flat = new double[iterations.length];
      java.util.Arrays.fill(flat, expertLl);
      curves.add(new Plots.Series("expert policy's log-likelihood", iterations, flat));
    }
    Path curve = c.out().resolve("learning-curve.png");
    Plots.line(curve, Plots.Axes.linear("MaxEnt IRL learning curve", "iteration", "per-step value"), curves);
    figures.add(curve);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("grid", "slippery " + c.size() + "x" + c.size());
    json.put("horizon", horizon);
    json.put("demos", c.demos() != null ? c.demos().toString() : "sampled");
    json.put("num_demos", demos.size());
    json.put("seed", c.seed());
    json.put("features", CellFeatures.NAMES);
    json.put("true_weights", CellFeatures.TRUE_WEIGHTS);
    json.put("learned_weights", fit.weights());
    json.put("reward_shift", shift);
    json.put("reward_rmse_after_shift", sq == 0 ? 0.0 : Math.sqrt(sq));
    json.put("tv_visitation_to_demos_max_t", tvDemos);
    json.put("tv_visitation_to_expert_max_t", Double.isNaN(tvExpert) ? null : tvExpert);
    json.put("expert_log_likelihood", Double.isNaN(expertLl) ? null : expertLl);
    json.put("objective", fit.objective());
    json.put("log_likelihood", fit.logLikelihood());
    json.put("gradient_norm", fit.gradientNorm());
    Path metrics = c.out().resolve("metrics.json");
    Json.write(metrics, json);
    if (c.demos() == null) {
      AtomicFiles.writeString(c.out().resolve("demos.json"), Demonstrations.toJson(demos));
    }
    return new Result(CellFeatures.NAMES, CellFeatures.TRUE_WEIGHTS.clone(), fit.weights(), shift, Math.sqrt(sq),
        tvDemos, tvExpert, expertLl, fit, figures, metrics);
  }

  private static double[] sumOverTime(double[][] d) {
    double[] total = new double[d[0].length];
    for (double[] row : d) {
      for (int s = 0; s < row.length; s++) {
        total[s] += row[s];
      }
    }
    return total;
  }
}
