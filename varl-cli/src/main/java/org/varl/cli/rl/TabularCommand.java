package org.varl.cli.rl;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.common.SeedOption;
import org.varl.control.grid.NamedGrids;
import org.varl.experiments.rl.TabularBridgeConfig;
import org.varl.experiments.rl.TabularBridgeExperiment;
import org.varl.experiments.rl.TabularBridgeResult;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varl rl tabular}: parses the options into a {@link TabularBridgeConfig}, runs {@link
 * TabularBridgeExperiment} and writes q.json, convergence.csv and convergence.png ({@link
 * TabularFiles}). On bad input nothing is written.
 */
@Command(
    name = "tabular",
    mixinStandardHelpOptions = true,
    description =
        "Tabular soft Q-learning from sampled transitions on a finite MDP (JSON as for 'control solve')"
            + " or a named grid, against infinite-horizon discounted soft value iteration: the distance to the"
            + " maxent backup's Q* goes to 0 with samples, the distance to the exact backup's Q* does not"
            + " (stochastic dynamics). Writes q.json (\"q\": [state][action], the layout of 'control solve'),"
            + " convergence.csv and convergence.png.")
public final class TabularCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static final class Source {
    @Option(
        names = "--mdp",
        paramLabel = "FILE",
        description = "The MDP as JSON, as for 'varl control solve'.")
    Path mdp;

    @Option(
        names = "--grid",
        paramLabel = "NAME",
        description = "A named grid: " + NamedGrids.NAMES + " (default: slippery-5).")
    String grid;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(
      names = "--slip",
      defaultValue = "0.1",
      paramLabel = "P",
      description =
          "--grid: slip probability, 1 - p on the intended move, p/5 on each of the 5 moves"
              + " (default: ${DEFAULT-VALUE}).")
  double slip;

  @Option(
      names = "--samples",
      defaultValue = "30000000",
      paramLabel = "N",
      description =
          "Sampled transitions, cycling over the pairs (s,a), one s' ~ P(.|s,a) each"
              + " (default: ${DEFAULT-VALUE}).")
  long samples;

  @Option(
      names = {"--alpha", "--temperature"},
      defaultValue = "1.0",
      paramLabel = "A",
      description =
          "Temperature alpha > 0: V(s) = alpha log sum_a exp(Q(s,a)/alpha) (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(
      names = "--discount",
      defaultValue = "0.9",
      paramLabel = "G",
      description = "Discount gamma in (0, 1) (default: ${DEFAULT-VALUE}).")
  double discount;

  @Option(
      names = "--step-exponent",
      defaultValue = "0.75",
      paramLabel = "W",
      description =
          "Robbins–Monro steps eta_n = n^-W for the n-th update of a pair, W in (0.5, 1]"
              + " (default: ${DEFAULT-VALUE}).")
  double stepExponent;

  @Mixin SeedOption seed;

  @Option(
      names = "--out",
      defaultValue = "out/rl-tabular",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    Outputs.directory(out);
    Path mdp = source == null ? null : source.mdp;
    String grid =
        source == null || source.grid == null ? TabularBridgeConfig.DEFAULT_GRID : source.grid;
    TabularBridgeConfig config =
        new TabularBridgeConfig(mdp, grid, slip, samples, alpha, discount, stepExponent, seed.seed);
    long t0 = System.nanoTime();
    TabularBridgeResult r;
    try (ProgressListener bar = new ProgressListener("rl tabular", "sample")) {
      r = TabularBridgeExperiment.run(config, bar);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> files = Outputs.all(() -> TabularFiles.write(r, out));
    java.io.PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(summary(r, seconds));
    stdout.println("wrote " + String.join(", ", files) + " in " + out);
    stdout.flush();
    return 0;
  }

  /** The one-line report: sizes, time, both distances, the target and the lower bound. */
  static String summary(TabularBridgeResult r, double seconds) {
    return String.format(
        Locale.ROOT,
        "%s: %d states, %d pairs, %d samples in %.1f s: max|Q - Q*_maxent| = %.4g (target %.4g = 1%%"
            + " of the reward range %.4g: %s); max|Q - Q*_exact| = %.4g >= gap %.4g - %.4g = %.4g",
        r.config().sourceName(),
        r.states(),
        r.pairs(),
        r.config().samples(),
        seconds,
        r.maxentDistance(),
        r.target(),
        r.rewardRange(),
        r.maxentDistance() < r.target() ? "met" : "not met",
        r.exactDistance(),
        r.backupGap(),
        r.maxentDistance(),
        r.exactLowerBound());
  }
}
