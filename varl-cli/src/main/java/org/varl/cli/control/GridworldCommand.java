package org.varl.cli.control;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.Numbers;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.experiments.control.GridworldConfig;
import org.varl.experiments.control.GridworldExperiment;
import org.varl.experiments.control.GridworldResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code varl control gridworld}: parses the options into a {@link GridworldConfig}, runs {@link
 * GridworldExperiment}, and writes the heatmaps of values, policies, marginals and visitation and
 * the metrics JSON/CSV ({@link GridworldFiles}).
 */
@Command(
    name = "gridworld",
    mixinStandardHelpOptions = true,
    description =
        "Control as inference on a gridworld (the peer's N x N slippery grid, or a text map: '#' wall,"
            + " 'S' start, 'G' goal (absorbing, reward 0), 'L' lava (-10), '.' floor (-1)) at several temperatures,"
            + " exact vs maxent backup: PNG heatmaps of V_0 with policy arrows, of the exact posterior's marginals and its"
            + " policy's visitation at several t (the maxent posterior's marginals are its visitation), and metrics.json /"
            + " metrics.csv.")
public final class GridworldCommand implements Callable<Integer> {

  static final class Source {
    @Option(
        names = "--size",
        paramLabel = "N",
        description = "The N x N slippery gridworld of the benchmark peer" + " (default: 10).")
    Integer size;

    @Option(names = "--map", paramLabel = "FILE", description = "A text map instead of --size.")
    Path map;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(
      names = "--slip",
      paramLabel = "P",
      defaultValue = "0.1",
      description =
          "Slip probability: 1 - p on the intended move, p/5 on each of the 5 moves (default: ${DEFAULT-VALUE}).")
  double slip;

  @Option(
      names = "--temperatures",
      defaultValue = "0.1,1,10",
      split = ",",
      paramLabel = "ALPHA",
      description = "Temperatures alpha, comma-separated (default: ${DEFAULT-VALUE}).")
  double[] temperatures;

  @Option(
      names = "--horizon",
      defaultValue = "0",
      paramLabel = "T",
      description = "Horizon T; 0 means 2 x (width + height) (default: ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--samples",
      paramLabel = "N",
      defaultValue = "2000",
      description =
          "Trajectories sampled to check the visitation by Monte Carlo (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--out",
      defaultValue = "out/control-gridworld",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the Monte Carlo check (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    Outputs.directory(out);
    int size = source == null || source.size == null ? 10 : source.size;
    Path map = source == null ? null : source.map;
    GridworldConfig config =
        new GridworldConfig(size, map, slip, temperatures, horizon, samples, seed);
    GridworldResult r;
    try (ProgressListener bar = new ProgressListener("control gridworld", "backup")) {
      r = GridworldExperiment.run(config, bar);
    }
    GridworldFiles.Written files = Outputs.all(() -> GridworldFiles.write(r, out));
    System.out.printf(
        Locale.ROOT,
        "gridworld %dx%d (%d states), T=%d, times %s%n",
        r.grid().width(),
        r.grid().height(),
        r.grid().numStates(),
        r.horizon(),
        java.util.Arrays.toString(r.times()));
    for (GridworldResult.TemperatureSummary s : r.temperatures()) {
      System.out.printf(
          Locale.ROOT,
          "alpha %-5s V_0(start) exact %s maxent %s | optimism exact-maxent max %s"
              + " mean %s | marginal entropy peaks at t=%d (exact), t=%d (maxent)%n",
          GridPanels.number(s.temperature()),
          Numbers.format(s.exact().startValue()),
          Numbers.format(s.maxent().startValue()),
          Numbers.format(s.maxOptimism()),
          Numbers.format(s.meanOptimism()),
          s.exact().peakEntropyTime(),
          s.maxent().peakEntropyTime());
    }
    System.out.println(
        "wrote "
            + files.figures().size()
            + " figures, "
            + files.metricsJson()
            + ", "
            + files.metricsCsv());
    return 0;
  }
}
