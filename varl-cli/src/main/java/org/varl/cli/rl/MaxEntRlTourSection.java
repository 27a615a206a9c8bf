package org.varl.cli.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.cli.tour.TourSection;
import org.varl.experiments.rl.TabularBridgeConfig;
import org.varl.experiments.rl.TabularBridgeExperiment;
import org.varl.experiments.rl.TabularBridgeResult;
import org.varl.rl.train.MetricsRow;
import org.varl.rl.train.OffPolicyTrainer;
import org.varl.rl.train.TrainConfig;

/**
 * Tour section "maximum-entropy RL". It is made of parts, each with its own subdirectory, claim,
 * figures and findings, run in order by {@link #run}:
 *
 * <ol>
 *   <li>{@link #tabular}: the tabular bridge, {@code varl rl tabular} on its defaults (the 5 x 5
 *       slippery grid, 3e7 sampled transitions, about 3 s) with the tour's seed, in {@code
 *       tabular/};
 *   <li>{@link #sac}: a short SAC run on Pendulum-v1 ({@value #SAC_STEPS} steps, SB3's and the
 *       peer's hyperparameters, about a minute on 2 cores), its learning curve against rl-zoo's
 *       reference (−157 ± 89 at 20,000 steps), in {@code sac/}.
 * </ol>
 *
 * Every finding is computed from the run's numbers by a static method below and flagged with {@link
 * TourResult#DOES_NOT_HOLD} when its claim fails.
 */
public final class MaxEntRlTourSection implements TourSection {

  /**
   * "Goes to 0 with samples": from one sweep (every pair updated once) to the end, max |Q -
   * Q*_maxent| must fall by at least this factor.
   */
  static final double CONVERGENCE_FACTOR = 10.0;

  /** What one part of the section contributes to the report. */
  record Part(
      String claim, List<TourResult.Figure> figures, List<String> findings, List<String> metrics) {}

  @Override
  public String id() {
    return "maxent-rl";
  }

  @Override
  public String title() {
    return "Maximum-entropy RL: from the exact messages to sampled transitions";
  }

  @Override
  public TourResult run(TourContext context) {
    List<Part> parts = new ArrayList<>();
    parts.add(tabular(context));
    parts.add(sac(context));
    StringBuilder claim = new StringBuilder();
    List<TourResult.Figure> figures = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    List<String> metrics = new ArrayList<>();
    for (Part p : parts) {
      claim.append(claim.length() == 0 ? "" : " ").append(p.claim());
      figures.addAll(p.figures());
      findings.addAll(p.findings());
      metrics.addAll(p.metrics());
    }
    return new TourResult(claim.toString(), figures, findings, metrics);
  }

  /** The tabular bridge on {@link TabularBridgeConfig#defaults()} with the tour's seed. */
  static Part tabular(TourContext context) {
    TabularBridgeConfig config = TabularBridgeConfig.defaults().withSeed(context.seed());
    TabularBridgeResult r;
    try (ProgressListener bar = new ProgressListener("tour maxent-rl", "sample")) {
      r = TabularBridgeExperiment.run(config, bar);
    }
    String dir = "tabular/";
    List<String> files = TabularFiles.write(r, context.dir().resolve("tabular"));
    return new Part(
        "Maximum-entropy RL learns from sampled transitions: soft Q-learning's target r + gamma"
            + " V(s'), with one sampled successor s', estimates the variational backup E[V(s')] without"
            + " bias, so its fixed point is the maxent Q* of soft value iteration and never the exact"
            + " messages' alpha log E exp(V(s')/alpha). Sampled learning does not inherit the exact"
            + " backup's optimism under stochastic dynamics: the lecture's \"we'll come back to this\","
            + " measured.",
        List.of(
            new TourResult.Figure(
                dir + TabularFiles.FIGURE,
                "Tabular soft Q-learning on "
                    + config.sourceName()
                    + ": max |Q - Q*| against the number of sampled transitions, to the maxent"
                    + " backup's Q* (falls to 0) and to the exact backup's (levels off at their"
                    + " gap), log-log.")),
        tabularFindings(r),
        files.stream().filter(f -> !f.endsWith(".png")).map(f -> dir + f).toList());
  }

