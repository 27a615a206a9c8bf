package org.varl.cli.common;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --model DIR} and {@code --out DIR} of the commands that read a trained run (a picocli
 * mixin): the run directory, and where to write the figures, by default the run directory itself.
 */
public final class ModelOption {

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Run directory written by a train command.")
  public Path model;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write the outputs (default: the --model " + "directory).")
  public Path out;

  /** Checks the output directory against the output rule ({@link Outputs#directory}). */
  public void checkOut() {
    Outputs.directory(outDir());
  }

  /** The output directory: {@code --out}, or the run directory. */
  public Path outDir() {
    return out == null ? model : out;
  }
}
