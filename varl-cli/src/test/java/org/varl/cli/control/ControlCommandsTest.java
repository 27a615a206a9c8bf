package org.varl.cli.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import org.varl.control.ControlAsInference;
import org.varl.control.FiniteHorizonSolution;
import org.varl.control.InferenceConfig;
import org.varl.control.MdpJson;
import picocli.CommandLine;

class ControlCommandsTest {
  private static final String MDP =
      """
      {"states": 3, "actions": 2,
       "transitions": [[0, 0, 0, 1], [0, 1, 1, 0.5], [0, 1, 2, 0.5], [1, 0, 1, 1], [1, 1, 2, 1],
                       [2, 0, 2, 1], [2, 1, 0, 0.25], [2, 1, 0, 0.75]],
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

  private Path mdpFile(String json) throws Exception {
    Path f = dir.resolve("mdp.json");
    Files.writeString(f, json);
    return f;
  }

  /** Exit 2, one line on stderr containing {@code message}, and no output file. */
  private void assertInputError(Path output, String message, String... args) {
    Run r = varl(args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).contains(message).doesNotContain("\n");
    assertThat(Files.exists(output)).as("no output on bad input").isFalse();
  }

  @Test
  void solveWritesAllMessages() throws Exception {
    Path mdp = mdpFile(MDP);
    Path out = dir.resolve("result.json");
    Run r =
        varl(
            "control",
            "solve",
            "--mdp",
            mdp.toString(),
            "--horizon",
            "4",
            "--temperature",
            "0.5",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.get("Q").size()).isEqualTo(4);
    assertThat(json.get("Q").get(0).size()).isEqualTo(3);
    assertThat(json.get("Q").get(0).get(0).size()).isEqualTo(2);
    assertThat(json.get("policy").get(3).get(2).size()).isEqualTo(2);
    for (String key : new String[] {"V", "forward", "marginals", "visitation"}) {
      assertThat(json.get(key).size()).as(key).isEqualTo(4);
      assertThat(json.get(key).get(0).size()).as(key).isEqualTo(3);
    }
    FiniteHorizonSolution expected =
        ControlAsInference.solve(
            MdpJson.parse(MDP, false), InferenceConfig.of(4).withTemperature(0.5));
    assertThat(json.get("V").get(1).get(2).asDouble()).isCloseTo(expected.v()[1][2], offset(1e-12));
    assertThat(json.get("marginals").get(2).get(1).asDouble())
        .isCloseTo(expected.marginals().orElseThrow()[2][1], offset(1e-12));
    assertThat(json.get("marginalsNote").asText()).contains("posterior p(s_t | O_{0:T-1})");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void solveMarginalsAreTheVisitationForMaxentAndNullForExactWithDiscount() throws Exception {
    String mdp = mdpFile(MDP).toString();
    Path maxent = dir.resolve("maxent.json");
    assertThat(
            varl(
                    "control",
                    "solve",
                    "--mdp",
                    mdp,
                    "--horizon",
                    "4",
                    "--backup",
                    "maxent",
                    "--discount",
                    "0.9",
                    "--out",
                    maxent.toString())
                .code())
        .isZero();
    JsonNode m = new ObjectMapper().readTree(maxent.toFile());
    assertThat(m.get("marginals")).isEqualTo(m.get("visitation"));
    assertThat(m.get("marginalsNote").asText()).contains("variational posterior", "visitation");

    Path exact = dir.resolve("exact.json");
    assertThat(
            varl(
                    "control",
                    "solve",
                    "--mdp",
                    mdp,
                    "--horizon",
                    "4",
                    "--discount",
                    "0.9",
                    "--out",
                    exact.toString())
                .code())
        .isZero();
    JsonNode e = new ObjectMapper().readTree(exact.toFile());
    assertThat(e.has("marginals")).isTrue();
    assertThat(e.get("marginals").isNull()).isTrue();
    assertThat(e.get("marginalsNote").asText()).startsWith("undefined").contains("discount 0.9");
    assertThat(e.get("visitation").size()).isEqualTo(4);

    Path inf = dir.resolve("inf.json");
    assertThat(
            varl(
                    "control",
                    "solve",
                    "--mdp",
                    mdp,
                    "--horizon",
                    "inf",
                    "--discount",
                    "0.9",
                    "--backup",
                    "maxent",
                    "--out",
                    inf.toString())
                .code())
        .isZero();
    JsonNode i = new ObjectMapper().readTree(inf.toFile());
    assertThat(i.get("marginals").isNull()).isTrue();
    assertThat(i.get("marginalsNote").asText()).startsWith("undefined").contains("--horizon inf");
  }

  @Test
  void solveInfiniteHorizon() throws Exception {
    Path mdp = mdpFile(MDP);
    Path out = dir.resolve("inf.json");
    Run r =
        varl(
            "control",
            "solve",
            "--mdp",
            mdp.toString(),
            "--horizon",
            "inf",
            "--discount",
            "0.9",
            "--backup",
            "maxent",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.get("V").size()).isEqualTo(3);
    assertThat(json.get("Q").get(2).size()).isEqualTo(2);
    assertThat(json.get("residual").asDouble()).isLessThanOrEqualTo(1e-10);
    assertThat(json.get("iterations").asInt()).isPositive();
    assertThat(json.get("backup").asText()).isEqualTo("maxent");
  }

  @Test
  void solveInfiniteHorizonThatStopsShortSaysSoAndExits1() throws Exception {
    Path out = dir.resolve("short.json");
    Run r =
        varl(
            "control",
            "solve",
            "--mdp",
            mdpFile(MDP).toString(),
            "--horizon",
            "inf",
            "--discount",
            "0.99",
            "--max-iterations",
            "5",
            "--out",
            out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .contains("not converged after 5 iterations", "--max-iterations")
        .doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.get("converged").asBoolean()).isFalse();
    assertThat(json.get("residual").asDouble()).isGreaterThan(1e-10);
  }

  @Test
  void solveRejectsBadInputWithExitCode2AndNoOutput() throws Exception {
    Path out = dir.resolve("bad.json");
    String m = mdpFile(MDP).toString();
    String o = out.toString();
    assertInputError(
        out,
        "temperature: must be finite and > 0, found 0.0",
        "control",
        "solve",
        "--mdp",
        m,
        "--horizon",
        "3",
        "--temperature",
        "0",
        "--out",
        o);
    assertInputError(
        out,
        "horizon: must be >= 1 or inf, found 0",
        "control",
        "solve",
        "--mdp",
        m,
        "--horizon",
        "0",
        "--out",
        o);
    assertInputError(
        out,
        "discount: must be in (0, 1], found 1.5",
        "control",
        "solve",
        "--mdp",
        m,
        "--horizon",
        "3",
        "--discount",
        "1.5",
        "--out",
        o);
    assertInputError(
        out,
        "discount: horizon inf needs discount < 1, found 1.0",
        "control",
        "solve",
        "--mdp",
        m,
        "--horizon",
        "inf",
        "--out",
        o);
    assertInputError(
        out,
        "backup: expected exact or maxent, found hard",
        "control",
        "solve",
        "--mdp",
        m,
        "--horizon",
        "3",
        "--backup",
        "hard",
        "--out",
        o);
    assertInputError(
        out,
        "mdp: file not found",
        "control",
        "solve",
        "--mdp",
        dir.resolve("missing.json").toString(),
        "--horizon",
        "3",
        "--out",
        o);
    String malformed =
        mdpFile(MDP.replace("\"initial\": [1, 0, 0]", "\"initial\": [1, 0 0]")).toString();
    assertInputError(
        out,
        "malformed JSON at line 5, column",
        "control",
        "solve",
        "--mdp",
        malformed,
        "--horizon",
        "3",
        "--out",
        o);
    String nan = mdpFile(MDP.replace("[1, 1, 2, 1]", "[1, 1, 2, NaN]")).toString();
    assertInputError(
        out,
        "transitions[4]: probability must be finite and >= 0, found NaN",
        "control",
        "solve",
        "--mdp",
        nan,
        "--horizon",
        "3",
        "--out",
        o);
    String unnormalized = mdpFile(MDP.replace("[0, 1, 2, 0.5]", "[0, 1, 2, 0.25]")).toString();
    assertInputError(
        out,
        "transitions: row P(.|s=0,a=1) sums to 0.75 (tolerance 1e-9); use --normalize",
        "control",
        "solve",
        "--mdp",
        unnormalized,
        "--horizon",
        "3",
        "--out",
        o);
    assertThat(
            varl(
                    "control",
                    "solve",
                    "--mdp",
                    unnormalized,
                    "--horizon",
                    "3",
                    "--normalize",
                    "--out",
                    o)
                .code())
        .isZero();
    assertThat(Files.exists(out)).isTrue();
  }

  @Test
  void solveHelpShowsDefaults() {
    Run r = varl("control", "solve", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--temperature", "default: 1.0", "--backup", "default: exact", "--normalize");
    assertThat(varl("control", "--help").out()).contains("solve", "gridworld", "irl");
  }

  @Test
  void gridworldWritesFiguresAndMetrics() throws Exception {
    Path out = dir.resolve("gw");
    Run r =
        varl(
            "control",
            "gridworld",
            "--size",
            "4",
            "--temperatures",
            "0.5,2",
            "--horizon",
            "8",
            "--samples",
            "100",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    for (String f :
        new String[] {
          "values-alpha-0.5.png",
          "values-alpha-2.png",
          "marginals-alpha-0.5.png",
          "marginals-alpha-2.png",
          "metrics.json",
          "metrics.csv"
        }) {
      assertThat(out.resolve(f)).as(f).isNotEmptyFile();
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(json.get("temperatures").get(0).get("optimism_min").asDouble())
        .isGreaterThanOrEqualTo(-1e-12);
    assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(1 + 2 * 2 * 8);

    Path map = dir.resolve("map.txt");
    Files.writeString(map, "S..#\n.L.G\n");
    Path mapOut = dir.resolve("map-out");
    assertThat(
            varl(
                    "control",
                    "gridworld",
                    "--map",
                    map.toString(),
                    "--temperatures",
                    "1",
                    "--samples",
                    "10",
                    "--out",
                    mapOut.toString())
                .code())
        .isZero();
    assertThat(mapOut.resolve("values-alpha-1.png")).isNotEmptyFile();
  }

  @Test
  void gridworldBadInput() throws Exception {
    Path out = dir.resolve("gw-bad");
    assertInputError(
        out,
        "temperatures[1]: must be finite and > 0, found -1.0",
        "control",
        "gridworld",
        "--size",
        "4",
        "--temperatures",
        "1,-1",
        "--out",
        out.toString());
    Path map = dir.resolve("bad-map.txt");
    Files.writeString(map, "S.X\n");
    assertInputError(
        out,
        "map: line 1, column 3: unknown cell 'X'",
        "control",
        "gridworld",
        "--map",
        map.toString(),
        "--out",
        out.toString());
    Run both =
        varl(
            "control",
            "gridworld",
            "--size",
            "4",
            "--map",
            map.toString(),
            "--out",
            out.toString());
    assertThat(both.code()).isEqualTo(2);
  }

  @Test
  void irlLearnsAndPlots() throws Exception {
    Path out = dir.resolve("irl");
    Run r =
        varl(
            "control",
            "irl",
            "--size",
            "5",
            "--num-demos",
            "60",
            "--horizon",
            "12",
            "--iterations",
            "20",
            "--out",
            out.toString(),
            "--seed",
            "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(out.resolve("reward.png")).isNotEmptyFile();
    assertThat(out.resolve("learning-curve.png")).isNotEmptyFile();
    JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(json.get("learned_weights").size()).isEqualTo(3);
    JsonNode objective = json.get("objective");
    assertThat(objective.get(objective.size() - 1).asDouble())
        .isGreaterThan(objective.get(0).asDouble());
    // The written demonstrations can be fed back.
    Path again = dir.resolve("irl-again");
    assertThat(
            varl(
                    "control",
                    "irl",
                    "--size",
                    "5",
                    "--demos",
                    out.resolve("demos.json").toString(),
                    "--iterations",
                    "3",
                    "--out",
                    again.toString())
                .code())
        .isZero();
    assertThat(again.resolve("metrics.json")).isNotEmptyFile();
  }

  @Test
  void irlBadInput() throws Exception {
    Path out = dir.resolve("irl-bad");
    assertInputError(
        out,
        "demos: file not found",
        "control",
        "irl",
        "--demos",
        dir.resolve("none.json").toString(),
        "--out",
        out.toString());
    Path demos = dir.resolve("demos.json");
    Files.writeString(demos, "{\"trajectories\": [[[0, 7]]]}");
    assertInputError(
        out,
        "trajectories[0][0]: action 7 out of range [0, 5)",
        "control",
        "irl",
        "--demos",
        demos.toString(),
        "--out",
        out.toString());
    assertInputError(
        out,
        "lr: must be finite and > 0, found 0.0",
        "control",
        "irl",
        "--lr",
        "0",
        "--out",
        out.toString());
  }
}
