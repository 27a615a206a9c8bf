package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.varl.cli.common.ModelOption;
import org.varl.cli.common.SeedOption;
import org.varl.models.vae.TrainedVae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl vae reconstruct}: test images above their reconstructions. */
@Command(
    name = "reconstruct",
    mixinStandardHelpOptions = true,
    description =
        "Save random test images (upper rows) above their reconstructions E[x | z = mu(x)] as a PNG.")
public final class VaeReconstructCommand implements Callable<Integer> {

  @Mixin ModelOption run;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "16",
      description = "Test images (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--columns",
      paramLabel = "N",
      defaultValue = "8",
      description = "Images per row (default: ${DEFAULT-VALUE}).")
  int columns;

  @Mixin SeedOption seed;

  @Override
  public Integer call() {
    run.checkOut();
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, found " + count);
    }
    try (TrainedVae m = TrainedVae.load(run.model)) {
      Path png =
          VaeFigures.reconstructions(
              m, run.outDir().resolve("reconstructions.png"), count, columns, seed.seed);
      System.out.println("wrote " + png);
    }
    return 0;
  }
}
