package org.varl.cli.common;

import picocli.CommandLine.Option;

/**
 * {@code --seed} (a picocli mixin): one seed per run, passed down to every random stream of the
 * run, with the same default everywhere, 1. The same seed and options give the same numbers.
 */
public final class SeedOption {

  /** The default seed of every command. */
  public static final long DEFAULT = 1;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Seed of the run: every random draw derives from it (default: ${DEFAULT-VALUE}).")
  public long seed;
}
