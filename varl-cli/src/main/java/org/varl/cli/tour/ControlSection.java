package org.varl.cli.tour;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.control.GridworldFiles;
import org.varl.cli.control.IrlFiles;
import org.varl.cli.control.ProgressListener;
import org.varl.control.Backup;
import org.varl.control.BackwardMessages;
import org.varl.control.HardValueIteration;
import org.varl.control.InferenceConfig;
import org.varl.control.Mdp;
import org.varl.control.SoftValues;
import org.varl.control.grid.SlipperyGridworld;
import org.varl.experiments.Listener;
import org.varl.experiments.control.GridworldConfig;
import org.varl.experiments.control.GridworldExperiment;
import org.varl.experiments.control.GridworldResult;
import org.varl.experiments.control.IrlExperiment;
import org.varl.experiments.control.IrlExperimentConfig;
import org.varl.experiments.control.IrlExperimentResult;

/**
 * Tour section "control as inference": the 10 x 10 slippery gridworld at three temperatures (exact vs maxent), an
 * embedded text map with walls and an absorbing goal, soft vs hard value iteration, and MaxEnt IRL on an 8 x 8 grid.
 * Every finding is computed from this run.
 */
public final class ControlSection implements TourSection {

  /** Walls, lava and an absorbing goal: the detour around the wall shows where the posterior spreads out. */
  static final String MAP = String.join("\n",
      "S.......#.....",
      "..L.....#..L..",
      "........#.....",
      "...L....#.....",
      "........#...L.",
      "..............",
      ".....L......LG",
      "") + "\n";

  @Override
  public String id() {
    return "control";
  }

  @Override
  public String title() {
    return "Control as inference on tabular MDPs";
  }

