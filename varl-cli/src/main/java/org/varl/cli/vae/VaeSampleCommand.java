package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.varl.models.vae.TrainedVae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code varl vae sample}: a PNG grid of decoder means at z ~ N(0, I). */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Draw z from the prior N(0, I) and save the decoded images (their means) as a PNG grid.")
public final class VaeSampleCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Run directory written by vae train.")
  Path model;

  @Option(names = "--count", defaultValue = "64", description = "Number of samples (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--columns", defaultValue = "8", description = "Images per row (default: ${DEFAULT-VALUE}).")
  int columns;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the prior draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write samples.png (default: the --model directory).")
  Path out;

  @Override
  public Integer call() {
    try (TrainedVae m = TrainedVae.load(model)) {
      Path png = VaeFigures.samples(m, (out == null ? model : out).resolve("samples.png"), count, columns, seed);
      System.out.println("wrote " + png);
    }
    return 0;
  }
}
