package org.varl.cli.vi;

import org.varl.cli.common.CommandGroups;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code varl vi}: the group of vi subcommands; with no subcommand it lists them on stderr and
 * exits 2.
 */
@Command(
    name = "vi",
    mixinStandardHelpOptions = true,
    description = "Variational inference basics: gradient estimators and amortization.",
    subcommands = {EstimatorsCommand.class, AmortizationCommand.class})
public final class ViCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }
}
