package org.varl.cli.common;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code varl help [COMMAND...]}: the help of the command at that path, so {@code varl help vae
 * train} prints {@code vae train}'s (picocli's own help command reads only the first name and
 * printed {@code vae}'s). An unknown name is a usage error naming it and listing the valid ones.
 */
@Command(
    name = "help",
    helpCommand = true,
    description = "Print the help of a command, e.g. 'varl help vae train'.")
public final class HelpCommand
    implements CommandLine.IHelpCommandInitializable2, java.util.concurrent.Callable<Integer> {

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "The command path, e.g. 'vae train' (default: the top-level help).")
  List<String> path = List.of();

  private CommandLine self;
  private PrintWriter out;
  private PrintWriter err;
  private CommandLine.Help.Ansi ansi;

  @Override
  public void init(
      CommandLine helpCommandLine,
      CommandLine.Help.ColorScheme colorScheme,
      PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.out = outWriter;
    this.err = errWriter;
    this.ansi = colorScheme.ansi();
  }

  @Override
  public Integer call() {
    CommandLine target = self.getParent();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        err.println(
            self.getCommandSpec().qualifiedName()
                + ": unknown command '"
                + name
                + "' under '"
                + target.getCommandSpec().qualifiedName()
                + "'; valid: "
                + String.join(", ", target.getSubcommands().keySet()));
        err.flush();
        return CommandLine.ExitCode.USAGE;
      }
      target = next;
    }
    target.usage(out, ansi);
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}
