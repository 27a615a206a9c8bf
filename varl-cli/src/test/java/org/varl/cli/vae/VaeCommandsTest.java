package org.varl.cli.vae;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.models.vae.MetricsCsv;
import picocli.CommandLine;

/** The vae subcommands end to end, in-process, on a few hundred generated sprites. */
class VaeCommandsTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void trainResumeEvaluateAndDraw(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    StringWriter err = new StringWriter();
    String[] train = {
      "vae",
      "train",
      "--data",
      "shapes",
      "--shapes-count",
      "600",
      "--hidden",
      "32",
      "--latent",
      "3",
      "--batch-size",
      "32",
      "--lr",
      "3e-3",
      "--threads",
      "1",
      "--epochs",
      "1",
      "--out",
      run.toString()
    };
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    try {
      assertThat(run(err, train)).as(err.toString()).isZero();
      train[train.length - 3] = "2";
      String[] resume = java.util.Arrays.copyOf(train, train.length + 2);
      resume[resume.length - 2] = "--resume";
      resume[resume.length - 1] = run.toString();
      assertThat(run(err, resume)).as(err.toString()).isZero();
      assertThat(
              run(err, "vae", "eval", "--model", run.toString(), "--k", "50", "--examples", "20"))
          .isZero();
      assertThat(run(err, "vae", "sample", "--model", run.toString(), "--count", "16")).isZero();
      assertThat(
              run(
                  err,
                  "vae",
                  "reconstruct",
                  "--model",
                  run.toString(),
                  "--count",
                  "6",
                  "--columns",
                  "4"))
          .isZero();
      assertThat(run(err, "vae", "latent", "--model", run.toString(), "--examples", "100"))
          .isZero();
      assertThat(run(err, "vae", "interpolate", "--model", run.toString(), "--steps", "5"))
          .isZero();
    } finally {
      System.setOut(stdout);
    }
    String out = captured.toString();
    assertThat(out)
        .contains("epoch 1 train_loss ")
        .contains("epoch 2 train_loss ")
        .contains("probe R^2 x");
    assertThat(MetricsCsv.read(run.resolve("metrics.csv"))).hasSize(2);
    for (String f :
        new String[] {
          "config.json",
          "checkpoint.bin",
          "eval.json",
          "samples.png",
          "reconstructions.png",
          "latent.png",
          "interpolation.png"
        }) {
      assertThat(run.resolve(f)).as(f).exists();
    }
    assertThat(Files.readString(run.resolve("eval.json"))).contains("\"logLikelihood\"");
  }

  @Test
  void badInputExitsTwoWithOneLine(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    Path out = dir.resolve("out");
    assertThat(
            run(
                err,
                "vae",
                "train",
                "--data",
                "shapes",
                "--shapes-count",
                "300",
                "--lr",
                "-1",
                "--out",
                out.toString()))
        .isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("varl vae train: lr must be > 0 and finite, found -1.0");
    assertThat(out).doesNotExist();

    err.getBuffer().setLength(0);
    assertThat(
            run(
                err,
                "vae",
                "train",
                "--data",
                "shapes",
                "--estimator",
                "reinforce",
                "--out",
                out.toString()))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("estimator must be pathwise, score or iwae, found 'reinforce'");

    err.getBuffer().setLength(0);
    Files.createDirectories(dir.resolve("junk"));
    Files.writeString(dir.resolve("junk/checkpoint.bin"), "not a checkpoint");
    assertThat(run(err, "vae", "eval", "--model", dir.resolve("junk").toString())).isEqualTo(2);
    assertThat(err.toString().lines().count()).isEqualTo(1);
    assertThat(err.toString()).contains("is not a varl checkpoint (bad magic number)");
  }

  @Test
  void tourSectionReportsFiguresAndComputedFindings(@TempDir Path dir) throws Exception {
    TourResult r = new VaeTourSection().run(new TourContext(dir, 1));
    assertThat(r.figures())
        .extracting(TourResult.Figure::file)
        .containsExactly(
            "losses.png", "samples.png", "reconstructions.png", "interpolation.png", "latent.png");
    for (TourResult.Figure f : r.figures()) {
      assertThat(dir.resolve(f.file())).exists();
    }
    assertThat(r.findings())
        .anySatisfy(f -> assertThat(f).startsWith("Latent space: linear-probe R^2"));
    assertThat(r.findings().get(0))
        .matches("Training: test -ELBO fell from [0-9.]+ to [0-9.]+ nats .*");
  }
}
