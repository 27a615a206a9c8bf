package org.varl.cli.ssm;

import java.nio.file.Path;
import org.varl.cli.common.CommandGroups;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl ssm}: the group of state-space subcommands; with no subcommand it lists them on
 * stderr and exits 2.
 */
@Command(
    name = "ssm",
    mixinStandardHelpOptions = true,
    description =
        "Sequential latent state-space models (a VAE through time): linear-Gaussian data with the"
            + " Kalman filter's exact log-likelihood, training with a filtering or smoothing"
            + " encoder, the held-out ELBO against the exact value.",
    subcommands = {SsmGenerateCommand.class, SsmTrainCommand.class, SsmElboCommand.class})
public final class SsmCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }

  /**
   * The file of {@code --data csv:PATH}.
   *
   * @throws IllegalArgumentException for any other form
   */
  static Path csvPath(String data) {
    if (data == null || !data.startsWith("csv:") || data.length() == 4) {
      throw new IllegalArgumentException(
          "--data must be csv:PATH (a sequences.csv written by varl ssm generate), found '"
              + data
              + "'");
    }
    return Path.of(data.substring(4));
  }
}
