package org.varl.experiments.control;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.varl.control.Backup;
import org.varl.control.ControlAsInference;
import org.varl.control.FiniteHorizonSolution;
import org.varl.control.InferenceConfig;
import org.varl.control.grid.GridMap;
import org.varl.control.grid.Gridworld;
import org.varl.control.grid.SlipperyGridworld;
import org.varl.control.irl.Demonstrations;
import org.varl.control.irl.Trajectory;
import org.varl.core.engine.MemoryBudget;
import org.varl.experiments.Listener;

/**
 * Control as inference on a gridworld at several temperatures, exact vs maxent backup (lecture,
 * "control as inference"): V_0 and pi_0 of both; the optimism V_0^exact - V_0^maxent &gt;= 0 under
 * the slip; the exact posterior's state marginals p(s_t | O) against its policy's visitation d_t
 * (they differ: the posterior also "chooses" the slips and, with several starts, its start), while
 * the maxent posterior, the variational q(tau) = p0 prod pi_t P, has the visitation as its
 * marginals; the entropy of the marginals per t, which peaks mid-trajectory (the lecture's "more
 * variability in the middle"); and a Monte Carlo check that running pi_t in the true dynamics
 * reproduces d_t.
 */
public final class GridworldExperiment {
  private GridworldExperiment() {}

  /** The config's gridworld: its map, or the peer's slippery N x N grid. */
  public static Gridworld grid(GridworldConfig c) {
    return c.map() != null
        ? GridMap.read(c.map(), c.slip())
        : SlipperyGridworld.build(c.size(), c.slip());
  }

  /**
   * Solves both backups at every temperature and samples {@code samples} trajectories of each
   * policy. The listener gets one stage whose units are the (temperature, backup) pairs.
   */
  public static GridworldResult run(GridworldConfig c, Listener listener) {
    Gridworld grid = grid(c);
    int horizon = c.horizon() > 0 ? c.horizon() : 2 * (grid.width() + grid.height());
    int[] times = times(horizon);
    double[] temperatures = c.temperatures();
    MemoryBudget.check(
        "samples",
        c.samples(),
        Trajectory.bytes(c.samples(), horizon),
        "the sampled trajectories of one policy (" + horizon + " steps each)");
    listener.stage(
        "solve both backups and sample " + c.samples() + " trajectories of each policy",
        2L * temperatures.length);
    List<GridworldResult.TemperatureSummary> summaries = new ArrayList<>();
    for (int i = 0; i < temperatures.length; i++) {
      double alpha = temperatures[i];
      InferenceConfig config = new InferenceConfig(horizon, alpha, Backup.EXACT, 1.0);
      FiniteHorizonSolution exact = ControlAsInference.solve(grid.mdp(), config);
      GridworldResult.BackupSummary e =
          summarize(grid, exact, times, c.samples(), c.seed() + 2L * i);
      listener.advance(1);
      FiniteHorizonSolution maxent =
          ControlAsInference.solve(grid.mdp(), config.withBackup(Backup.MAXENT));
      GridworldResult.BackupSummary m =
          summarize(grid, maxent, times, c.samples(), c.seed() + 2L * i + 1);
      listener.advance(1);
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
      summaries.add(new GridworldResult.TemperatureSummary(alpha, e, m, gap, max, mean, min));
    }
    return new GridworldResult(c, grid, horizon, times, summaries);
  }

  /** 0, T/4, T/2, 3T/4, T-1 without repeats. */
  static int[] times(int horizon) {
    TreeSet<Integer> set = new TreeSet<>();
    for (int k = 0; k <= 4; k++) {
      set.add(Math.min(horizon - 1, k * (horizon - 1) / 4));
    }
    return set.stream().mapToInt(Integer::intValue).toArray();
  }

  private static GridworldResult.BackupSummary summarize(
      Gridworld grid, FiniteHorizonSolution sol, int[] times, int samples, long seed) {
    int horizon = sol.horizon();
    double[] hm = new double[horizon];
    double[] hv = new double[horizon];
    double[] tv = new double[horizon];
    double[][] marginals = sol.marginals().orElseThrow(); // discount 1: both backups have them
    double noise = 0;
    for (int t = 0; t < horizon; t++) {
      hm[t] = StateDistributions.entropy(marginals[t]);
      hv[t] = StateDistributions.entropy(sol.visitation()[t]);
      tv[t] = StateDistributions.totalVariation(marginals[t], sol.visitation()[t]);
      double sd = 0;
      for (double d : sol.visitation()[t]) {
        sd += Math.sqrt(d * (1 - d) / samples);
      }
      noise = Math.max(noise, sd / 2);
    }
    // Monte Carlo: running pi_t in the true dynamics reproduces the computed visitation d_t.
    List<Trajectory> runs = Demonstrations.sample(grid.mdp(), sol.policy(), samples, seed);
    double worst = 0;
    for (int t = 0; t < horizon; t++) {
      double[] empirical = new double[grid.numStates()];
      for (Trajectory r : runs) {
        empirical[r.states()[t]] += 1.0 / samples;
      }
      worst = Math.max(worst, StateDistributions.totalVariation(empirical, sol.visitation()[t]));
    }
    double start = 0;
    for (int s = 0; s < grid.numStates(); s++) {
      start += grid.mdp().initial(s) * sol.v()[0][s];
    }
    double[][] marginalsAtTimes = new double[times.length][];
    double[][] visitationAtTimes = new double[times.length][];
    for (int k = 0; k < times.length; k++) {
      marginalsAtTimes[k] = marginals[times[k]];
      visitationAtTimes[k] = sol.visitation()[times[k]];
    }
    return new GridworldResult.BackupSummary(
        sol.config().backup().cliName(),
        sol.marginalsNote(),
        start,
        sol.v()[0],
        sol.policy()[0],
        hm,
        hv,
        tv,
        marginalsAtTimes,
        visitationAtTimes,
        worst,
        noise);
  }
}
