package org.varl.cli.control;

import org.varl.cli.common.CommandGroups;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl control}: the group of control subcommands; with no subcommand it lists them on
 * stderr and exits 2.
 */
@Command(
    name = "control",
    mixinStandardHelpOptions = true,
    description =
        "Control as inference on finite MDPs: soft value iteration, messages, marginals, MaxEnt IRL.",
    subcommands = {SolveCommand.class, GridworldCommand.class, IrlCommand.class})
public final class ControlCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }
}
