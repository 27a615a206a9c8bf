package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.varl.cli.common.ModelOption;
import org.varl.models.vae.TrainedVae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl vae interpolate}: decodings along the line between two test images' latent means. */
@Command(
    name = "interpolate",
    mixinStandardHelpOptions = true,
    description =
        "Save a row: test image A, decodings of (1-t) mu(A) + t mu(B) for t from 0 to 1, test image B.")
public final class VaeInterpolateCommand implements Callable<Integer> {

  @Mixin ModelOption run;

  @Option(
      names = "--from",
      paramLabel = "INDEX",
      defaultValue = "0",
      description = "Index of test image A (default: ${DEFAULT-VALUE}).")
  int from;

  @Option(
      names = "--to",
      paramLabel = "INDEX",
      defaultValue = "1",
      description = "Index of test image B (default: ${DEFAULT-VALUE}).")
  int to;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "10",
      description = "Decodings between A and B (default: ${DEFAULT-VALUE}).")
  int steps;

  @Override
  public Integer call() {
    run.checkOut();
    if (steps < 2) {
      throw new IllegalArgumentException("steps must be >= 2, found " + steps);
    }
    try (TrainedVae m = TrainedVae.load(run.model)) {
      Path png =
          VaeFigures.interpolation(m, run.outDir().resolve("interpolation.png"), from, to, steps);
      System.out.println("wrote " + png);
    }
    return 0;
  }
}
