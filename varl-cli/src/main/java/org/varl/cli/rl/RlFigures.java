package org.varl.cli.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.varl.cli.common.Heatmaps;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.Plots;
import org.varl.rl.agents.SacAgent;
import org.varl.rl.train.MetricsRow;
import org.varl.rl.train.OffPolicyTrainer;
import org.varl.rl.train.TrainedAgent;

/**
 * The figures of a training run, written as one set: {@code learning_curve.png} (training episode
 * returns and evaluation means against steps), {@code alpha_entropy.png} (the temperature α and the
 * policy's entropy estimate), and for SAC on Pendulum {@code pendulum_policy_value.png}: the
 * deterministic action tanh(μ) and the soft value V(s) = E[min Q − α log π] over (θ, θ̇).
 */
final class RlFigures {

  /** Grid size of the Pendulum heatmaps per axis. */
  static final int GRID = 41;

  /** Monte Carlo actions per cell of the soft value. */
  static final int VALUE_SAMPLES = 16;

  private RlFigures() {}

  static void write(Path dir, OffPolicyTrainer.Result result) {
    List<MetricsRow> rows = result.rows();
    Outputs.all(
        () -> {
          Plots.line(
              dir.resolve("learning_curve.png"),
              Plots.Axes.linear(
                  result.config().algo() + " on " + result.config().env(), "step", "return"),
              withReference(
                  result,
                  nonEmpty(
                      series("training episodes", rows, false, r -> r.episodeReturn()),
                      series("evaluation (mean)", rows, true, r -> r.evalReturnMean()))));
          List<Plots.Series> ae =
              nonEmpty(
                  series("alpha", rows, false, r -> r.alpha()),
                  series("entropy (nats)", rows, false, r -> r.entropy()));
          if (!ae.isEmpty()) {
            Plots.line(
                dir.resolve("alpha_entropy.png"),
                Plots.Axes.linear("temperature and policy entropy", "step", "value"),
                ae);
          }
          if (result.config().algo().equals("sac") && result.config().env().equals("pendulum")) {
            pendulum(dir);
          }
          return null;
        });
  }

  /** rl-baselines3-zoo's SAC on Pendulum-v1 (benchmark.md): −157 ± 89 at 20,000 steps. */
  static final double PENDULUM_REFERENCE_MEAN = -157;

  /** The standard deviation of that reference over its evaluation episodes. */
  static final double PENDULUM_REFERENCE_STD = 89;

  /**
   * Adds the reference line of rl-zoo's SAC (−157 ± 89 at 20k steps) over the run's steps for SAC
   * on Pendulum: the learning curve is read against it.
   */
  private static List<Plots.Series> withReference(
      OffPolicyTrainer.Result result, List<Plots.Series> series) {
    if (!result.config().env().equals("pendulum") || result.steps() < 1) {
      return series;
    }
    List<Plots.Series> all = new ArrayList<>(series);
    double[] x = {0, result.steps()};
    all.add(
        new Plots.Series(
            "rl-zoo SAC at 20k steps: -157 +/- 89",
            x,
            new double[] {PENDULUM_REFERENCE_MEAN, PENDULUM_REFERENCE_MEAN}));
    return all;
  }

  private static void pendulum(Path dir) {
    float[] obs = new float[GRID * GRID * 3];
    for (int r = 0; r < GRID; r++) {
      double thetaDot = 8 - 16.0 * r / (GRID - 1); // rows top to bottom: θ̇ from 8 to −8
      for (int c = 0; c < GRID; c++) {
        double theta = -Math.PI + 2 * Math.PI * c / (GRID - 1);
        int i = (r * GRID + c) * 3;
        obs[i] = (float) Math.cos(theta);
        obs[i + 1] = (float) Math.sin(theta);
        obs[i + 2] = (float) thetaDot;
      }
    }
    double[][] maps =
        TrainedAgent.with(
            dir,
            (agent, env) -> {
              SacAgent sac = (SacAgent) agent;
              return new double[][] {
                sac.meanActionAndValue(obs)[0], sac.softValue(obs, VALUE_SAMPLES)
              };
            });
    Heatmaps.save(
        dir.resolve("pendulum_policy_value.png"),
        "Pendulum: columns θ from −π to π (0 = upright), rows θ̇ from 8 (top) to −8",
        List.of(
            Heatmaps.Panel.of("mean action tanh(μ)·2", grid(maps[0])),
            Heatmaps.Panel.of("soft value V(s)", grid(maps[1]))),
        2,
        Heatmaps.Scale.PER_PANEL);
  }

  private static double[][] grid(double[] flat) {
    double[][] g = new double[GRID][GRID];
    for (int r = 0; r < GRID; r++) {
      System.arraycopy(flat, r * GRID, g[r], 0, GRID);
    }
    return g;
  }

  private interface Column {
    double of(MetricsRow r);
  }

  private static Plots.Series series(
      String name, List<MetricsRow> rows, boolean evaluations, Column column) {
    List<double[]> points = new ArrayList<>();
    for (MetricsRow r : rows) {
      double y = column.of(r);
      if (r.isEvaluation() == evaluations && Double.isFinite(y)) {
        points.add(new double[] {r.step(), y});
      }
    }
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i)[0];
      y[i] = points.get(i)[1];
    }
    return new Plots.Series(name, x, y);
  }

  private static List<Plots.Series> nonEmpty(Plots.Series... all) {
    List<Plots.Series> out = new ArrayList<>();
    for (Plots.Series s : all) {
      if (s.x().length > 0) {
        out.add(s);
      }
    }
    return out;
  }
}
