package org.varl.cli.vae;

import org.varl.cli.common.CommandGroups;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl vae}: the group of vae subcommands; with no subcommand it lists them on stderr and
 * exits 2.
 */
@Command(
    name = "vae",
    mixinStandardHelpOptions = true,
    description =
        "Variational autoencoders: train, evaluate, sample, reconstruct, explore the latent space.",
    subcommands = {
      VaeTrainCommand.class,
      VaeEvalCommand.class,
      VaeSampleCommand.class,
      VaeReconstructCommand.class,
      VaeLatentCommand.class,
      VaeInterpolateCommand.class
    })
public final class VaeCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }
}
