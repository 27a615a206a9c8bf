package org.varl.cli.control;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.Numbers;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.experiments.control.IrlExperiment;
import org.varl.experiments.control.IrlExperimentConfig;
import org.varl.experiments.control.IrlExperimentResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code varl control irl}: MaxEnt inverse RL on the slippery gridworld: parses the options into an
 * {@link IrlExperimentConfig}, runs {@link IrlExperiment}, and writes the figures and metrics
 * ({@link IrlFiles}).
 */
@Command(
    name = "irl",
    mixinStandardHelpOptions = true,
    description =
        "MaxEnt inverse RL (Ziebart 2008, causal form) on the N x N slippery gridworld: learns weights of"
            + " the cell-type features (floor, lava, goal) from demonstrations (sampled from the soft-optimal expert, or"
            + " read from --demos {\"trajectories\": [[[s, a], ...], ...]}); plots true vs learned reward and the"
            + " learning curve; writes metrics.json (and demos.json when sampled).")
public final class IrlCommand implements Callable<Integer> {

  static final class Source {
    @Option(
        names = "--demos",
        paramLabel = "FILE",
        description = "Demonstrations as JSON instead of sampling them.")
    Path demos;

    @Option(
        names = "--num-demos",
        paramLabel = "N",
        description = "Sample N demonstrations (default: 400).")
    Integer numDemos;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(
      names = "--size",
      defaultValue = "8",
      paramLabel = "N",
      description = "Gridworld size N (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--slip",
      paramLabel = "P",
      defaultValue = "0.1",
      description = "Slip probability (default: ${DEFAULT-VALUE}).")
  double slip;

  @Option(
      names = "--horizon",
      defaultValue = "30",
      paramLabel = "T",
      description = "Length of sampled demonstrations (default: ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--temperature",
      defaultValue = "1.0",
      paramLabel = "ALPHA",
      description =
          "Temperature of the expert and of the learned soft policy (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "200",
      description = "Ascent iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--lr",
      paramLabel = "LR",
      defaultValue = "1.0",
      description = "Initial learning rate; it adapts by backtracking (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--out",
      defaultValue = "out/control-irl",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed for sampling demonstrations (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    Outputs.directory(out);
    Path demos = source == null ? null : source.demos;
    int numDemos = source == null || source.numDemos == null ? 400 : source.numDemos;
    IrlExperimentConfig config =
        new IrlExperimentConfig(
            size, slip, horizon, temperature, demos, numDemos, iterations, lr, seed);
    IrlExperimentResult r;
    try (ProgressListener bar = new ProgressListener("control irl", "iteration")) {
      r = IrlExperiment.run(config, bar);
    }
    IrlFiles.Written files = Outputs.all(() -> IrlFiles.write(r, out));
    System.out.printf(
        Locale.ROOT,
        "features %s: true weights %s, learned %s (+ shift %s; reward RMSE after shift" + " %s)%n",
        Arrays.toString(r.features()),
        Arrays.toString(r.trueWeights()),
        format(r.learnedWeights()),
        Numbers.format(r.shift()),
        Numbers.format(r.rewardRmse()));
    System.out.printf(
        Locale.ROOT,
        "max_t TV(learned visitation, demos) %s%s%n",
        Numbers.format(r.tvToDemos()),
        Double.isNaN(r.tvToExpert()) ? "" : ", to the expert's " + Numbers.format(r.tvToExpert()));
    System.out.println("wrote " + files.figures() + " and " + files.metrics());
    return 0;
  }

  private static String format(double[] w) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < w.length; i++) {
      b.append(i == 0 ? "" : ", ").append(Numbers.format(w[i]));
    }
    return b.append(']').toString();
  }
}
