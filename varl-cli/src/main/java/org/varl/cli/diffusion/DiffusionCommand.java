package org.varl.cli.diffusion;

import org.varl.cli.common.CommandGroups;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl diffusion}: the group of diffusion subcommands; with no subcommand it lists them on
 * stderr and exits 2.
 */
@Command(
    name = "diffusion",
    mixinStandardHelpOptions = true,
    description = "Diffusion models (DDPM) as hierarchical VAEs: train, sample, bound.",
    subcommands = {
      DiffusionTrainCommand.class,
      DiffusionSampleCommand.class,
      DiffusionElboCommand.class
    })
public final class DiffusionCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }
}
