package org.varl.cli.imitation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import picocli.CommandLine;

/**
 * {@code varl imitation train|eval|compare} in-process, on small budgets: the files each writes,
 * that eval.json agrees with rollouts.csv, and every bad input of issue 12 as exit 2 with one line
 * and nothing written.
 */
class ImitationCommandsTest {

  @TempDir static Path shared;
  static Path demos;
  static Path cvae;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(out));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @BeforeAll
  static void demosAndAModel() {
    demos = shared.resolve("demos");
    Run r = run("imitation", "demos", "--episodes", "40", "--out", demos.toString());
    assertThat(r.code()).as(r.err()).isZero();
    cvae = shared.resolve("cvae");
    r =
        run(
            "imitation",
            "train",
            "--policy",
            "cvae",
            "--demos",
            demos.toString(),
            "--steps",
            "60",
            "--out",
            cvae.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void trainWritesTheModelItsMetricsAndItsLossCurve() throws Exception {
    assertThat(names(cvae)).containsExactly("loss.png", "metrics.csv", "model.ckpt", "model.json");
    List<String> metrics = Files.readAllLines(cvae.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("step,train/loss,train/reconstruction,train/kl");
    assertThat(metrics).hasSize(61);
    JsonNode model = new ObjectMapper().readTree(cvae.resolve("model.json").toFile());
    assertThat(model.path("policy").asText()).isEqualTo("cvae");
    assertThat(model.path("obstacles").asInt()).isEqualTo(1);
  }

  @Test
  void evalJsonCountsTheOutcomesOfRolloutsCsv(@TempDir Path dir) throws Exception {
    for (String z : List.of("per-episode", "per-step", "zero")) {
      Path out = dir.resolve(z);
      Run r =
          run(
              "imitation",
              "eval",
              "--model",
              cvae.toString(),
              "--episodes",
              "12",
              "--z",
              z,
              "--out",
              out.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(names(out)).containsExactly("eval.json", "rollouts.csv", "rollouts.png");
      JsonNode e = new ObjectMapper().readTree(out.resolve("eval.json").toFile());
      assertThat(e.path("z").asText()).isEqualTo(z);
      List<String> lines = Files.readAllLines(out.resolve("rollouts.csv"));
      assertThat(lines.get(0)).isEqualTo("episode,step,x,y,dx,dy,outcome");
      // the outcome of each episode's last line, counted, gives the three rates
      int[] counts = new int[3];
      String[] last = new String[12];
      for (String line : lines.subList(1, lines.size())) {
        String[] c = line.split(",");
        last[Integer.parseInt(c[0])] = c[6];
      }
      for (String o : last) {
        counts[List.of("success", "collision", "timeout").indexOf(o)]++;
      }
      assertThat(e.path("success_rate").asDouble()).isEqualTo(counts[0] / 12.0);
      assertThat(e.path("collision_rate").asDouble()).isEqualTo(counts[1] / 12.0);
      assertThat(e.path("timeout_rate").asDouble()).isEqualTo(counts[2] / 12.0);
      assertThat(e.path("episodes").asInt()).isEqualTo(12);
    }
  }

  @Test
  void compareWritesATableRowPerPolicyZAndSeed(@TempDir Path dir) throws Exception {
    Run r =
        run(
            "imitation",
            "compare",
            "--demos",
            demos.toString(),
            "--policies",
            "bc-gaussian,cvae",
            "--z",
            "per-episode,zero",
            "--seeds",
            "2",
            "--episodes",
            "5",
            "--steps",
            "30",
            "--out",
            dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(names(dir))
        .containsExactly("compare.csv", "compare.md", "compare.png", "latents.png");
    List<String> csv = Files.readAllLines(dir.resolve("compare.csv"));
    // 2 seeds x (bc-gaussian + cvae x 2 z choices)
    assertThat(csv).hasSize(1 + 2 * 3);
    assertThat(csv.get(0)).startsWith("policy,z,seed,").endsWith(",mode_0,mode_1");
    String md = Files.readString(dir.resolve("compare.md"));
    assertThat(md)
        .contains("| expert (scripted) |")
        .contains("| bc-gaussian |")
        .contains("| cvae z per-episode |")
        .contains("| cvae z zero |");
  }

  private static void assertRefused(Run r, Path out, String... fragments) throws Exception {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(fragments);
    assertThat(Files.exists(out) ? names(out) : List.of()).isEmpty();
  }

  @Test
  void badDemosAreRefusedWithOneLineAndNothingWritten(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    String header = "episode,step,x,y,dx,dy,mode\n";
    String json = "{\"obstacles\": 1}";
    Object[][] cases = {
      {"episode,step,x,y,dx,mode\n0,0,0,0,0,0\n", json, "missing column 'dy'"},
      {header + "0,0,0,abc,0,0,0\n", json, "line 2 column y", "'abc'"},
      {header + "0,0,0,NaN,0,0,0\n", json, "line 2 column y", "'NaN'"},
      {header + "0,0,0,0,0,0,2\n", json, "line 2 column mode", "found 2"},
      {header, json, "holds no rows"},
      {header + "0,0,0,0,0,0,0\n", "{\"obstacles\": 3}", "obstacles must be 1 or 2, found 3"},
      {header + "0,0,0,0,0,0,0\n", "{not json", "demos.json: not JSON"},
    };
    for (int i = 0; i < cases.length; i++) {
      Path d = Files.createDirectories(dir.resolve("d" + i));
      Files.writeString(d.resolve("demos.csv"), (String) cases[i][0]);
      Files.writeString(d.resolve("demos.json"), (String) cases[i][1]);
      String[] fragments = new String[cases[i].length - 2];
      for (int k = 2; k < cases[i].length; k++) {
        fragments[k - 2] = (String) cases[i][k];
      }
      assertRefused(
          run("imitation", "train", "--demos", d.toString(), "--out", out.toString()),
          out,
          fragments);
    }
    Path noJson = Files.createDirectories(dir.resolve("nojson"));
    Files.writeString(noJson.resolve("demos.csv"), header + "0,0,0,0,0,0,0\n");
    assertRefused(
        run("imitation", "train", "--demos", noJson.toString(), "--out", out.toString()),
        out,
        "demos.json: missing");
  }

  @Test
  void badOptionsAndBadModelsAreRefused(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    assertRefused(
        run(
            "imitation",
            "train",
            "--policy",
            "gail",
            "--demos",
            demos.toString(),
            "--out",
            out.toString()),
        out,
        "policy must be one of",
        "'gail'");
    assertRefused(
        run(
            "imitation",
            "eval",
            "--model",
            cvae.toString(),
            "--z",
            "mean",
            "--out",
            out.toString()),
        out,
        "z must be one of",
        "'mean'");
    assertRefused(
        run(
            "imitation",
            "eval",
            "--model",
            cvae.toString(),
            "--episodes",
            "0",
            "--out",
            out.toString()),
        out,
        "episodes",
        "0");
    assertRefused(
        run(
            "imitation",
            "compare",
            "--demos",
            demos.toString(),
            "--episodes",
            "-3",
            "--out",
            out.toString()),
        out,
        "episodes",
        "-3");
    assertRefused(
        run(
            "imitation",
            "train",
            "--demos",
            demos.toString(),
            "--latent",
            "0",
            "--out",
            out.toString()),
        out,
        "latent",
        "0");
    // a corrupt checkpoint, a model.json naming another family, a missing model
    Path corrupt = copy(cvae, dir.resolve("corrupt"));
    Files.write(corrupt.resolve("model.ckpt"), new byte[] {1, 2, 3});
    assertRefused(
        run("imitation", "eval", "--model", corrupt.toString(), "--out", out.toString()),
        out,
        "model.ckpt");
    Path other = copy(cvae, dir.resolve("other"));
    Files.writeString(
        other.resolve("model.json"),
        Files.readString(other.resolve("model.json")).replace("\"cvae\"", "\"bc-mse\""));
    assertRefused(
        run("imitation", "eval", "--model", other.toString(), "--out", out.toString()),
        out,
        "model.ckpt");
    assertRefused(
        run(
            "imitation",
            "eval",
            "--model",
            dir.resolve("none").toString(),
            "--out",
            out.toString()),
        out,
        "model.json: missing");
  }

  private static Path copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    for (String n : names(from)) {
      Files.copy(from.resolve(n), to.resolve(n));
    }
    return to;
  }
}
