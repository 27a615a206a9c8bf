package org.varl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.common.ErrorMessagesTest.Run;
import org.varl.core.engine.MemoryBudget;

/**
 * Sizes that cannot fit or cannot end (issue 9): each is refused before any allocation or work with
 * one line naming the option, the value and, for memory, the estimate and the heap limit; they
 * ended in OutOfMemoryError traces, engine exceptions or runs with no end.
 */
class SizesTest {

  @TempDir Path dir;

  static final String LIMIT =
      "above the heap limit of "
          + MemoryBudget.format(Runtime.getRuntime().maxMemory())
          + " (Runtime.maxMemory()); reduce it or raise -Xmx";

  static Run varl(String... args) {
    return ErrorMessagesTest.varl(args);
  }

  @Test
  void amortizationPointsAreEstimatedBeforeAllocating() {
    Path out = dir.resolve("a");
    Run r = varl("vi", "amortization", "--points", "2000000000", "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("varl vi amortization: --points: 2000000000 needs an estimated ")
        .contains(" TiB for the data, the per-point posteriors and the final ELBO's draws, ")
        .endsWith(LIMIT);
    assertThat(Files.exists(out.resolve("metrics.json"))).isFalse();
  }

  @Test
  void sampledTrajectoriesAreEstimatedBeforeSampling() {
    // Was an OutOfMemoryError after solving both backups.
    Run gw =
        varl(
            "control",
            "gridworld",
            "--size",
            "4",
            "--samples",
            "2000000000",
            "--out",
            dir.resolve("g").toString());
    assertThat(gw.code()).isEqualTo(2);
    assertThat(gw.err())
        .startsWith("varl control gridworld: --samples: 2000000000 needs an estimated ")
        .contains(" GiB for the sampled trajectories of one policy (16 steps each), ")
        .endsWith(LIMIT);
    Run irl =
        varl(
            "control",
            "irl",
            "--size",
            "4",
            "--num-demos",
            "2000000000",
            "--out",
            dir.resolve("i").toString());
    assertThat(irl.code()).isEqualTo(2);
    assertThat(irl.err())
        .startsWith("varl control irl: --num-demos: 2000000000 needs an estimated ")
        .endsWith(LIMIT);
  }

  @Test
  void estimatorSamplesAreBoundedByTheirWork() {
    Run r = varl("vi", "estimators", "--samples", "100000000", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "varl vi estimators: --samples must be <= 1000000 (21 estimators x that many"
                + " single-draw gradients, about 1 ms each, already take hours), found 100000000");
  }

  @Test
  void shapesCountIsEstimatedAgainstTheHeap() {
    // 2,000,000 sprites need about 17.8 GiB: refused unless the test JVM was given more.
    assumeThat(Runtime.getRuntime().maxMemory()).isLessThan(17L << 30);
    Run r =
        varl(
            "vae",
            "train",
            "--data",
            "shapes",
            "--shapes-count",
            "2000000",
            "--out",
            dir.resolve("v").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("varl vae train: --shapes-count: 2000000 needs an estimated 17.")
        .contains("GiB for the sprites, their train/test split and their tensors, ")
        .endsWith(LIMIT);
  }

  @Test
  void trainedRunCommandsRefuseSizesAndNameTheWrongIndex() throws Exception {
    Path run = dir.resolve("run");
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream bars = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
    System.setErr(new PrintStream(bars, true, StandardCharsets.UTF_8));
    try {
      Run iwae =
          varl(
              "vae",
              "train",
              "--data",
              "shapes",
              "--shapes-count",
              "300",
              "--estimator",
              "iwae",
              "--iwae-k",
              "100000000",
              "--out",
              run.toString());
      assertThat(iwae.code()).isEqualTo(2);
      assertThat(iwae.err())
          .startsWith("varl vae train: --iwae-k: 100000000 needs an estimated ")
          .contains(" TiB for one IWAE step on a batch of 128 (K x batch decoder rows), ")
          .endsWith(LIMIT);
      assertThat(Files.exists(run.resolve("checkpoint.bin"))).isFalse();

      String[] train = {
        "vae",
        "train",
        "--data",
        "shapes",
        "--shapes-count",
        "300",
        "--hidden",
        "16",
        "--latent",
        "2",
        "--threads",
        "1",
        "--epochs",
        "1",
        "--out",
        run.toString()
      };
      assertThat(varl(train).code()).isZero();
      String model = run.toString();
      Run from = varl("vae", "interpolate", "--model", model, "--from", "5000");
      assertThat(from)
          .isEqualTo(
              new Run(
                  2,
                  "",
                  "varl vae interpolate: --from: test image index must be in [0, 50) (the run's"
                      + " test set has 50 images), found 5000"));
      assertThat(varl("vae", "interpolate", "--model", model, "--to", "-1").err())
          .startsWith("varl vae interpolate: --to: test image index must be in [0, 50)");
      Run steps = varl("vae", "interpolate", "--model", model, "--steps", "2000000000");
      assertThat(steps.code()).isEqualTo(2);
      assertThat(steps.err())
          .startsWith("varl vae interpolate: --steps: 2000000000 needs an estimated ")
          .contains(" TiB for the decoded images and the figure, ")
          .endsWith(LIMIT);
      assertThat(Files.exists(run.resolve("interpolation.png"))).isFalse();

      Run k = varl("vae", "eval", "--model", model, "--k", "100000000");
      assertThat(k.code()).isEqualTo(2);
      assertThat(k.err()).startsWith("varl vae eval: --k must be <= 1000000 (K decoder passes");

      // eval shows its progress: one line per stage here (no terminal).
      bars.reset();
      assertThat(varl("vae", "eval", "--model", model, "--k", "20", "--examples", "10").code())
          .isZero();
      if (Progress.defaultMode() == Progress.Mode.LINE) {
        assertThat(bars.toString(StandardCharsets.UTF_8).lines().toList())
            .anySatisfy(l -> assertThat(l).startsWith("vae eval: test ELBO: 50/50 draws in "))
            .anySatisfy(
                l -> assertThat(l).startsWith("vae eval: log p(x), K = 20: 200/200 draws in "));
        assertThat(bars.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
      }
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }
}
