package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.varl.cli.common.ModelOption;
import org.varl.cli.common.SeedOption;
import org.varl.models.vae.TrainedVae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code varl vae sample}: a PNG grid of decoder means at z ~ N(0, I). */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description =
        "Draw z from the prior N(0, I) and save the decoded images (their means) as a PNG grid.")
public final class VaeSampleCommand implements Callable<Integer> {

  @Mixin ModelOption run;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "64",
      description = "Number of samples (default: ${DEFAULT-VALUE}).")
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
    try (TrainedVae m = TrainedVae.load(run.model)) {
      m.dataChange().ifPresent(w -> System.err.println("varl vae sample: warning: " + w));
      Path png =
          VaeFigures.samples(m, run.outDir().resolve("samples.png"), count, columns, seed.seed);
      System.out.println("wrote " + png);
    }
    return 0;
  }
}
