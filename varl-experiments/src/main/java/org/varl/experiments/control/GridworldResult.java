package org.varl.experiments.control;

import java.util.List;
import org.varl.control.grid.Gridworld;

/**
 * What {@link GridworldExperiment} measured: the grid (its geometry lays the per-state arrays out
 * as heatmaps), the horizon T, the times plotted (0, T/4, T/2, 3T/4, T-1 without repeats) and one
 * summary per temperature, in the config's order. Arrays are per state {@code [S]}, per time {@code
 * [T]}, or per plotted time {@code [times][S]}; they belong to the result and must not be modified.
 */
public record GridworldResult(
    GridworldConfig config,
    Gridworld grid,
    int horizon,
    int[] times,
    List<TemperatureSummary> temperatures) {

  public GridworldResult {
    temperatures = List.copyOf(temperatures);
  }

  /**
   * One backup at one temperature.
   *
   * @param backup {@code exact} or {@code maxent}
   * @param marginalsNote what the marginals are ({@link
   *     org.varl.control.ControlAsInference#marginalsNote}): the posterior p(s_t | O) for exact,
   *     the variational posterior's marginals, which are the visitation, for maxent
   * @param startValue sum_s p0(s) V_0(s)
   * @param values V_0 [S]
   * @param policy pi_0 [S*A]
   * @param marginalEntropy entropy of the marginals per t, in nats [T]
   * @param visitationEntropy entropy of the visitation d_t per t [T]
   * @param marginalVisitationTv TV(marginals_t, d_t) per t [T] (0 for maxent)
   * @param marginalsAtTimes the marginals at the plotted times [times][S]
   * @param visitationAtTimes d_t at the plotted times [times][S]
   * @param monteCarloTv max_t TV(d_t, the empirical state distribution at t of {@code samples}
   *     trajectories of pi_t)
   * @param monteCarloNoise max_t (1/2) sum_s sqrt(d_t(s) (1 - d_t(s)) / samples), which bounds the
   *     expected TV at each t when the sampler is right (E|p^ - p| &lt;= sd, Jensen): the
   *     sampling-noise scale of monteCarloTv
   */
  public record BackupSummary(
      String backup,
      String marginalsNote,
      double startValue,
      double[] values,
      double[] policy,
      double[] marginalEntropy,
      double[] visitationEntropy,
      double[] marginalVisitationTv,
      double[][] marginalsAtTimes,
      double[][] visitationAtTimes,
      double monteCarloTv,
      double monteCarloNoise) {

    /** The t where the marginals are most spread out (the first, on ties). */
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

  /**
   * Both backups at one temperature and the optimism V_0^exact(s) - V_0^maxent(s) [S] with its max,
   * mean and min over s (Jensen: never below 0).
   */
  public record TemperatureSummary(
      double temperature,
      BackupSummary exact,
      BackupSummary maxent,
      double[] optimism,
      double maxOptimism,
      double meanOptimism,
      double minOptimism) {}
}
