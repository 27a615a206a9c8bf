package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.varl.cli.common.ModelOption;
import org.varl.models.vae.TrainedVae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code varl vae latent}: scatter of latent means coloured by label (PCA to 2-D above two
 * dimensions).
 */
@Command(
    name = "latent",
    mixinStandardHelpOptions = true,
    description =
        "Scatter the latent means mu(x) of test examples, coloured by label; with more than 2 latent "
            + "dimensions, on their first two principal components.")
public final class VaeLatentCommand implements Callable<Integer> {

  @Mixin ModelOption run;

  @Option(
      names = "--examples",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Test examples plotted (default: ${DEFAULT-VALUE}).")
  int examples;

  @Override
  public Integer call() {
    run.checkOut();
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be >= 1, found " + examples);
    }
    try (TrainedVae m = TrainedVae.load(run.model)) {
      Path png = VaeFigures.latent(m, run.outDir().resolve("latent.png"), examples);
      System.out.println("wrote " + png);
    }
    return 0;
  }
}
