package org.varl.cli.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.VarlCommand;
import picocli.CommandLine;

/** {@code varl rl train} and {@code varl rl eval} end to end, in-process, on short runs. */
class RlTrainEvalCommandsTest {

  @TempDir Path dir;

  private static int run(StringWriter err, String... args) {
    CommandLine cl = VarlCommand.newCommandLine();
    cl.setErr(new PrintWriter(err));
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
    try {
      return cl.execute(args);
    } finally {
      System.setOut(stdout);
    }
  }

  /** The short run's options, {@code extra} (option, value pairs) replacing or adding to them. */
  private String[] train(Path out, String... extra) {
    java.util.LinkedHashMap<String, String> o = new java.util.LinkedHashMap<>();
    String[] base = {
      "--env",
      "pendulum",
      "--steps",
      "300",
      "--hidden",
      "16",
      "--batch-size",
      "32",
      "--learning-starts",
      "50",
      "--eval-every",
      "150",
      "--eval-episodes",
      "1"
    };
    for (int i = 0; i < base.length; i += 2) {
      o.put(base[i], base[i + 1]);
    }
    for (int i = 0; i < extra.length; i += 2) {
      o.put(extra[i], extra[i + 1]);
    }
    List<String> args = new java.util.ArrayList<>(List.of("rl", "train"));
    o.forEach(
        (k, v) -> {
          args.add(k);
          args.add(v);
        });
    args.add("--out");
    args.add(out.toString());
    return args.toArray(String[]::new);
  }

