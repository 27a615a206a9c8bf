package org.varl.cli.control;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl control}: the group of control subcommands; with no subcommand it prints their list.
 */
@Command(
    name = "control",
    mixinStandardHelpOptions = true,
    description =
        "Control as inference on finite MDPs: soft value iteration, messages, marginals, MaxEnt IRL.",
    subcommands = {SolveCommand.class, GridworldCommand.class, IrlCommand.class})
public final class ControlCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