  @Override
  public TourResult run(TourContext context) throws Exception {
    Path dir = context.dir();
    List<TourResult.Figure> figures = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    List<String> metrics = new ArrayList<>();

    // 1. Backward messages are soft value iteration; alpha -> 0 is hard value iteration.
    int size = 10;
    int horizon = 40;
    Mdp grid = SlipperyGridworld.build(size).mdp();
    double[] messages = BackwardMessages.compute(grid, InferenceConfig.of(horizon)).v()[0];
    double[] softVi = SoftValues.solve(grid, InferenceConfig.of(horizon), 2, false).v0();
    findings.add(String.format(Locale.ROOT, "Backward messages = soft value iteration: on the %dx%d slippery grid"
        + " (T=%d, alpha=1) the log-space messages and the values-only soft VI solver agree to %.1e.",
        size, size, horizon, maxAbsDiff(messages, softVi)));
    double alpha = 0.01;
    double[] soft = BackwardMessages.compute(grid, new InferenceConfig(horizon, alpha, Backup.MAXENT, 1.0)).v()[0];
    double[] hard = HardValueIteration.values(grid, horizon, Backup.MAXENT, 1.0)[0];
    findings.add(String.format(Locale.ROOT, "Temperature to 0: at alpha=%.2g the maxent soft values exceed hard"
        + " value iteration by at most %.4f, within the bound alpha*T*log(A) = %.4f.",
        alpha, maxAbsDiff(soft, hard), alpha * horizon * Math.log(5)));

    // 2. The gridworld at three temperatures, exact vs maxent.
    GridworldResult gw = GridworldExperiment.run(new GridworldConfig(size, null, 0.1, new double[] {0.1, 1, 10},
        horizon, 2000, context.seed()), Listener.NONE);
    GridworldFiles.write(gw, dir.resolve("gridworld"));
    for (GridworldResult.TemperatureSummary s : gw.temperatures()) {
      String a = format(s.temperature());
      figures.add(new TourResult.Figure("gridworld/values-alpha-" + a + ".png", "alpha = " + a + ": V_0 with the"
          + " policy's mean move per cell, exact (left) vs maxent (middle) backup, and the optimism"
          + " V_exact - V_maxent (right)."));
    }
    figures.add(new TourResult.Figure("gridworld/marginals-alpha-1.png", "alpha = 1 at five times: the exact"
        + " posterior's marginals p(s_t|O) (top) vs its policy's visitation d_t (middle); the maxent posterior's"
        + " marginals, which are its policy's visitation (bottom)."));
    for (GridworldResult.TemperatureSummary s : gw.temperatures()) {
      findings.add(String.format(Locale.ROOT, "alpha=%s: the exact backup is optimistic under the slip: V_0^exact -"
          + " V_0^maxent ranges over [%.3f, %.3f] (mean %.3f) and is never negative; V_0(start) %.3f vs %.3f.",
          format(s.temperature()), s.minOptimism(), s.maxOptimism(), s.meanOptimism(), s.exact().startValue(),
          s.maxent().startValue()));
    }
    GridworldResult.TemperatureSummary one = gw.temperatures().get(1);
    GridworldResult.BackupSummary e = one.exact();
    int mid = e.peakEntropyTime();
    findings.add(String.format(Locale.ROOT, "More variability in the middle: at alpha=1 the entropy of the exact"
        + " posterior marginals is %.2f nats at t=0, peaks at %.2f nats at t=%d, and falls to %.2f nats at t=%d"
        + " (the goal). The marginals differ from the policy visitation by TV %.2f at t=%d: the exact posterior"
        + " also \"chooses\" the slips.", e.marginalEntropy()[0], e.marginalEntropy()[mid], mid,
        e.marginalEntropy()[horizon - 1], horizon - 1, e.marginalVisitationTv()[mid], mid));
    double low = gw.temperatures().get(0).exact().visitationEntropy()[horizon - 1];
    double high = gw.temperatures().get(2).exact().visitationEntropy()[horizon - 1];
    findings.add(String.format(Locale.ROOT, "Temperature: the entropy of the final visitation grows from %.2f nats"
        + " at alpha=0.1 to %.2f at alpha=10 (uniform over %d states would be %.2f): low alpha is near-greedy,"
        + " high alpha near the uniform prior.", low, high, size * size, Math.log(size * size)));
    findings.add(String.format(Locale.ROOT, "Monte Carlo check: %d trajectories of pi_t reproduce the computed"
        + " visitation within TV %.3f (exact) and %.3f (maxent) at every t.", 2000, e.monteCarloTv(),
        one.maxent().monteCarloTv()));
    metrics.add("gridworld/metrics.json");
    metrics.add("gridworld/metrics.csv");

    // 3. A text map with walls and an absorbing goal.
    Path mapFile = dir.resolve("map.txt");
    org.varl.core.io.AtomicFiles.writeString(mapFile, MAP);
    GridworldResult map = GridworldExperiment.run(new GridworldConfig(0, mapFile, 0.1, new double[] {1}, 0, 1000,
        context.seed() + 1), Listener.NONE);
    GridworldFiles.write(map, dir.resolve("map"));
    figures.add(new TourResult.Figure("map/values-alpha-1.png", "A text map (map.txt: '#' wall, 'L' lava, 'G'"
        + " absorbing goal), alpha = 1: V_0 and policy, exact vs maxent."));
    figures.add(new TourResult.Figure("map/marginals-alpha-1.png", "The map's posterior marginals and visitation"
        + " at five times: concentrated at the start and the goal, spread out in between."));
    GridworldResult.BackupSummary m = map.temperatures().get(0).exact();
    findings.add(String.format(Locale.ROOT, "On the map (%d states, T=%d) the marginals' entropy goes %.2f -> %.2f"
        + " (t=%d) -> %.2f nats; the maxent backup's V_0(start) is %.3f below the exact one.", map.grid().numStates(),
        map.horizon(), m.marginalEntropy()[0], m.marginalEntropy()[m.peakEntropyTime()], m.peakEntropyTime(),
        m.marginalEntropy()[map.horizon() - 1], m.startValue() - map.temperatures().get(0).maxent().startValue()));
    metrics.add("map/metrics.json");

    // 4. MaxEnt IRL.
    IrlExperimentResult irl;
    try (ProgressListener bar = new ProgressListener("tour control", "iteration")) {
      irl = IrlExperiment.run(IrlExperimentConfig.defaults().withSeed(context.seed()), bar);
    }
    IrlFiles.write(irl, dir.resolve("irl"));
    figures.add(new TourResult.Figure("irl/reward.png", "MaxEnt IRL on the 8x8 slippery grid from 400 sampled"
        + " demonstrations: true reward, learned reward (plus the best constant shift) with the learned policy,"
        + " and the occupancy of the demonstrations vs the learned policy."));
    figures.add(new TourResult.Figure("irl/learning-curve.png", "MaxEnt IRL learning curve: the dual objective and"
        + " the demonstrations' log-likelihood approach the expert policy's."));
    double[] w = irl.learnedWeights();
    findings.add(String.format(Locale.ROOT, "IRL recovers the reward up to a shift: learned lava - floor = %.2f"
        + " (true -9), goal - floor = %.2f (true +1); the learned policy's visitation is within TV %.3f of the"
        + " expert's at every t (%.3f of the demonstrations' empirical one). Lava is weakly identified: most lava"
        + " visits come from slips, not choices.", w[1] - w[0], w[2] - w[0], irl.tvToExpert(), irl.tvToDemos()));
    metrics.add("irl/metrics.json");

    String claim = "Optimal control is inference in a graphical model with optimality variables p(O_t|s_t,a_t) ="
        + " exp(r/alpha). The backward messages are soft value iteration, V_t = alpha log sum_a exp(Q_t/alpha)."
        + " With the exact backup alpha log E exp(V/alpha) the posterior is optimistic under stochastic dynamics:"
        + " it behaves as if it could choose its luck; the variational (maximum-entropy RL) backup E[V] fixes the"
        + " dynamics. Posterior state marginals are forward times backward messages: pinned at the start and near"
        + " the goal, with more variability in the middle of the trajectory. The temperature trades reward for"
        + " entropy (alpha -> 0: hard value iteration). MaxEnt IRL recovers a reward by matching feature"
        + " expectations through the same backward and forward passes.";
    return new TourResult(claim, figures, findings, metrics);
  }

  private static String format(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
