package org.varl.cli.imitation;

import org.varl.cli.common.CommandGroups;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl imitation}: the group of imitation subcommands; with no subcommand it lists them on
 * stderr and exits 2.
 */
@Command(
    name = "imitation",
    mixinStandardHelpOptions = true,
    description =
        "Multimodal imitation on the obstacle task: the scripted expert's demonstrations, behaviour"
            + " cloning, conditional VAE and diffusion policies, their rollouts and their comparison.",
    subcommands = {DemosCommand.class, TrainCommand.class, EvalCommand.class, CompareCommand.class})
public final class ImitationCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }
}
