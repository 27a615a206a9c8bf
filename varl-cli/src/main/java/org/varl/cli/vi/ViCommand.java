package org.varl.cli.vi;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code varl vi}: the group of vi subcommands; with no subcommand it prints their list. */
@Command(
    name = "vi",
    mixinStandardHelpOptions = true,
    description = "Variational inference basics: gradient estimators and amortization.",
    subcommands = {EstimatorsCommand.class, AmortizationCommand.class})
public final class ViCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