  /** Environment steps of the tour's SAC run (the full-size run is 20,000: see the README). */
  static final long SAC_STEPS = 6_000;

  /** Evaluations of the tour's SAC run: every this many steps, 5 deterministic episodes each. */
  static final long SAC_EVAL_EVERY = 2_000;

  /** How many training episodes make the "before learning" baseline of the improvement finding. */
  static final int FIRST_EPISODES = 3;

  /**
   * A short SAC run on Pendulum-v1 with {@link TrainConfig#defaults()} (SB3's and the peer's
   * hyperparameters, automatic temperature) for {@value #SAC_STEPS} steps.
   */
  static Part sac(TourContext context) {
    TrainConfig config =
        TrainConfig.defaults()
            .withSteps(SAC_STEPS)
            .withEvaluation(SAC_EVAL_EVERY, 5)
            .withSeed(context.seed());
    java.nio.file.Path dir = context.dir().resolve("sac");
    OffPolicyTrainer.Result result;
    try (RlTrainCommand.BarListener bar = new RlTrainCommand.BarListener()) {
      result = OffPolicyTrainer.run(config, dir, bar);
    }
    RlFigures.write(dir, result);
    List<TourResult.Figure> figures = new ArrayList<>();
    figures.add(
        new TourResult.Figure(
            "sac/learning_curve.png",
            "SAC on Pendulum-v1: training episode returns and deterministic evaluations against"
                + " steps, with rl-zoo's SAC at 20,000 steps (-157 +/- 89) as the reference line."));
    figures.add(
        new TourResult.Figure(
            "sac/alpha_entropy.png",
            "The learned temperature alpha and the policy's entropy estimate (target entropy -1)."));
    if (java.nio.file.Files.exists(dir.resolve("pendulum_policy_value.png"))) {
      figures.add(
          new TourResult.Figure(
              "sac/pendulum_policy_value.png",
              "The policy's mean action tanh(mu)*2 and the soft value E[min Q - alpha log pi] over"
                  + " (theta, theta_dot); theta = 0 is upright."));
    }
    return new Part(
        "Soft actor-critic is the deep, sampled form of the same soft Bellman backup: twin soft Q"
            + " networks regress on r + gamma (min Q'(s', a') - alpha log pi(a'|s')), the actor"
            + " minimizes E[alpha log pi - Q] (the KL to exp(Q/alpha)), and alpha is tuned to a"
            + " target entropy.",
        figures,
        sacFindings(result.rows(), SAC_STEPS),
        List.of("sac/metrics.csv", "sac/config.json"));
  }

  /**
   * The SAC part's findings from its metrics rows: the learning curve rises from the first training
   * episodes to the last evaluation, and where the last evaluation stands against rl-zoo's −157 ±
   * 89 at 20,000 steps (holds when within one reference standard deviation).
   */
  static List<String> sacFindings(List<MetricsRow> rows, long steps) {
    List<String> findings = new ArrayList<>();
    double first = 0;
    int n = 0;
    MetricsRow last = null;
    MetricsRow lastTraining = null;
    for (MetricsRow r : rows) {
      if (!r.isEvaluation() && Double.isFinite(r.alpha())) {
        lastTraining = r;
      }
      if (!r.isEvaluation() && n < FIRST_EPISODES) {
        first += r.episodeReturn();
        n++;
      }
      if (r.isEvaluation()) {
        last = r;
      }
    }
    if (n == 0 || last == null) {
      findings.add(
          TourResult.finding(
              false,
              "The SAC run finished no training episode or no evaluation: nothing to judge."));
      return findings;
    }
    first /= n;
    double finalMean = last.evalReturnMean();
    boolean improves = finalMean > first;
    findings.add(
        TourResult.finding(
            improves,
            String.format(
                Locale.ROOT,
                "Learning: the first %d training episodes average %.1f; after %d steps the"
                    + " deterministic evaluation returns %.1f +/- %.1f (%s).",
                n,
                first,
                last.step(),
                finalMean,
                last.evalReturnStd(),
                improves ? "better" : "not better")));
    double floor = RlFigures.PENDULUM_REFERENCE_MEAN - RlFigures.PENDULUM_REFERENCE_STD;
    boolean reaches = finalMean >= floor;
    findings.add(
        TourResult.finding(
            reaches,
            String.format(
                Locale.ROOT,
                "Against the reference: rl-zoo's SAC reaches -157 +/- 89 at 20,000 steps; this run's"
                    + " %d steps give %.1f, %s one reference standard deviation of it (>= %.0f)."
                    + " The full-size run is `varl rl train --steps 20000`.",
                steps,
                finalMean,
                reaches ? "within" : "not within",
                floor)));
    if (lastTraining != null) {
      findings.add(
          String.format(
              Locale.ROOT,
              "Temperature: alpha ended at %.3g (from 1) with an entropy estimate of %.2f nats"
                  + " (target -1).",
              lastTraining.alpha(),
              lastTraining.entropy()));
    }
    return findings;
  }

