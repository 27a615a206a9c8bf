package org.varl.cli.imitation;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.varl.cli.common.Outputs;
import org.varl.cli.common.ProgressListener;
import org.varl.cli.common.SeedOption;
import org.varl.rl.imitation.DemoFiles;
import org.varl.rl.imitation.DemoRow;
import org.varl.rl.imitation.Demonstrations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code varl imitation demos}: the scripted expert's demonstrations as {@code DIR/demos.csv}. */
@Command(
    name = "demos",
    mixinStandardHelpOptions = true,
    description =
        "Runs the scripted expert of the obstacle task (a side of each disc drawn per episode,"
            + " way-points, Gaussian action noise; it never collides) and writes DIR/demos.csv with"
            + " the columns episode,step,x,y,dx,dy,mode (state before the step, applied action,"
            + " the episode's mode: bit k set when disc k is passed on the right) and DIR/demos.json"
            + " (obstacles, episodes, seed, rows).")
public final class DemosCommand implements Callable<Integer> {

  /** The file written into {@code --out}. */
  public static final String DEMOS = DemoFiles.CSV;

  @Option(
      names = "--obstacles",
      defaultValue = "1",
      paramLabel = "1|2",
      description =
          "Discs: 1 (radius 0.25 at (0, 0.5), goal y >= 1.0, 60 steps) or 2 (also (0, 1.2),"
              + " goal y >= 1.7, 100 steps) (default: ${DEFAULT-VALUE}).")
  int obstacles;

  @Option(
      names = "--episodes",
      defaultValue = "200",
      paramLabel = "N",
      description = "Expert episodes (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(
      names = "--out",
      defaultValue = "out/imitation-demos",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @CommandLine.Mixin SeedOption seed;

  @Override
  public Integer call() {
    Outputs.directory(out);
    List<DemoRow> rows;
    try (ProgressListener bar = new ProgressListener("imitation demos", "episode")) {
      bar.stage("expert", Math.max(episodes, 0));
      rows = Demonstrations.generate(obstacles, episodes, seed.seed, e -> bar.advance(1));
    }
    Path file = out.resolve(DEMOS);
    Outputs.all(() -> DemoFiles.write(out, obstacles, episodes, seed.seed, rows));
    System.out.printf(
        Locale.ROOT, "wrote %s: %d episodes, %d steps%n", file, episodes, rows.size());
    return 0;
  }
}
