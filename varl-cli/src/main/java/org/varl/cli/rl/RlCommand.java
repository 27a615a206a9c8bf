package org.varl.cli.rl;

import org.varl.cli.common.CommandGroups;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl rl}: the group of maximum-entropy RL subcommands; with no subcommand it lists them on
 * stderr and exits 2.
 */
@Command(
    name = "rl",
    mixinStandardHelpOptions = true,
    description =
        "Maximum-entropy RL: environments, SAC, soft Q-learning, DQN, discrete SAC, and tabular"
            + " soft Q-learning against the exact messages.",
    subcommands = {
      RlTrainCommand.class,
      RlEvalCommand.class,
      TabularCommand.class,
      RolloutCommand.class,
      CollectCommand.class,
      RepresentationCommand.class
    })
public final class RlCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }
}
