package org.varl.cli.vae;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code varl vae}: the group of vae subcommands; with no subcommand it prints their list. */
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
public final class VaeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
