package org.varl.cli.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.CliRun;

/** {@code varl rl collect} and {@code varl vae train --data replay:DIR}, in-process. */
class CollectCommandTest {

  @TempDir Path dir;

  private static int run(StringWriter err, String... args) {
    return CliRun.run(err, args);
  }

  private static String oneLine(StringWriter err) {
    String[] lines = err.toString().strip().split("\n");
    assertThat(lines).as(err.toString()).hasSize(1);
    return lines[0];
  }

  @Test
  void collectThenTrainAConvVaeOnTheFrames() throws Exception {
    Path replay = dir.resolve("replay");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "rl",
            "collect",
            "--env",
            "pendulum-pixels",
            "--steps",
            "300",
            "--image-size",
            "16",
            "--out",
            replay.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(replay.resolve("frames-idx3-ubyte")).exists();
    Path vae = dir.resolve("vae");
    err = new StringWriter();
    code =
        run(
            err,
            "vae",
            "train",
            "--data",
            "replay:" + replay,
            "--arch",
            "conv",
            "--latent",
            "4",
            "--hidden",
            "32",
            "--epochs",
            "1",
            "--batch-size",
            "64",
            "--threads",
            "1",
            "--out",
            vae.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readString(vae.resolve("config.json"))).contains("replay:");
  }

  @Test
  void badInputIsOneLineExitTwoAndWritesNothing() throws Exception {
    Path out = dir.resolve("out");
    String[][] bad = {
      {"rl", "collect", "--env", "acrobot", "--steps", "5", "--out", out.toString()},
      {"rl", "collect", "--env", "pendulum", "--steps", "5", "--out", out.toString()},
      {"rl", "collect", "--steps", "0", "--out", out.toString()},
      {"rl", "collect", "--image-size", "4", "--out", out.toString()},
      {"rl", "collect", "--frame-stack", "0", "--out", out.toString()},
      {"rl", "collect", "--policy", dir.resolve("none").toString(), "--out", out.toString()},
      {"vae", "train", "--data", "replay:" + dir.resolve("none"), "--out", out.toString()},
    };
    for (String[] args : bad) {
      StringWriter err = new StringWriter();
      assertThat(run(err, args)).as(String.join(" ", args) + ": " + err).isEqualTo(2);
      oneLine(err);
      assertThat(out).doesNotExist();
    }
    Path replay = dir.resolve("replay");
    StringWriter err = new StringWriter();
    assertThat(
            run(
                err,
                "rl",
                "collect",
                "--steps",
                "20",
                "--image-size",
                "16",
                "--out",
                replay.toString()))
        .isZero();
    Path frames = replay.resolve("frames-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(frames);
    Files.write(frames, java.util.Arrays.copyOf(bytes, 100));
    err = new StringWriter();
    assertThat(run(err, "vae", "train", "--data", "replay:" + replay, "--out", out.toString()))
        .isEqualTo(2);
    assertThat(oneLine(err)).contains("frames-idx3-ubyte", "truncated");
    assertThat(out).doesNotExist();
  }
}
