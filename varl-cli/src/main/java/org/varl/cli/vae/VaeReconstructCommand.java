package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.varl.models.vae.TrainedVae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code varl vae reconstruct}: test images above their reconstructions. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
    description = "Save random test images (upper rows) above their reconstructions E[x | z = mu(x)] as a PNG.")
public final class VaeReconstructCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Run directory written by vae train.")
  Path model;

  @Option(names = "--count", defaultValue = "16", description = "Test images (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--columns", defaultValue = "8", description = "Images per row (default: ${DEFAULT-VALUE}).")
  int columns;

  @Option(names = "--seed", defaultValue = "1", description = "Seed choosing the test images (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where to write reconstructions.png (default: the --model directory).")
  Path out;

  @Override
  public Integer call() {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, found " + count);
    }
    try (TrainedVae m = TrainedVae.load(model)) {
      Path png = VaeFigures.reconstructions(m, (out == null ? model : out).resolve("reconstructions.png"), count,
          columns, seed);
      System.out.println("wrote " + png);
    }
    return 0;
  }
}
