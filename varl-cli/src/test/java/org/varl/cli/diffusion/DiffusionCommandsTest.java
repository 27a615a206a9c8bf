package org.varl.cli.diffusion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import picocli.CommandLine;

/** The diffusion subcommands end to end, in-process, on a tiny run. */
class DiffusionCommandsTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void trainResumeSampleAndBound(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "diffusion",
            "train",
            "--data",
            "8gaussians",
            "--steps",
            "20",
            "--T",
            "50",
            "--batch-size",
            "32",
            "--log-every",
            "10",
            "--out",
            run.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(3);
    code = run(err, "diffusion", "train", "--resume", run.toString(), "--steps", "30");
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(4);
    code =
        run(
            err,
            "diffusion",
            "sample",
            "--model",
            run.toString(),
            "--count",
            "40",
            "--sampler",
            "ddim",
            "--steps",
            "10");
    assertThat(code).as(err.toString()).isZero();
    List<String> rows = Files.readAllLines(run.resolve("samples.csv"));
    assertThat(rows).hasSize(40);
    assertThat(rows.get(0).split(",")).hasSize(2);
    for (String f : new String[] {"samples.png", "trajectories.png", "quality.json"}) {
      assertThat(run.resolve(f)).exists();
    }
    code = run(err, "diffusion", "elbo", "--model", run.toString(), "--count", "30");
    assertThat(code).as(err.toString()).isZero();
    JsonNode elbo = new ObjectMapper().readTree(run.resolve("elbo.json").toFile());
    assertThat(elbo.get("neg_elbo").asDouble()).isGreaterThan(elbo.get("data_entropy").asDouble());
    assertThat(elbo.has("neg_elbo_se")).isTrue();
    // 50 terms L_0..L_49 and L_T, under a header.
    assertThat(Files.readAllLines(run.resolve("terms.csv"))).hasSize(52);
  }

  @Test
  void badInputIsOneLineExitTwoAndWritesNothing(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    String[][] bad = {
      {"diffusion", "train", "--data", "9gaussians", "--out", out.toString()},
      {"diffusion", "train", "--data", "moons", "--T", "0", "--out", out.toString()},
      {"diffusion", "train", "--data", "moons", "--schedule", "quadratic", "--out", out.toString()},
      {"diffusion", "train", "--data", "moons", "--loss", "elbo", "--out", out.toString()},
      {"diffusion", "sample", "--model", dir.resolve("none").toString()},
      {"diffusion"},
    };
    for (String[] args : bad) {
      StringWriter err = new StringWriter();
      assertThat(run(err, args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(Files.exists(out)).as(String.join(" ", args)).isFalse();
    }
    Path corrupt = dir.resolve("corrupt");
    Files.createDirectories(corrupt);
    Files.write(corrupt.resolve("checkpoint.bin"), new byte[] {9, 9, 9});
    StringWriter err = new StringWriter();
    assertThat(run(err, "diffusion", "elbo", "--model", corrupt.toString())).isEqualTo(2);
    assertThat(err.toString().strip()).doesNotContain("\n");
    assertThat(corrupt.resolve("elbo.json")).doesNotExist();
  }
}
