package org.varl.cli.common;

import picocli.CommandLine;

/**
 * What a command group ({@code varl}, {@code varl vae}, {@code varl control}, {@code varl vi}) does
 * when called without a subcommand: a usage error, like any other missing argument. It lists the
 * subcommands on stderr and exits 2 (exit 0 would tell a script that something ran).
 */
public final class CommandGroups {

  private CommandGroups() {}

  /** Prints the group's usage, with its subcommands, to stderr; returns exit code 2. */
  public static int missingSubcommand(CommandLine.Model.CommandSpec spec) {
    CommandLine cl = spec.commandLine();
    cl.getErr().println(spec.qualifiedName() + ": a subcommand is required");
    cl.usage(cl.getErr());
    cl.getErr().flush();
    return 2;
  }
}
