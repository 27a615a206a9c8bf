package org.varl.cli.flow;

import org.varl.cli.common.CommandGroups;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl flow}: the group of flow-matching subcommands; with no subcommand it lists them on
 * stderr and exits 2.
 */
@Command(
    name = "flow",
    mixinStandardHelpOptions = true,
    description =
        "Flow matching (I-CFM, OT-CFM): train, sample by ODE solvers, exact log-likelihood, quality"
            + " against NFE.",
    subcommands = {
      FlowTrainCommand.class,
      FlowSampleCommand.class,
      FlowNllCommand.class,
      FlowQualityCommand.class
    })
public final class FlowCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }
}
