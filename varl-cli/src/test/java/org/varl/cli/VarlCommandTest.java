package org.varl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VarlCommandTest {

  /** Runs varl in-process; returns exit code, captured stdout and stderr. */
  static Run run(String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  record Run(int code, String out, String err) {}

  @Test
  void helpListsTheSubcommands() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("tour", "control", "vi", "vae");
  }

  @Test
  void aGroupWithoutItsSubcommandIsAUsageErrorListingThem() {
    // Was exit 0 with the usage on stdout: a script could not tell that nothing ran.
    for (String group : new String[] {"vae", "control", "vi"}) {
      Run r = run(group);
      assertThat(r.code()).as(group).isEqualTo(2);
      assertThat(r.out()).as(group).isEmpty();
      assertThat(r.err()).as(group).contains("varl " + group + ": a subcommand is required");
    }
    assertThat(run("vae").err()).contains("train", "eval", "sample", "reconstruct", "latent");
    assertThat(run("control").err()).contains("solve", "gridworld", "irl");
    assertThat(run().code()).isEqualTo(2);
  }

  @Test
  void everySubcommandHelpShowsDefaults() {
    Run r = run("tour", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--out", "default: tour", "--seed");
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitCode2() {
    Run r = run("tour", "--no-such-option");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .contains("--no-such-option", "varl tour --help")
        .doesNotContain("\n");
  }

  @Test
  void unparsableOptionValueIsOneLineNamingTheOptionAndTheValue() {
    Run r = run("control", "solve", "--mdp", "m.json", "--horizon", "3", "--temperature", "abc");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("varl control solve: ")
        .contains("--temperature", "abc")
        .doesNotContain("\n");
  }

  @Test
  void unknownTourSectionIsAnInputErrorOnOneLine(@TempDir Path dir) {
    Path out = dir.resolve("t");
    Run r = run("tour", "--out", out.toString(), "--only", "nonsense");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .contains("--only: unknown section \"nonsense\"")
        .doesNotContain("\n");
    assertThat(Files.exists(out.resolve("index.html"))).isFalse();
  }

  @Test
  void verboseTurnsLibraryInfoLoggingOnAndTheCudaProbeBackOn() {
    String level = "org.slf4j.simpleLogger.defaultLogLevel";
    String probe = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";
    String levelBefore = System.getProperty(level);
    String probeBefore = System.getProperty(probe);
    try {
      System.clearProperty(level);
      System.clearProperty(probe);
      org.varl.core.engine.EngineSetup.logging(false); // what main does before parsing
      assertThat(System.getProperty(level)).isEqualTo("warn");
      assertThat(System.getProperty(probe)).isEqualTo("error");
      Run r = run("--verbose", "tour", "--help");
      assertThat(r.code()).isZero();
      assertThat(System.getProperty(level)).isEqualTo("info");
      assertThat(System.getProperty(probe)).isNull();
    } finally {
      restore(level, levelBefore);
      restore(probe, probeBefore);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
