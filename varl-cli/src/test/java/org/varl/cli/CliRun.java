package org.varl.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code varl} command line in-process for the command tests. */
public final class CliRun {

  private CliRun() {}

  /** Exit code, picocli's standard output and its error output of one invocation. */
  public record Result(int code, String out, String err) {}

  /**
   * Runs {@code args} with picocli's error output into {@code err} and {@link System#out} (where
   * the commands print their summaries) discarded; returns the exit code.
   */
  public static int run(StringWriter err, String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    cl.setErr(new PrintWriter(err));
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
    try {
      return cl.execute(args);
    } finally {
      System.setOut(stdout);
    }
  }

  /** Runs {@code args} capturing picocli's standard and error outputs. */
  public static Result capture(String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(out));
    return new Result(cl.execute(args), out.toString(), err.toString());
  }
}
