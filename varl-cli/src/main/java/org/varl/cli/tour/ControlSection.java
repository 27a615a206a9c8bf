package org.varl.cli.tour;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.control.GridworldFiles;
import org.varl.cli.control.IrlFiles;
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
 * Tour section "control as inference": the 10 x 10 slippery gridworld at three temperatures (exact
 * vs maxent), an embedded text map with walls and an absorbing goal, soft vs hard value iteration,
 * and MaxEnt IRL on an 8 x 8 grid. Every finding is computed from this run: each is built by one of
 * the static methods below from the measured numbers, checks the claim it states against a stated
 * tolerance, and is flagged with {@link TourResult#DOES_NOT_HOLD} (and says what was found instead)
 * when the claim fails.
 */
public final class ControlSection implements TourSection {

  /**
   * Walls, lava and an absorbing goal: the detour around the wall shows where the posterior spreads
   * out.
   */
  static final String MAP =
      String.join(
              "\n",
              "S.......#.....",
              "..L.....#..L..",
              "........#.....",
              "...L....#.....",
              "........#...L.",
              "..............",
              ".....L......LG",
              "")
          + "\n";

  /**
   * Two solvers of the same messages agree to this, relative to 1 + max |V| (double rounding over T
   * steps).
   */
  static final double SAME_VALUES = 1e-9;

  /** Slack for inequalities that hold exactly in exact arithmetic (Jensen, the soft-max bounds). */
  static final double ROUNDING = 1e-9;

  /**
   * A TV below this between the exact posterior's marginals and its visitation would be no visible
   * difference.
   */
  static final double VISIBLE_TV = 0.01;

  /** The maxent marginals are the visitation arrays themselves: TV exactly 0, allowed this. */
  static final double SAME_DISTRIBUTION = 1e-12;

  /**
   * The Monte Carlo TV at each t has expectation at most the noise scale (1/2) sum_s sqrt(d(1-d)/N)
   * when the sampler is right; its maximum over the T steps may exceed that a little, not by half.
   */
  static final double MONTE_CARLO_SLACK = 1.5;

  /**
   * IRL: goal - floor within this of the true +1, lava - floor below LAVA_BELOW, as MaxEntIrlTest
   * requires.
   */
  static final double GOAL_TOLERANCE = 0.5;

  static final double LAVA_BELOW = -3.0;

  /**
   * IRL: the learned visitation within this TV of the expert's at every t, as MaxEntIrlTest
   * requires.
   */
  static final double IRL_TV = 0.1;

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
    findings.add(messagesFinding(size, horizon, messages, softVi));
    double alpha = 0.01;
    double[] soft =
        BackwardMessages.compute(grid, new InferenceConfig(horizon, alpha, Backup.MAXENT, 1.0))
            .v()[0];
    double[] hard = HardValueIteration.values(grid, horizon, Backup.MAXENT, 1.0)[0];
    findings.add(hardLimitFinding(alpha, horizon, grid.numActions(), soft, hard));

    // 2. The gridworld at three temperatures, exact vs maxent.
    int samples = 2000;
    GridworldResult gw =
        GridworldExperiment.run(
            new GridworldConfig(
                size, null, 0.1, new double[] {0.1, 1, 10}, horizon, samples, context.seed()),
            Listener.NONE);
    GridworldFiles.write(gw, dir.resolve("gridworld"));
    for (GridworldResult.TemperatureSummary s : gw.temperatures()) {
      String a = format(s.temperature());
      figures.add(
          new TourResult.Figure(
              "gridworld/values-alpha-" + a + ".png",
              "alpha = "
                  + a
                  + ": V_0 with the"
                  + " policy's mean move per cell, exact (left) vs maxent (middle) backup, and the optimism"
                  + " V_exact - V_maxent (right)."));
    }
    figures.add(
        new TourResult.Figure(
            "gridworld/marginals-alpha-1.png",
            "alpha = 1 at five times: the exact"
                + " posterior's marginals p(s_t|O) (top) vs its policy's visitation d_t (middle); the maxent posterior's"
                + " marginals, which are its policy's visitation (bottom)."));
    for (GridworldResult.TemperatureSummary s : gw.temperatures()) {
      findings.add(
          optimismFinding(
              s.temperature(), s.optimism(), s.exact().startValue(), s.maxent().startValue()));
    }
    GridworldResult.TemperatureSummary one = gw.temperatures().get(1);
    findings.add(
        middleFinding("at alpha=" + format(one.temperature()), one.exact().marginalEntropy()));
    findings.add(
        posteriorVsVisitationFinding(
            one.temperature(),
            one.exact().marginalVisitationTv(),
            one.maxent().marginalVisitationTv()));
    GridworldResult.TemperatureSummary low = gw.temperatures().get(0);
    GridworldResult.TemperatureSummary high = gw.temperatures().get(2);
    findings.add(
        temperatureFinding(
            low.temperature(),
            low.exact().visitationEntropy()[horizon - 1],
            high.temperature(),
            high.exact().visitationEntropy()[horizon - 1],
            gw.grid().numStates()));
    findings.add(
        monteCarloFinding(
            samples,
            one.exact().monteCarloTv(),
            one.exact().monteCarloNoise(),
            one.maxent().monteCarloTv(),
            one.maxent().monteCarloNoise()));
    metrics.add("gridworld/metrics.json");
    metrics.add("gridworld/metrics.csv");

    // 3. A text map with walls and an absorbing goal.
    Path mapFile = dir.resolve("map.txt");
    org.varl.core.io.AtomicFiles.writeString(mapFile, MAP);
    GridworldResult map =
        GridworldExperiment.run(
            new GridworldConfig(0, mapFile, 0.1, new double[] {1}, 0, 1000, context.seed() + 1),
            Listener.NONE);
    GridworldFiles.write(map, dir.resolve("map"));
    figures.add(
        new TourResult.Figure(
            "map/values-alpha-1.png",
            "A text map (map.txt: '#' wall, 'L' lava, 'G'"
                + " absorbing goal), alpha = 1: V_0 and policy, exact vs maxent."));
    figures.add(
        new TourResult.Figure(
            "map/marginals-alpha-1.png",
            "The map's exact posterior marginals and"
                + " visitation, and the maxent marginals = visitation, at five times."));
    GridworldResult.TemperatureSummary m = map.temperatures().get(0);
    findings.add(
        middleFinding(
            String.format(
                Locale.ROOT, "on the map (%d states, T=%d)", map.grid().numStates(), map.horizon()),
            m.exact().marginalEntropy()));
    findings.add(mapOptimismFinding(m.exact().startValue(), m.maxent().startValue()));
    metrics.add("map/metrics.json");

    // 4. MaxEnt IRL.
    IrlExperimentResult irl;
    try (ProgressListener bar = new ProgressListener("tour control", "iteration")) {
      irl = IrlExperiment.run(IrlExperimentConfig.defaults().withSeed(context.seed()), bar);
    }
    IrlFiles.write(irl, dir.resolve("irl"));
    figures.add(
        new TourResult.Figure(
            "irl/reward.png",
            "MaxEnt IRL on the 8x8 slippery grid from 400 sampled"
                + " demonstrations: true reward, learned reward (plus the best constant shift) with the learned policy,"
                + " and the occupancy of the demonstrations vs the learned policy."));
    figures.add(
        new TourResult.Figure(
            "irl/learning-curve.png",
            "MaxEnt IRL learning curve: the dual objective, the"
                + " demonstrations' log-likelihood under the learned policy, and the expert policy's."));
    findings.add(irlRewardFinding(irl.learnedWeights()));
    findings.add(irlVisitationFinding(irl.tvToExpert(), irl.tvToDemos()));
    findings.add(lavaFinding(irl.lavaSlipFraction()));
    metrics.add("irl/metrics.json");

    String claim =
        "Optimal control is inference in a graphical model with optimality variables p(O_t|s_t,a_t) ="
            + " exp(r/alpha). The backward messages are soft value iteration, V_t = alpha log sum_a exp(Q_t/alpha)."
            + " With the exact backup alpha log E exp(V/alpha) the posterior is optimistic under stochastic dynamics:"
            + " it behaves as if it could choose its luck; the variational (maximum-entropy RL) backup E[V] fixes the"
            + " dynamics, and its posterior q(tau) = p0 prod pi_t P has the policy's visitation as its state marginals."
            + " The exact posterior's state marginals are forward times backward messages: pinned at the start and near"
            + " the goal, with more variability in the middle of the trajectory. The temperature trades reward for"
            + " entropy (alpha -> 0: hard value iteration). MaxEnt IRL recovers a reward by matching feature"
            + " expectations through the same backward and forward passes.";
    return new TourResult(claim, figures, findings, metrics);
  }

  /**
   * The log-space messages against the values-only solver: the same V_0 to {@link #SAME_VALUES}.
   */
  static String messagesFinding(int size, int horizon, double[] messages, double[] softVi) {
    double diff = maxAbsDiff(messages, softVi);
    double tolerance = SAME_VALUES * (1 + maxAbs(messages));
    boolean holds = diff <= tolerance;
    return TourResult.finding(
        holds,
        String.format(
            Locale.ROOT,
            "Backward messages = soft value iteration: on the"
                + " %dx%d slippery grid (T=%d, alpha=1) the log-space messages and the values-only soft VI solver %s %.1e"
                + " (tolerance %.1e).",
            size,
            size,
            horizon,
            holds ? "agree to" : "differ by",
            diff,
            tolerance));
  }

  /**
   * alpha -> 0: each of the T soft maxima exceeds the hard one by between 0 and alpha log A, so 0
   * &lt;= V_soft - V_hard &lt;= alpha T log A.
   */
  static String hardLimitFinding(
      double alpha, int horizon, int numActions, double[] soft, double[] hard) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < soft.length; s++) {
      min = Math.min(min, soft[s] - hard[s]);
      max = Math.max(max, soft[s] - hard[s]);
    }
    double bound = alpha * horizon * Math.log(numActions);
    boolean holds = min >= -ROUNDING && max <= bound + ROUNDING;
    return TourResult.finding(
        holds,
        String.format(
            Locale.ROOT,
            "Temperature to 0: at alpha=%.2g the maxent soft"
                + " values minus hard value iteration range over [%.4f, %.4f], %s [0, alpha*T*log(A)] = [0, %.4f].",
            alpha,
            min,
            max,
            holds ? "within" : "outside",
            bound));
  }

  /** Jensen: V_0^exact - V_0^maxent >= 0 at every state, and > 0 somewhere under the slip. */
  static String optimismFinding(
      double alpha, double[] optimism, double exactStart, double maxentStart) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double mean = 0;
    int negative = 0;
    for (double g : optimism) {
      min = Math.min(min, g);
      max = Math.max(max, g);
      mean += g / optimism.length;
      if (g < -ROUNDING) {
        negative++;
      }
    }
    String verdict;
    if (negative > 0) {
      verdict =
          String.format(
              Locale.ROOT,
              "it is negative at %d of %d states, which Jensen's inequality rules out",
              negative,
              optimism.length);
    } else if (max <= ROUNDING) {
      verdict = "the backups agree everywhere: no optimism";
    } else {
      verdict = "never negative";
    }
    return TourResult.finding(
        negative == 0 && max > ROUNDING,
        String.format(
            Locale.ROOT,
            "alpha=%s: the exact"
                + " backup is optimistic under the slip: V_0^exact - V_0^maxent ranges over [%.3f, %.3f] (mean %.3f): %s;"
                + " V_0(start) %.3f vs %.3f.",
            format(alpha),
            min,
            max,
            mean,
            verdict,
            exactStart,
            maxentStart));
  }

  /**
   * "More variability in the middle": the entropy of the exact posterior marginals per t peaks
   * strictly inside (0, T-1), above both ends.
   */
  static String middleFinding(String where, double[] entropy) {
    int last = entropy.length - 1;
    int peak = 0;
    for (int t = 1; t <= last; t++) {
      if (entropy[t] > entropy[peak]) {
        peak = t;
      }
    }
    boolean holds =
        peak > 0 && peak < last && entropy[peak] > entropy[0] && entropy[peak] > entropy[last];
    String text =
        String.format(
            Locale.ROOT,
            "More variability in the middle: %s the entropy of the exact posterior"
                + " marginals is %.2f nats at t=0, peaks at %.2f nats at t=%d and is %.2f nats at t=%d: %s.",
            where,
            entropy[0],
            entropy[peak],
            peak,
            entropy[last],
            last,
            holds
                ? "most spread out mid-trajectory"
                : "the peak is at an end of the trajectory, not in the middle");
    return TourResult.finding(holds, text);
  }

  /**
   * The exact posterior also "chooses" the slips, so its marginals leave the visitation (by more
   * than {@link #VISIBLE_TV} somewhere); the maxent posterior's marginals are its visitation.
   */
  static String posteriorVsVisitationFinding(double alpha, double[] exactTv, double[] maxentTv) {
    int worst = 0;
    for (int t = 1; t < exactTv.length; t++) {
      if (exactTv[t] > exactTv[worst]) {
        worst = t;
      }
    }
    double maxent = 0;
    for (double tv : maxentTv) {
      maxent = Math.max(maxent, tv);
    }
    boolean differs = exactTv[worst] > VISIBLE_TV;
    boolean coincide = maxent <= SAME_DISTRIBUTION;
    return TourResult.finding(
        differs && coincide,
        String.format(
            Locale.ROOT,
            "Posterior vs policy at alpha=%s:"
                + " the exact posterior's marginals differ from its policy's visitation by up to TV %.3f (t=%d)%s; the"
                + " maxent posterior's marginals %s its policy's visitation (max TV %.1e).",
            format(alpha),
            exactTv[worst],
            worst,
            differs
                ? ": the exact posterior also \"chooses\" the slips"
                : String.format(
                    Locale.ROOT,
                    ", not more than %.2f: no sign of it choosing the slips",
                    VISIBLE_TV),
            coincide ? "are" : "are not",
            maxent));
  }

  /**
   * Low temperature: near-greedy, a concentrated final visitation; high temperature: spread towards
   * the prior's.
   */
  static String temperatureFinding(
      double lowAlpha, double lowEntropy, double highAlpha, double highEntropy, int states) {
    double uniform = Math.log(states);
    boolean holds = lowEntropy < highEntropy;
    return TourResult.finding(
        holds,
        String.format(
            Locale.ROOT,
            "Temperature: the entropy of the final visitation"
                + " %s from %.2f nats at alpha=%s to %.2f at alpha=%s, %.0f%% and %.0f%% of the uniform's log %d = %.2f:"
                + " %s.",
            holds ? "grows" : "does not grow",
            lowEntropy,
            format(lowAlpha),
            highEntropy,
            format(highAlpha),
            100 * lowEntropy / uniform,
            100 * highEntropy / uniform,
            states,
            uniform,
            holds
                ? "the higher temperature spreads the policy towards the uniform prior"
                : "the higher temperature does not spread the policy out"));
  }

  /**
   * Sampled trajectories of pi_t reproduce d_t: max_t TV within {@link #MONTE_CARLO_SLACK} of the
   * noise scale.
   */
  static String monteCarloFinding(
      int samples, double exactTv, double exactNoise, double maxentTv, double maxentNoise) {
    boolean holds =
        exactTv <= MONTE_CARLO_SLACK * exactNoise && maxentTv <= MONTE_CARLO_SLACK * maxentNoise;
    return TourResult.finding(
        holds,
        String.format(
            Locale.ROOT,
            "Monte Carlo check at alpha=1: %d trajectories of"
                + " pi_t %s the computed visitation within TV %.3f (exact) and %.3f (maxent) at every t; the sampling"
                + " noise alone gives at most %.3f and %.3f in expectation at each t (allowed: %.1f times that).",
            samples,
            holds ? "reproduce" : "do not reproduce",
            exactTv,
            maxentTv,
            exactNoise,
            maxentNoise,
            MONTE_CARLO_SLACK));
  }

  /** On the map too, the exact backup's start value is at least the maxent one's. */
  static String mapOptimismFinding(double exactStart, double maxentStart) {
    double gap = exactStart - maxentStart;
    boolean holds = gap >= -ROUNDING;
    return TourResult.finding(
        holds,
        String.format(
            Locale.ROOT,
            "On the map the maxent backup's V_0(start) is %.3f" + " %s the exact one%s.",
            Math.abs(gap),
            gap >= 0 ? "below" : "above",
            holds ? "" : ", against Jensen's inequality"));
  }

  /**
   * Rewards up to a shift: goal - floor near +1, lava - floor clearly negative (weakly identified).
   */
  static String irlRewardFinding(double[] w) {
    double lava = w[1] - w[0];
    double goal = w[2] - w[0];
    boolean goalOk = Math.abs(goal - 1.0) <= GOAL_TOLERANCE;
    boolean lavaOk = lava < LAVA_BELOW;
    return TourResult.finding(
        goalOk && lavaOk,
        String.format(
            Locale.ROOT,
            "IRL, rewards up to a shift: learned"
                + " goal - floor = %.2f (true +1; %s %.1f of it), lava - floor = %.2f (true -9; %s %.0f)%s.",
            goal,
            goalOk ? "within" : "not within",
            GOAL_TOLERANCE,
            lava,
            lavaOk ? "below" : "not below",
            LAVA_BELOW,
            lava > -9
                ? String.format(Locale.ROOT, ": lava's cost is underestimated by %.2f", lava + 9)
                : ""));
  }

  /** The learned policy reproduces the expert's visitation within {@link #IRL_TV} at every t. */
  static String irlVisitationFinding(double tvExpert, double tvDemos) {
    boolean holds = tvExpert < IRL_TV;
    return TourResult.finding(
        holds,
        String.format(
            Locale.ROOT,
            "IRL, behaviour: the learned policy's visitation is"
                + " within TV %.3f of the expert's at every t (%s %.2f), and within %.3f of the demonstrations' empirical"
                + " one.",
            tvExpert,
            holds ? "below" : "not below",
            IRL_TV,
            tvDemos));
  }

  /**
   * Why lava is weakly identified: most steps onto lava in the demonstrations are slips, not
   * choices.
   */
  static String lavaFinding(double slipFraction) {
    if (Double.isNaN(slipFraction)) {
      return TourResult.finding(
          false,
          "Lava is weakly identified because slips, not choices, bring the agent"
              + " there: no demonstration steps onto lava, so this run cannot tell.");
    }
    boolean holds = slipFraction > 0.5;
    return TourResult.finding(
        holds,
        String.format(
            Locale.ROOT,
            "Lava is weakly identified: %.0f%% of the"
                + " demonstrations' steps onto lava are slips (the most probable successor of the action taken was"
                + " another cell), so %s.",
            100 * slipFraction,
            holds
                ? "most lava visits say little about the expert's choices"
                : "most lava visits are chosen, and slips do not explain the weak identification"));
  }

  private static String format(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
