package org.varl.cli.vae;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import org.varl.cli.tour.TourContext;
import org.varl.cli.tour.TourResult;
import org.varl.models.vae.MetricsCsv;
import org.varl.models.vae.VaeCheckpoint;
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
      // Resume names only what it reads: the new total, the threads, the run (no --out: in place).
      String[] resume = {
        "vae", "train", "--epochs", "2", "--threads", "1", "--resume", run.toString()
      };
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
        .isEqualTo("varl vae train: --lr must be > 0 and finite, found -1.0");
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

  /**
   * With --resume every option the resumed run does not read is a usage error naming it (it used to
   * be ignored silently); --out is then optional, and a train without both is refused.
   */
  @Test
  void resumeRefusesOptionsItDoesNotHonourAndNeedsNoOut(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    StringWriter err = new StringWriter();
    String[] small = {
      "--shapes-count", "300", "--hidden", "16", "--latent", "2", "--batch-size", "32"
    };
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
    try {
      String[] train = {"vae", "train", "--epochs", "1", "--threads", "1", "--out", run.toString()};
      assertThat(run(err, concat(train, small))).as(err.toString()).isZero();
      byte[] before = Files.readAllBytes(run.resolve("checkpoint.bin"));
      String[][] ignored = {
        {"--lr", "1e-2"},
        {"--latent", "7"},
        {"--seed", "9"},
        {"--shapes-count", "300"},
        {"--hidden", "16"},
        {"--batch-size", "64"},
        {"--beta", "2"},
        {"--estimator", "iwae"},
        {"--binarize"},
        {"--data-dir", dir.toString()}
      };
      for (String[] option : ignored) {
        err.getBuffer().setLength(0);
        String[] args = {"vae", "train", "--epochs", "2", "--resume", run.toString()};
        assertThat(run(err, concat(args, option))).as(option[0]).isEqualTo(2);
        assertThat(err.toString().strip())
            .isEqualTo(
                "varl vae train: "
                    + option[0]
                    + " is not honoured with --resume: the run's own value is used (omit "
                    + option[0]
                    + ", or train a new run without --resume)");
      }
      assertThat(Files.readAllBytes(run.resolve("checkpoint.bin"))).isEqualTo(before);

      // The run's own --data and the options it reads are accepted; no --out resumes in place.
      err.getBuffer().setLength(0);
      String[] resume = {
        "vae",
        "train",
        "--data",
        "shapes",
        "--epochs",
        "2",
        "--threads",
        "1",
        "--device",
        "cpu",
        "--resume",
        run.toString()
      };
      assertThat(run(err, resume)).as(err.toString()).isZero();
      assertThat(MetricsCsv.read(run.resolve("metrics.csv"))).hasSize(2);

      // Without --resume, --out is required.
      err.getBuffer().setLength(0);
      assertThat(run(err, "vae", "train", "--epochs", "1")).isEqualTo(2);
      assertThat(err.toString()).contains("Missing required option: '--out=DIR'");
    } finally {
      System.setOut(stdout);
    }
  }

  /**
   * A run trained with --threads 1 and resumed without --threads continues with its own thread
   * count, so it equals the uninterrupted --threads 1 run bit for bit. Before, the resume took the
   * option's default (2), which splits each batch into two shards and changes the float rounding:
   * the sweep's "1 epoch + resume 1 differs from 2 epochs" (test loss 64.442326 vs 64.442328). An
   * explicit other --threads is honoured with a one-line warning.
   */
  @Test
  void resumeKeepsTheRunsThreadCountUnlessGiven(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    String[] small = {
      "--shapes-count", "300", "--hidden", "16", "--latent", "2", "--batch-size", "32"
    };
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
    System.setErr(new PrintStream(warnings, true));
    try {
      for (String[] r :
          new String[][] {
            {"straight-1", "2", "1"},
            {"straight-2", "2", "2"},
            {"split", "1", "1"},
            {"fork", "1", "1"}
          }) {
        String[] train = {
          "vae", "train", "--epochs", r[1], "--threads", r[2], "--out", dir.resolve(r[0]).toString()
        };
        assertThat(run(err, concat(train, small))).as(err.toString()).isZero();
      }
      assertThat(
              run(
                  err,
                  "vae",
                  "train",
                  "--epochs",
                  "2",
                  "--resume",
                  dir.resolve("split").toString()))
          .as(err.toString())
          .isZero();
      assertThat(warnings.toString()).doesNotContain("warning");
      assertThat(
              run(
                  err,
                  "vae",
                  "train",
                  "--epochs",
                  "2",
                  "--threads",
                  "2",
                  "--resume",
                  dir.resolve("fork").toString()))
          .as(err.toString())
          .isZero();
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    List<float[]> one = parameters(dir.resolve("straight-1"));
    List<float[]> two = parameters(dir.resolve("straight-2"));
    List<float[]> resumed = parameters(dir.resolve("split"));
    // The thread count matters (else this test could not fail), and the resume kept the run's own.
    assertThat(IntStream.range(0, one.size()).allMatch(i -> Arrays.equals(one.get(i), two.get(i))))
        .isFalse();
    for (int i = 0; i < one.size(); i++) {
      assertThat(resumed.get(i)).as("parameter %d", i).containsExactly(one.get(i));
    }
    assertThat(VaeCheckpoint.read(dir.resolve("split/checkpoint.bin")).config().train().threads())
        .isEqualTo(1);
    assertThat(warnings.toString().lines().filter(l -> l.contains("warning")).toList())
        .containsExactly(
            "varl vae train: warning: --threads 2 differs from the run's 1: the batch is split"
                + " differently, so the continued run is not bit-identical to an uninterrupted one");
  }

  private static List<float[]> parameters(Path run) {
    return VaeCheckpoint.read(run.resolve("checkpoint.bin")).values();
  }

  /** A CSV edited after training: eval, sample and resume say so on stderr in one line. */
  @Test
  void editedTrainingDataIsReportedOnEvalSampleAndResume(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("points.csv");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      rows.append(i % 7 / 7.0).append(',').append(i % 5 / 5.0).append(',').append(i % 3 / 3.0);
      rows.append('\n');
    }
    Files.writeString(csv, rows);
    Path run = dir.resolve("run");
    StringWriter err = new StringWriter();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
    System.setErr(new PrintStream(warnings, true));
    try {
      String[] train = {
        "vae",
        "train",
        "--data",
        "csv:" + csv,
        "--hidden",
        "8",
        "--latent",
        "2",
        "--batch-size",
        "8",
        "--epochs",
        "1",
        "--threads",
        "1",
        "--out",
        run.toString()
      };
      assertThat(run(err, train)).as(err.toString()).isZero();
      assertThat(run(err, "vae", "eval", "--model", run.toString(), "--k", "5", "--examples", "2"))
          .isZero();
      assertThat(warnings.toString()).doesNotContain("warning");

      Files.writeString(csv, rows.toString().replaceFirst("0\\.0,", "0.5,"));
      assertThat(run(err, "vae", "eval", "--model", run.toString(), "--k", "5", "--examples", "2"))
          .as(err.toString())
          .isZero();
      assertThat(run(err, "vae", "sample", "--model", run.toString(), "--count", "4")).isZero();
      assertThat(
              run(
                  err,
                  "vae",
                  "train",
                  "--epochs",
                  "2",
                  "--threads",
                  "1",
                  "--resume",
                  run.toString()))
          .as(err.toString())
          .isZero();
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    // stderr also holds the progress bars (carriage-return lines): keep the warnings.
    java.util.List<String> lines =
        warnings.toString().lines().filter(l -> l.contains("warning")).toList();
    assertThat(lines).hasSize(3);
    String what = " changed since the run was trained (checksum sha256:";
    assertThat(lines.get(0)).startsWith("varl vae eval: warning: data csv:").contains(what);
    assertThat(lines.get(1)).startsWith("varl vae sample: warning: data csv:").contains(what);
    assertThat(lines.get(2)).startsWith("varl vae train: warning: data csv:").contains(what);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
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
