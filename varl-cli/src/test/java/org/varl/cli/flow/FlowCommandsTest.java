package org.varl.cli.flow;

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

class FlowCommandsTest {

  private record Run(int code, String err) {}

  private static Run run(String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    return new Run(cl.execute(args), err.toString());
  }

  @TempDir static Path dir;

  static Path model;

  @BeforeAll
  static void train() {
    model = dir.resolve("run");
    Run r =
        run(
            "flow",
            "train",
            "--steps",
            "60",
            "--batch-size",
            "64",
            "--log-every",
            "20",
            "--checkpoint-every",
            "20",
            "--out",
            model.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  static List<String> files(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void trainWritesTheRunAndResumeContinuesIt() throws Exception {
    assertThat(files(model)).contains("checkpoint.bin", "config.json", "metrics.csv");
    List<String> metrics = Files.readAllLines(model.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("step,train/loss,train/loss_ema,charts/steps_per_second");
    assertThat(metrics).hasSize(4);
    Path fork = dir.resolve("fork");
    Run r =
        run(
            "flow",
            "train",
            "--resume",
            model.toString(),
            "--steps",
            "80",
            "--out",
            fork.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(fork.resolve("metrics.csv"))).hasSize(5);

    // A setting the resumed run would not read is refused, not silently replaced.
    Path other = dir.resolve("other");
    Run refused =
        run(
            "flow",
            "train",
            "--resume",
            model.toString(),
            "--steps",
            "90",
            "--coupling",
            "ot",
            "--out",
            other.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err().strip())
        .contains("--coupling is not honoured with --resume")
        .doesNotContain("\n");
    assertThat(other).doesNotExist();
  }

  @Test
  void sampleNllAndQualityWriteTheirFiles() throws Exception {
    Path out = dir.resolve("eval");
    Run s =
        run(
            "flow",
            "sample",
            "--model",
            model.toString(),
            "--solver",
            "midpoint",
            "--nfe",
            "10",
            "--count",
            "300",
            "--out",
            out.toString());
    assertThat(s.code()).as(s.err()).isZero();
    List<String> rows = Files.readAllLines(out.resolve("samples.csv"));
    assertThat(rows.get(0)).isEqualTo("x1,x2");
    assertThat(rows).hasSize(301);
    assertThat(rows.get(1).split(",")).hasSize(2);
    assertThat(out.resolve("samples.png")).exists();

    Run n =
        run(
            "flow",
            "nll",
            "--model",
            model.toString(),
            "--points",
            "100",
            "--steps",
            "5",
            "--out",
            out.toString());
    assertThat(n.code()).as(n.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(out.resolve("nll.json").toFile());
    assertThat(j.get("nll").asDouble()).isFinite();
    assertThat(j.get("nll_se").asDouble()).isPositive();
    // 8gaussians' entropy: log 8 + log(2πe σ²) with σ = 0.5, separated modes (≈ 3.53 nats).
    assertThat(j.get("data_entropy").asDouble()).isBetween(3.4, 3.6);

    Path csv = out.resolve("points.csv");
    Files.writeString(csv, "a,b\n0.5,1\n4,0\n");
    Run c =
        run(
            "flow",
            "nll",
            "--model",
            model.toString(),
            "--csv",
            csv.toString(),
            "--out",
            dir.resolve("csv-nll").toString());
    assertThat(c.code()).as(c.err()).isZero();

    Run q =
        run(
            "flow",
            "quality",
            "--model",
            model.toString(),
            "--count",
            "200",
            "--solvers",
            "euler,rk4",
            "--out",
            out.toString());
    assertThat(q.code()).as(q.err()).isZero();
    List<String> quality = Files.readAllLines(out.resolve("quality.csv"));
    assertThat(quality.get(0)).isEqualTo("nfe,solver,energy_distance,sample_logp,straightness");
    // Euler at 8 NFEs, RK4 at the 6 that pay for a step (4 .. 100).
    assertThat(quality).hasSize(1 + 8 + 6);
    assertThat(out.resolve("quality.png")).exists();
  }

  @Test
  void badInputIsOneLineExitTwoAndWritesNothing() throws Exception {
    Path out = dir.resolve("bad");
    for (String[] args :
        new String[][] {
          {"flow", "sample", "--model", model.toString(), "--nfe", "0", "--out", out.toString()},
          {
            "flow",
            "sample",
            "--model",
            model.toString(),
            "--solver",
            "rk4",
            "--nfe",
            "3",
            "--out",
            out.toString()
          },
          {
            "flow",
            "sample",
            "--model",
            model.toString(),
            "--solver",
            "heun",
            "--out",
            out.toString()
          },
          {"flow", "train", "--coupling", "greedy", "--steps", "5", "--out", out.toString()},
          {"flow", "train", "--data", "spiral", "--steps", "5", "--out", out.toString()},
          {
            "flow",
            "nll",
            "--model",
            model.toString(),
            "--divergence",
            "trace",
            "--out",
            out.toString()
          },
          {"flow", "sample", "--model", dir.resolve("nothing").toString(), "--out", out.toString()},
        }) {
      Run r = run(args);
      assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(out).doesNotExist();
    }
    Path csv = dir.resolve("three.csv");
    Files.writeString(csv, "1,2,3\n4,5,6\n");
    Run r =
        run(
            "flow",
            "nll",
            "--model",
            model.toString(),
            "--csv",
            csv.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("has 3 columns, the model's dimension is 2");
    assertThat(out).doesNotExist();

    Path corrupt = dir.resolve("corrupt");
    Files.createDirectories(corrupt);
    byte[] bytes = Files.readAllBytes(model.resolve("checkpoint.bin"));
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(corrupt.resolve("checkpoint.bin"), bytes);
    Run k = run("flow", "sample", "--model", corrupt.toString(), "--out", out.toString());
    assertThat(k.code()).isEqualTo(2);
    assertThat(k.err()).contains("corrupt");
    assertThat(out).doesNotExist();
  }
}
