package org.varl.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.varl.cli.common.CommandGroups;
import org.varl.cli.common.ErrorMessages;
import org.varl.cli.common.HelpCommand;
import org.varl.cli.common.NumberOptions;
import org.varl.cli.control.ControlCommand;
import org.varl.cli.diffusion.DiffusionCommand;
import org.varl.cli.flow.FlowCommand;
import org.varl.cli.imitation.ImitationCommand;
import org.varl.cli.rl.RlCommand;
import org.varl.cli.ssm.SsmCommand;
import org.varl.cli.tour.TourCommand;
import org.varl.cli.vae.VaeCommand;
import org.varl.cli.vi.ViCommand;
import org.varl.core.engine.EngineSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code varl} command: one subcommand per lecture topic, each a thin layer that parses options
 * into a config and calls a library {@code run(config)}.
 *
 * <p>Exit codes: 0 success; 2 usage and input errors (a bad option, a malformed file, a value out
 * of range, an {@code --out} that breaks the output rule: one line on stderr naming the field, the
 * index and the value); 1 an I/O failure (full disk, permission denied: one line naming the file
 * and the reason) or anything unexpected (with its stack trace).
 */
@Command(
    name = "varl",
    mixinStandardHelpOptions = true,
    versionProvider = VarlCommand.Version.class,
    description =
        "Variational inference in RL: control as inference, VAEs, gradient estimators, latent models.",
    subcommands = {
      TourCommand.class,
      ControlCommand.class,
      ViCommand.class,
      VaeCommand.class,
      DiffusionCommand.class,
      FlowCommand.class,
      RlCommand.class,
      ImitationCommand.class,
      SsmCommand.class,
      HelpCommand.class
    })
public final class VarlCommand implements java.util.concurrent.Callable<Integer> {

  /** Exit code for usage and input errors (picocli's {@code ExitCode.USAGE}). */
  public static final int EXIT_INPUT = CommandLine.ExitCode.USAGE;

  /** Exit code for I/O failures (full disk, permission denied) and anything unexpected. */
  public static final int EXIT_IO = CommandLine.ExitCode.SOFTWARE;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Shows DJL's and the engine's INFO logging (quiet by default); applies before any engine is
   * loaded.
   */
  @CommandLine.Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show library INFO logging (DJL, PyTorch engine); quiet by default.")
  void setVerbose(boolean verbose) {
    if (verbose) {
      EngineSetup.logging(true);
    }
  }

  @Override
  public Integer call() {
    return CommandGroups.missingSubcommand(spec);
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    // Nothing downloads at run time, also when the jar is run without the ./varl launcher.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    // Quiet by default, before any logger exists (slf4j-simple reads its levels once); --verbose
    // undoes it.
    EngineSetup.logging(false);
    System.exit(execute(args));
  }

  /** Runs {@code varl args...} in-process and returns the exit code (tests use this). */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  /** A fully configured command line: error handling as documented above. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new VarlCommand());
    NumberOptions.register(cl);
    cl.setExecutionExceptionHandler(VarlCommand::handleExecutionException);
    cl.setParameterExceptionHandler(VarlCommand::handleParameterException);
    return cl;
  }

  /**
   * A usage error (unknown option, missing or unparsable value) is one line naming the option and
   * the value, plus where to find the usage, and exit 2: the full usage text would bury the line
   * that matters.
   */
  private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    err.println(
        name
            + ": "
            + ErrorMessages.describe(e, cl.getCommandSpec())
            + " (see '"
            + name
            + " --help')");
    err.flush();
    return EXIT_INPUT;
  }

  private static int handleExecutionException(
      Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    if (e instanceof IllegalArgumentException || isInputError(e)) {
      err.println(name + ": " + ErrorMessages.describe(e, cl.getCommandSpec()));
      err.flush();
      return EXIT_INPUT;
    }
    if (e instanceof UncheckedIOException || e instanceof java.io.IOException) {
      // An I/O failure (full disk, permission denied): the message names the file and the reason;
      // a stack trace would add nothing the user can act on.
      err.println(name + ": " + ErrorMessages.describe(e, cl.getCommandSpec()));
      err.flush();
      return EXIT_IO;
    }
    e.printStackTrace(err);
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }

  /**
   * An I/O exception that is about what the user gave, not about the machine: a file that does not
   * exist, or content that does not parse or decode (JSON, UTF-8, a truncated file).
   */
  private static boolean isInputError(Exception e) {
    Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
    return c instanceof java.nio.file.NoSuchFileException
        || c instanceof java.io.FileNotFoundException
        || c instanceof java.nio.charset.CharacterCodingException
        || c instanceof java.io.EOFException
        || c instanceof com.fasterxml.jackson.core.JacksonException;
  }

  /** Version from the jar manifest, or "dev" when running from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = VarlCommand.class.getPackage().getImplementationVersion();
      return new String[] {"varl " + (v == null ? "dev" : v)};
    }
  }
}