  /** The tabular part's findings, each claim checked against the run's numbers. */
  static List<String> tabularFindings(TabularBridgeResult r) {
    List<String> findings = new ArrayList<>();
    TabularBridgeConfig c = r.config();
    boolean met = r.maxentDistance() < r.target();
    findings.add(
        TourResult.finding(
            met,
            String.format(
                Locale.ROOT,
                "Quality: after %d samples (%d per pair, alpha %s, gamma %s, steps n^-%s) on %s,"
                    + " max |Q - Q*_maxent| = %.4f, %s 1%% of the reward range (%.4g).",
                c.samples(),
                c.samples() / r.pairs(),
                c.temperature(),
                c.discount(),
                c.stepExponent(),
                c.sourceName(),
                r.maxentDistance(),
                met ? "below" : "not below",
                r.target())));
    TabularBridgeResult.Row first = r.convergence().get(0);
    double factor = first.maxentDistance() / r.maxentDistance();
    double slope = lastDecadeSlope(r.convergence());
    boolean falls = factor >= CONVERGENCE_FACTOR && slope < 0;
    findings.add(
        TourResult.finding(
            falls,
            String.format(
                Locale.ROOT,
                "Goes to 0 with samples: max |Q - Q*_maxent| %s from %.3g after one sweep (%d"
                    + " samples) to %.3g, %.0fx (required: %.0fx), with log-log slope %.2f over the"
                    + " last decade.",
                falls ? "falls" : "does not fall enough",
                first.maxentDistance(),
                first.samples(),
                r.maxentDistance(),
                factor,
                CONVERGENCE_FACTOR,
                slope)));
    boolean optimism = r.backupGap() > r.target();
    boolean bounded = optimism && r.exactLowerBound() > 0;
    String verdict;
    if (!optimism) {
      verdict =
          "the backups agree to within the target here, so there is no optimism to miss (deterministic"
              + " or nearly deterministic dynamics)";
    } else if (!bounded) {
      verdict = "the learner is not yet closer to Q*_maxent than Q*_maxent is to Q*_exact";
    } else {
      verdict = "sampled learning does not inherit the exact backup's optimism";
    }
    findings.add(
        TourResult.finding(
            bounded,
            String.format(
                Locale.ROOT,
                "Bounded away from the exact Q*: max |Q - Q*_exact| = %.4f, at least the computed"
                    + " bound max |Q*_exact - Q*_maxent| - max |Q - Q*_maxent| = %.4f - %.4f = %.4f:"
                    + " %s.",
                r.exactDistance(),
                r.backupGap(),
                r.maxentDistance(),
                r.exactLowerBound(),
                verdict)));
    return findings;
  }

  /**
   * The least-squares slope of log distance against log samples over the rows of the last decade
   * (samples &gt;= final / 10); NaN with fewer than two such rows.
   */
  static double lastDecadeSlope(List<TabularBridgeResult.Row> rows) {
    long last = rows.get(rows.size() - 1).samples();
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (TabularBridgeResult.Row row : rows) {
      if (row.samples() * 10 >= last && row.maxentDistance() > 0) {
        double x = Math.log(row.samples());
        double y = Math.log(row.maxentDistance());
        n++;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
      }
    }
    double denominator = n * sxx - sx * sx;
    return n < 2 || denominator == 0 ? Double.NaN : (n * sxy - sx * sy) / denominator;
  }
}