  @Test
  void trainResumeEvaluateAndDraw() throws Exception {
    Path runDir = dir.resolve("run");
    StringWriter err = new StringWriter();
    assertThat(run(err, train(runDir))).as(err.toString()).isZero();
    for (String f :
        List.of(
            "config.json",
            "metrics.csv",
            "checkpoint.bin",
            "learning_curve.png",
            "alpha_entropy.png",
            "pendulum_policy_value.png")) {
      assertThat(runDir.resolve(f)).as(f).isRegularFile();
    }
    List<String> metrics = Files.readAllLines(runDir.resolve("metrics.csv"));
    assertThat(metrics.get(0))
        .isEqualTo(
            "step,episode,episode_return,episode_length,eval_return_mean,eval_return_std,"
                + "critic_loss,actor_loss,alpha,entropy,updates_per_second");
    assertThat(run(err, "rl", "train", "--steps", "450", "--resume", runDir.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(runDir.resolve("metrics.csv"))).contains("\n450,");
    // A fork: the run continues in another directory and the original stays as it was.
    Path fork = dir.resolve("fork");
    String before = Files.readString(runDir.resolve("metrics.csv"));
    assertThat(
            run(
                err,
                "rl",
                "train",
                "--steps",
                "600",
                "--resume",
                runDir.toString(),
                "--out",
                fork.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(fork.resolve("metrics.csv"))).startsWith(before).contains("\n600,");
    assertThat(Files.readString(runDir.resolve("metrics.csv"))).isEqualTo(before);
    assertThat(
            run(err, "rl", "eval", "--model", runDir.toString(), "--episodes", "2", "--seed", "5"))
        .as(err.toString())
        .isZero();
    String json = Files.readString(runDir.resolve("eval.json"));
    assertThat(json).contains("\"returns\"").contains("\"mean\"").contains("\"std\"");
    // --resume takes only --steps, --threads and --out.
    StringWriter e2 = new StringWriter();
    assertThat(run(e2, "rl", "train", "--steps", "600", "--lr", "1", "--resume", runDir.toString()))
        .isEqualTo(2);
    assertThat(e2.toString()).as("stderr").contains("--lr is not honoured with --resume");
  }

  /**
   * {@code --encoder conv} end to end on the first registered image environment (none on main
   * before {@code pendulum-pixels}; the test is skipped until one is registered): train, the
   * checkpoint kind, resume, eval.
   */
  @Test
  void aPixelRunTrainsResumesAndEvaluates() throws Exception {
    String image = null;
    for (String name : org.varl.rl.env.Envs.names()) {
      if (org.varl.rl.train.Algorithms.imageShape(org.varl.rl.env.Envs.make(name)) != null) {
        image = name;
        break;
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(image != null, "no image environment registered");
    Path runDir = dir.resolve("pixels");
    StringWriter err = new StringWriter();
    String[] args =
        train(
            runDir,
            "--env",
            image,
            "--encoder",
            "conv",
            "--encoder-features",
            "8",
            "--steps",
            "120",
            "--eval-every",
            "60",
            "--batch-size",
            "16",
            "--buffer-size",
            "200",
            "--learning-starts",
            "40");
    assertThat(run(err, args)).as(err.toString()).isZero();
    org.varl.core.io.Checkpoint c =
        org.varl.core.io.Checkpoint.read(runDir.resolve("checkpoint.bin"), null);
    assertThat(c.kind()).isEqualTo("sac-conv");
    assertThat(Files.readString(runDir.resolve("config.json")))
        .contains("\"encoder\": \"conv\"")
        .contains("\"encoder_features\": 8");
    assertThat(run(err, "rl", "train", "--steps", "150", "--resume", runDir.toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            run(err, "rl", "eval", "--model", runDir.toString(), "--episodes", "1", "--seed", "5"))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(runDir.resolve("eval.json"))).contains("\"mean\"");
  }

  @Test
  void badInputIsOneLineExitTwoAndNothingWritten() throws Exception {
    String[][] cases = {
      {"--env", "acrobot"},
      {"--algo", "ppo"},
      {"--steps", "0"},
      {"--batch-size", "512", "--buffer-size", "256"},
      {"--alpha", "-1"},
      {"--gamma", "1.5"},
      {"--algo", "sac", "--env", "cartpole"},
      {"--encoder", "conv"},
      {"--encoder-features", "8"},
      {"--encoder", "conv", "--encoder-features", "0"},
      {"--encoder", "ae"},
    };
    String[] expected = {
      "env must be one of pendulum",
      "algo must be one of sac, soft-q, dqn, dsac, found 'ppo'",
      "steps must be >= 1, found 0",
      "batch-size must be <= buffer-size 256, found 512",
      "alpha must be >= 0 and finite, found -1",
      "gamma must be in (0, 1], found 1.5",
      "sac needs a continuous (Box) action space",
      "--encoder conv needs a pixel environment (pendulum-pixels, cartpole-pixels), found 'pendulum'",
      "encoder-features needs --encoder conv",
      "encoder-features must be >= 1, found 0",
      "encoder must be none, conv, vae:RUN or ssm:RUN, found 'ae'",
    };
    for (int i = 0; i < cases.length; i++) {
      Path out = dir.resolve("bad" + i);
      StringWriter err = new StringWriter();
      assertThat(run(err, train(out, cases[i]))).as(err.toString()).isEqualTo(2);
      assertThat(err.toString()).contains(expected[i]);
      assertThat(err.toString().strip().lines().count()).as(err.toString()).isEqualTo(1);
      assertThat(!Files.exists(out) || isEmpty(out)).as("nothing written for case " + i).isTrue();
    }
  }

  @Test
  void aTruncatedOrMissingCheckpointIsRefused() throws Exception {
    Path runDir = dir.resolve("run");
    StringWriter err = new StringWriter();
    assertThat(run(err, train(runDir, "--steps", "150"))).as(err.toString()).isZero();
    Path ck = runDir.resolve("checkpoint.bin");
    byte[] bytes = Files.readAllBytes(ck);
    Files.write(ck, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    StringWriter e1 = new StringWriter();
    assertThat(run(e1, "rl", "eval", "--model", runDir.toString())).isEqualTo(2);
    assertThat(e1.toString()).contains("corrupt or truncated");
    assertThat(runDir.resolve("eval.json")).doesNotExist();
    StringWriter e2 = new StringWriter();
    assertThat(run(e2, "rl", "train", "--steps", "300", "--resume", runDir.toString()))
        .isEqualTo(2);
    assertThat(e2.toString()).contains("corrupt or truncated");
    StringWriter e3 = new StringWriter();
    assertThat(run(e3, "rl", "eval", "--model", dir.resolve("none").toString())).isEqualTo(2);
    assertThat(e3.toString()).contains("no checkpoint at");
  }

  private static boolean isEmpty(Path d) throws java.io.IOException {
    try (var s = Files.list(d)) {
      return s.findAny().isEmpty();
    }
  }
}
