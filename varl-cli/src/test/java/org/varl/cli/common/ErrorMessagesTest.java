package org.varl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The message rules of {@link ErrorMessages}, one test per class of message the sweep found (issue
 * 9), each through real commands where one shows it: option names instead of Java names, readable
 * numbers, I/O reasons instead of bare paths and codes, no parser internals, and the exit codes
 * (input 2, I/O 1).
 */
class ErrorMessagesTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run varl(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString().strip());
  }

  static Run varl(String... args) {
    return varl(VarlCommand.newCommandLine(), args);
  }

  @Test
  void configFieldNamesBecomeTheOptionsThatFeedThem() {
    // Were "dataPoints must be >= 2", "maxIterations: must be >= 1", "csvLabelColumn must be".
    assertThat(varl("vi", "amortization", "--points", "0", "--out", dir.resolve("a").toString()))
        .isEqualTo(new Run(2, "", "varl vi amortization: --points must be >= 2, found 0"));
    Path mdp = mdp();
    assertThat(
            varl(
                "control",
                "solve",
                "--mdp",
                mdp.toString(),
                "--horizon",
                "inf",
                "--discount",
                "0.9",
                "--max-iterations",
                "0",
                "--out",
                dir.resolve("r.json").toString()))
        .isEqualTo(new Run(2, "", "varl control solve: --max-iterations: must be >= 1, found 0"));
    assertThat(
            varl(
                "vae",
                "train",
                "--data",
                "shapes",
                "--csv-label",
                "-5",
                "--out",
                dir.resolve("v").toString()))
        .isEqualTo(
            new Run(
                2,
                "",
                "varl vae train: --csv-label must be >= 0, or -1 for the last column, found -5"));
  }

  @Test
  void aToleranceThatCannotStopIsRefusedForEveryHorizon() throws Exception {
    Path mdp = mdp();
    Path out = dir.resolve("r.json");
    // Was: "converged" after 0 iterations with residual Infinity.
    assertThat(
            varl(
                "control",
                "solve",
                "--mdp",
                mdp.toString(),
                "--horizon",
                "inf",
                "--discount",
                "0.9",
                "--tolerance",
                "Infinity",
                "--out",
                out.toString()))
        .isEqualTo(
            new Run(
                2,
                "",
                "varl control solve: Invalid value for option '--tolerance': 'Infinity' is not a"
                    + " finite number (see 'varl control solve --help')"));
    // Was: ignored with a finite horizon.
    assertThat(
            varl(
                "control",
                "solve",
                "--mdp",
                mdp.toString(),
                "--horizon",
                "3",
                "--tolerance",
                "-1",
                "--out",
                out.toString()))
        .isEqualTo(
            new Run(2, "", "varl control solve: --tolerance: must be finite and > 0, found -1.0"));
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void javaOnlyNumberSyntaxInOptionsIsAUsageError() throws Exception {
    Path mdp = mdp();
    Path out = dir.resolve("r.json");
    for (String value : new String[] {"1f", "0x1p3", "NaN", "\u0661", "2d"}) {
      Run r =
          varl(
              "control",
              "solve",
              "--mdp",
              mdp.toString(),
              "--horizon",
              "3",
              "--temperature",
              value,
              "--out",
              out.toString());
      assertThat(r.code()).as(value).isEqualTo(2);
      assertThat(r.err())
          .as(value)
          .startsWith("varl control solve: Invalid value for option '--temperature': '" + value)
          .doesNotContain("\n");
    }
    Run ints = varl("vi", "amortization", "--points", "\u0663", "--out", dir.toString());
    assertThat(ints.code()).isEqualTo(2);
    assertThat(ints.err()).contains("'\u0663' is not an integer");
    // Text options parsed by the command use the same parser (Integer.parseInt reads it as 3).
    assertThat(
            varl(
                "control",
                "solve",
                "--mdp",
                mdp.toString(),
                "--horizon",
                "\u0663",
                "--out",
                out.toString()))
        .isEqualTo(
            new Run(
                2,
                "",
                "varl control solve: --horizon: expected an integer >= 1 or inf, found \u0663"));
    assertThat(varl("vae", "train", "--threads", "\u0662", "--out", dir.toString()).code())
        .isEqualTo(2);
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void jsonSyntaxErrorsGiveFileLineColumnAndReasonWithoutParserInternals() throws Exception {
    Path truncated = Files.writeString(dir.resolve("t.json"), "{\"trajectories\": [[[0,1],[1");
    Run r = irl(truncated);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "varl control irl: --demos: "
                + truncated
                + ": malformed JSON at line 1, column 28: Unexpected end-of-input: expected close"
                + " marker for Array (opened at line 1, column 26)");
    Path nan = Files.writeString(dir.resolve("n.json"), "{\"trajectories\": [[[0,NaN]]]}");
    assertThat(irl(nan).err())
        .isEqualTo(
            "varl control irl: --demos: "
                + nan
                + ": malformed JSON at line 1, column 26: Non-standard token 'NaN': JSON numbers"
                + " cannot be NaN or Infinity (write a finite number)");
    Path array = Files.writeString(dir.resolve("a.json"), "[[[0, 1]]]");
    assertThat(irl(array).err())
        .isEqualTo(
            "varl control irl: --demos: "
                + array
                + ": expected a JSON object {\"trajectories\": [...]} at the top level, found"
                + " array");
    for (Path f : new Path[] {truncated, nan, array}) {
      assertThat(irl(f).err()).doesNotContain("Source", "REDACTED", "JsonReadFeature");
    }
  }

  @Test
  void nonUtf8InputNamesTheFileAndTheReason() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.write(bad, new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'});
    Run r =
        varl(
            "control",
            "solve",
            "--mdp",
            bad.toString(),
            "--horizon",
            "3",
            "--out",
            dir.resolve("r.json").toString());
    // Was "mdp: cannot read bad.json: Input length = 1".
    assertThat(r)
        .isEqualTo(
            new Run(
                2,
                "",
                "varl control solve: --mdp: cannot read "
                    + bad
                    + ": not valid UTF-8 (a malformed byte sequence of length 1)"));
  }

  @Command(name = "denied")
  static final class Denied implements Callable<Integer> {
    @Override
    public Integer call() {
      // What Files.newBufferedReader throws for a file without read permission (root reads
      // anything, so the test raises it itself); its message is the bare path.
      AccessDeniedException e = new AccessDeniedException("noread.json");
      throw new UncheckedIOException("mdp: cannot read noread.json: " + e.getMessage(), e);
    }
  }

  @Command(name = "garbled")
  static final class Garbled implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new UncheckedIOException(
          "map: cannot read m.txt: Input length = 3", new MalformedInputException(3));
    }
  }

  @Test
  void ioReasonsReplaceBarePathsAndCodes() {
    CommandLine cl = VarlCommand.newCommandLine();
    cl.addSubcommand("denied", new Denied());
    cl.addSubcommand("garbled", new Garbled());
    // Was "cannot read noread.json: noread.json": an I/O failure, exit 1.
    assertThat(varl(cl, "denied"))
        .isEqualTo(new Run(1, "", "varl denied: mdp: cannot read noread.json: permission denied"));
    assertThat(varl(cl, "garbled"))
        .isEqualTo(
            new Run(
                2,
                "",
                "varl garbled: map: cannot read m.txt: not valid UTF-8 (a malformed byte sequence"
                    + " of length 3)"));
  }

  @Test
  void longDecimalsInMessagesAreReadable() {
    // Was "test fraction 0.16666666666666666" (TrainTestSplit).
    assertThat(
            ErrorMessages.readableNumbers(
                "data set x has 3 rows: test fraction 0.16666666666666666 leaves 1 test"))
        .isEqualTo("data set x has 3 rows: test fraction 0.166667 leaves 1 test");
    // Short decimals, integers, indices and names stay as they are.
    String plain = "rewards[0][1]: 1.0E307 times horizon 100, found -1.0 at v1.2.3";
    assertThat(ErrorMessages.readableNumbers(plain)).isEqualTo(plain);
    assertThat(ErrorMessages.readableNumbers("p 0.30000000000000004 and 1.2345678901e-5"))
        .isEqualTo("p 0.3 and 1.23457e-5");
  }

  @Test
  void onlyALeadingFieldFollowedByColonOrMustIsRenamed() {
    CommandLine.Model.CommandSpec spec =
        VarlCommand.newCommandLine()
            .getSubcommands()
            .get("vae")
            .getSubcommands()
            .get("train")
            .getCommandSpec();
    assertThat(ErrorMessages.optionNames("iwaeK: 7 needs 3 GiB", spec))
        .isEqualTo("--iwae-k: 7 needs 3 GiB");
    assertThat(ErrorMessages.optionNames("batchSize must be >= 1, found 0", spec))
        .isEqualTo("--batch-size must be >= 1, found 0");
    // "data set ..." is a sentence about the data, not the --data option.
    assertThat(ErrorMessages.optionNames("data set x has 3 rows", spec))
        .isEqualTo("data set x has 3 rows");
    assertThat(ErrorMessages.optionNames("states: must be >= 1", spec))
        .isEqualTo("states: must be >= 1");
  }

  /** Every registered section, in the tour's order: the list the messages must give. */
  private static final String SECTIONS =
      String.join(
          ", ",
          org.varl.cli.tour.TourRegistry.sections().stream()
              .map(org.varl.cli.tour.TourSection::id)
              .toList());

  @Test
  void unknownTourSectionsListTheValidOnes() {
    Run r = varl("tour", "--only", "bogus", "--out", dir.resolve("t").toString());
    assertThat(r)
        .isEqualTo(
            new Run(2, "", "varl tour: --only: unknown section \"bogus\"; valid: " + SECTIONS));
    String help = varl("tour", "--help").out().replaceAll("\\s+", " ");
    assertThat(help).contains(SECTIONS);
  }

  private Run irl(Path demos) {
    return varl(
        "control",
        "irl",
        "--size",
        "4",
        "--iterations",
        "1",
        "--demos",
        demos.toString(),
        "--out",
        dir.resolve("irl").toString());
  }

  private Path mdp() {
    try {
      return Files.writeString(
          dir.resolve("mdp.json"),
          "{\"states\": 2, \"actions\": 1, \"transitions\": [[0,0,1,1],[1,0,1,1]],"
              + " \"rewards\": [[0],[1]], \"initial\": [1,0]}");
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
