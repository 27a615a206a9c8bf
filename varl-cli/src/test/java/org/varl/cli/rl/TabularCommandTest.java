package org.varl.cli.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import org.varl.control.Backup;
import org.varl.control.InfiniteHorizonConfig;
import org.varl.control.MdpJson;
import org.varl.control.SoftValueIteration;
import org.varl.control.StationarySolution;
import picocli.CommandLine;

class TabularCommandTest {
  /** A 3-state MDP with one stochastic row (state 0, action 1), as in ControlCommandsTest. */
  private static final String MDP =
      """
      {"states": 3, "actions": 2,
       "transitions": [[0, 0, 0, 1], [0, 1, 1, 0.5], [0, 1, 2, 0.5], [1, 0, 1, 1], [1, 1, 2, 1],
                       [2, 0, 2, 1], [2, 1, 0, 1]],
       "rewards": [[0, -1], [1, 0], [2, -0.5]],
       "initial": [1, 0, 0]}
      """;

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run varl(String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void writesQTheConvergenceCsvAndThePlotForAnMdpFile() throws Exception {
    Path mdp = Files.writeString(dir.resolve("mdp.json"), MDP);
    Path out = dir.resolve("out");
    Run r =
        varl(
            "rl",
            "tabular",
            "--mdp",
            mdp.toString(),
            "--samples",
            "300000",
            "--alpha",
            "0.5",
            "--discount",
            "0.8",
            "--seed",
            "3",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.resolve("q.json").toFile());
    // "q" is [state][action] as control solve's "Q", and close to its maxent Q*.
    StationarySolution maxent =
        SoftValueIteration.solve(
            MdpJson.parse(MDP, false), InfiniteHorizonConfig.of(0.5, Backup.MAXENT, 0.8));
    assertThat(json.get("q").size()).isEqualTo(3);
    assertThat(json.get("q").get(0).size()).isEqualTo(2);
    for (int s = 0; s < 3; s++) {
      for (int a = 0; a < 2; a++) {
        assertThat(json.get("q").get(s).get(a).asDouble()).isCloseTo(maxent.q(s, a), offset(0.01));
        assertThat(json.get("qMaxent").get(s).get(a).asDouble())
            .isCloseTo(maxent.q(s, a), offset(1e-12));
      }
    }
    assertThat(json.get("samples").asLong()).isEqualTo(300_000);
    assertThat(json.get("seed").asLong()).isEqualTo(3);
    assertThat(json.get("backupGap").asDouble()).isPositive();
    assertThat(json.get("exactDistance").asDouble())
        .isGreaterThanOrEqualTo(json.get("exactLowerBound").asDouble());
    List<String> csv = Files.readAllLines(out.resolve("convergence.csv"));
    assertThat(csv.get(0))
        .isEqualTo("samples,max_abs_q_minus_qstar_maxent,max_abs_q_minus_qstar_exact");
    assertThat(csv.get(1)).startsWith("6,"); // one sweep of the 6 pairs
    assertThat(csv.get(csv.size() - 1)).startsWith("300000,");
    assertThat(out.resolve("convergence.png")).isNotEmptyFile();
    assertThat(r.out()).contains("max|Q - Q*_maxent|", "wrote q.json, convergence.csv");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("q.json", "convergence.csv", "convergence.png");
    }
  }

  @Test
  void theSameSeedWritesTheSameQ() throws Exception {
    String[] base = {"rl", "tabular", "--grid", "walls", "--samples", "50000", "--out"};
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertThat(varl(concat(base, a.toString())).code()).isZero();
    assertThat(varl(concat(base, b.toString())).code()).isZero();
    assertThat(Files.readString(b.resolve("q.json")))
        .isEqualTo(Files.readString(a.resolve("q.json")));
    assertThat(Files.readString(b.resolve("convergence.csv")))
        .isEqualTo(Files.readString(a.resolve("convergence.csv")));
  }

  private static String[] concat(String[] base, String last) {
    String[] all = java.util.Arrays.copyOf(base, base.length + 1);
    all[base.length] = last;
    return all;
  }

  /** Exit 2, one line on stderr naming the option and the value, nothing written. */
  private void assertInputError(String message, String... options) {
    Path out = dir.resolve("bad");
    String[] args = new String[options.length + 4];
    args[0] = "rl";
    args[1] = "tabular";
    System.arraycopy(options, 0, args, 2, options.length);
    args[options.length + 2] = "--out";
    args[options.length + 3] = out.toString();
    Run r = varl(args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).contains(message).doesNotContain("\n");
    assertThat(Files.exists(out)).as("nothing written on bad input").isFalse();
  }

  @Test
  void badInputIsExit2WithOneLineAndNothingWritten() throws Exception {
    assertInputError("--alpha: must be finite and > 0, found 0.0", "--alpha", "0");
    assertInputError("--alpha: must be finite and > 0, found -1.0", "--temperature", "-1");
    assertInputError("--discount: must be in (0, 1)", "--discount", "1");
    assertInputError("found 0.0", "--discount", "0");
    assertInputError("--samples must be >= 1, found 0", "--samples", "0");
    assertInputError("--step-exponent: must be in (0.5, 1]", "--step-exponent", "0.3");
    assertInputError("grid: expected slippery-N", "--grid", "maze");
    assertInputError("--slip: must be in [0, 1], found 2.0", "--slip", "2");
    assertInputError("mutually exclusive", "--grid", "walls", "--mdp", "x.json");
    assertInputError("no-such.json", "--mdp", dir.resolve("no-such.json").toString());
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"states\": 2");
    assertInputError("tabular", "--mdp", broken.toString());
  }

  @Test
  void helpListsTheDefaults() {
    Run r = varl("rl", "tabular", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--samples=N", "30000000", "--alpha", "--discount=G", "0.9", "--seed", "--out")
        .contains("slippery-N", "walls", "default: 0.75");
  }
}
