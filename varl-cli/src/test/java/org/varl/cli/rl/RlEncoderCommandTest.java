package org.varl.cli.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.CliRun;

/** {@code varl rl train --encoder vae:RUN} (and its refit) end to end, in-process, short runs. */
class RlEncoderCommandTest {

  @TempDir Path dir;

  private static int run(StringWriter err, String... args) {
    return CliRun.run(err, args);
  }

  private static String[] train(Path out, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "rl",
                "train",
                "--env",
                "pendulum-pixels",
                "--image-size",
                "16",
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
                "1"));
    a.addAll(List.of(extra));
    a.add("--out");
    a.add(out.toString());
    return a.toArray(String[]::new);
  }

  private Path vae() {
    Path replay = dir.resolve("replay");
    Path vae = dir.resolve("vae");
    StringWriter err = new StringWriter();
    assertThat(
            run(
                err,
                "rl",
                "collect",
                "--steps",
                "300",
                "--image-size",
                "16",
                "--out",
                replay.toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            run(
                err,
                "vae",
                "train",
                "--data",
                "replay:" + replay,
                "--arch",
                "conv",
                "--latent",
                "2",
                "--hidden",
                "16",
                "--epochs",
                "1",
                "--threads",
                "1",
                "--out",
                vae.toString()))
        .as(err.toString())
        .isZero();
    return vae;
  }

  @Test
  void sacOnTheLatentsTrainsEvaluatesAndRefits() throws Exception {
    Path vae = vae();
    Path run = dir.resolve("z");
    StringWriter err = new StringWriter();
    assertThat(run(err, train(run, "--encoder", "vae:" + vae))).as(err.toString()).isZero();
    String spec = Files.readString(run.resolve("observation.json"));
    assertThat(spec).contains("\"image_size\": 16", "\"latent\": 2", "vae:" + vae.toAbsolutePath());
    assertThat(
            run(
                err,
                "rl",
                "eval",
                "--model",
                run.toString(),
                "--episodes",
                "1",
                "--out",
                dir.resolve("e").toString()))
        .as(err.toString())
        .isZero();
    // the run acts as a collection policy, through its encoder
    assertThat(
            run(
                err,
                "rl",
                "collect",
                "--policy",
                run.toString(),
                "--image-size",
                "16",
                "--steps",
                "50",
                "--out",
                dir.resolve("c").toString()))
        .as(err.toString())
        .isZero();
    StringWriter size = new StringWriter();
    assertThat(
            run(
                size,
                "rl",
                "collect",
                "--policy",
                run.toString(),
                "--steps",
                "50",
                "--out",
                dir.resolve("c2").toString()))
        .isEqualTo(2);
    assertThat(size.toString()).contains("sees frames of 16x16, --image-size is 32");
    // the agent saw 3 x 2 latents: a VAE run whose latent differs is refused at evaluation
    Files.writeString(
        run.resolve("observation.json"), spec.replace("\"latent\": 2", "\"latent\": 3"));
    StringWriter bad = new StringWriter();
    assertThat(
            run(
                bad,
                "rl",
                "eval",
                "--model",
                run.toString(),
                "--out",
                dir.resolve("e2").toString()))
        .isEqualTo(2);
    assertThat(bad.toString()).contains("latent size is 2 per frame, the agent was trained on 3");
    assertThat(dir.resolve("e2")).doesNotExist();

    Path refit = dir.resolve("refit");
    err = new StringWriter();
    assertThat(run(err, train(refit, "--encoder", "vae:" + vae, "--encoder-refit-every", "150")))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(refit.resolve("encoder-vae/refit.txt"))).startsWith("round 2 loss");
    assertThat(refit.resolve("encoder-vae/checkpoint.bin")).exists();
    assertThat(Files.readString(refit.resolve("observation.json")))
        .contains("vae:" + refit.resolve("encoder-vae").toAbsolutePath());
  }

  @Test
  void badEncodersAreOneLineExitTwoAndWriteNothing() {
    Path vae = vae();
    Path out = dir.resolve("out");
    String[][] bad = {
      train(out, "--encoder", "vae:" + dir.resolve("none")),
      train(out, "--encoder", "conv2d"),
      {
        "rl",
        "train",
        "--env",
        "pendulum-pixels",
        "--encoder",
        "vae:" + vae,
        "--out",
        out.toString()
      },
      {"rl", "train", "--env", "pendulum", "--encoder", "vae:" + vae, "--out", out.toString()},
      {"rl", "train", "--env", "pendulum", "--image-size", "16", "--out", out.toString()},
      train(out, "--encoder-refit-every", "100"),
      train(out, "--encoder", "vae:" + vae, "--encoder-refit-every", "-1"),
      {"rl", "train", "--env", "acrobot-pixels", "--out", out.toString()},
    };
    for (String[] args : bad) {
      StringWriter err = new StringWriter();
      assertThat(run(err, args)).as(String.join(" ", args) + ": " + err).isEqualTo(2);
      assertThat(err.toString().strip().split("\n")).as(err.toString()).hasSize(1);
      assertThat(out).doesNotExist();
    }
    StringWriter err = new StringWriter();
    run(
        err,
        "rl",
        "train",
        "--env",
        "pendulum-pixels",
        "--encoder",
        "vae:" + vae,
        "--out",
        out.toString());
    assertThat(err.toString())
        .contains("the VAE reads frames of 1x16x16, the environment renders 1x32x32");
  }
}
