package org.varl.cli.common;

import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one rule of every {@code train --resume}: a resumed run keeps its own settings, so an option
 * given explicitly that the resumed run does not read is an input error naming it (exit 2), never
 * silently ignored. Each command lists the options it honours on resume ({@code --steps}, {@code
 * --threads}, {@code --out} and the like).
 */
public final class ResumeRule {

  /** Options every command honours: {@code --resume} itself, help and version. */
  private static final Set<String> ALWAYS = Set.of("--resume", "--help", "--version");

  private ResumeRule() {}

  /**
   * Throws an {@code IllegalArgumentException} naming the first option matched on {@code spec}'s
   * command line that is neither in {@code honoured} nor always allowed.
   */
  public static void rejectUnhonoured(CommandSpec spec, Set<String> honoured) {
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      String name = o.longestName();
      if (!honoured.contains(name) && !ALWAYS.contains(name)) {
        throw new IllegalArgumentException(
            name
                + " is not honoured with --resume: the run's own value is used (omit "
                + name
                + ", or train a new run without --resume)");
      }
    }
  }
}
