package org.varl.cli.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.cli.CliRun;
import org.varl.core.engine.EngineSetup;
import org.varl.models.ssm.ReplaySequences;
import org.varl.models.ssm.SequenceData;

/**
 * {@code varl ssm train --data replay:DIR} and {@code varl ssm predict} in-process on a tiny
 * pixel-Pendulum replay (frame stack 1): the files, the baseline's numbers against the frames, and
 * bad inputs as one line, exit 2, nothing written.
 */
class SsmPixelCommandsTest {

  @TempDir static Path shared;
  @TempDir Path dir;
  static Path replay;
  static Path model;

  private static CliRun.Result run(String... args) {
    return CliRun.capture(args);
  }

  /**
   * {@code ssm train} of the shared small RSSM (windows of 20, dim-z 3, h_t of 8, hidden 16, batch
   * 4) on the replay, {@code steps} steps into {@code out}, with {@code extra} options.
   */
  private static CliRun.Result train(Path out, int steps, String... extra) {
    List<String> args = new ArrayList<>(List.of("ssm", "train", "--data", "replay:" + replay));
    args.addAll(List.of(extra));
    args.addAll(
        List.of(
            "--window",
            "20",
            "--rssm",
            "--deterministic",
            "8",
            "--dim-z",
            "3",
            "--hidden",
            "16",
            "--steps",
            Integer.toString(steps),
            "--batch-size",
            "4",
            "--out",
            out.toString()));
    return run(args.toArray(String[]::new));
  }

  @BeforeAll
  static void replayAndModel() {
    EngineSetup.threads(1);
    replay = shared.resolve("replay");
    CliRun.Result r =
        run(
            "rl",
            "collect",
            "--env",
            "pendulum-pixels",
            "--frame-stack",
            "1",
            "--image-size",
            "16",
            "--steps",
            "600",
            "--seed",
            "2",
            "--out",
            replay.toString());
    assertThat(r.code()).as(r.err()).isZero();
    model = shared.resolve("model");
    r = train(model, 20);
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void trainOnReplayRecordsTheDataAndTheBernoulliDecoder() throws Exception {
    JsonNode runJson = new ObjectMapper().readTree(model.resolve("run.json").toFile());
    assertThat(runJson.get("dataSpec").asText()).isEqualTo("replay:" + replay.toAbsolutePath());
    assertThat(runJson.get("length").asInt()).isEqualTo(20);
    // 3 episodes of 200 steps, 10 windows each; 20% held out
    assertThat(runJson.get("trainSequences").asInt()).isEqualTo(24);
    assertThat(runJson.get("model").get("likelihood").asText()).isEqualTo("BERNOULLI");
    assertThat(runJson.get("model").get("dimX").asInt()).isEqualTo(256);
    assertThat(Files.readAllLines(model.resolve("metrics.csv"))).hasSize(21);
  }

  @Test
  void resumeOnReplayKeepsTheRunsWindowsAndEqualsAnUninterruptedRun() throws Exception {
    Path part = dir.resolve("part");
    CliRun.Result r = train(part, 8);
    assertThat(r.code()).as(r.err()).isZero();
    // no --window: the run's 20, not the default 32
    r =
        run(
            "ssm",
            "train",
            "--data",
            "replay:" + replay,
            "--steps",
            "20",
            "--resume",
            part.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(part.resolve("metrics.csv")))
        .isEqualTo(Files.readAllLines(model.resolve("metrics.csv")));
  }

  @Test
  void predictWritesTheCurvesTheProbeAndTheStrip() throws Exception {
    Path out = dir.resolve("pred");
    CliRun.Result r =
        run(
            "ssm",
            "predict",
            "--model",
            model.toString(),
            "--context",
            "5",
            "--horizon",
            "10",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("prediction.csv"));
    assertThat(csv.get(0)).isEqualTo("horizon,model_mse,last_frame_mse");
    assertThat(csv).hasSize(11);
    // the repeated-frame baseline by hand on the held-out windows of 15 steps
    SequenceData held = ReplaySequences.read(replay, 15, 2).data().heldOut();
    for (int k : new int[] {1, 10}) {
      double sum = 0;
      for (int s = 0; s < held.sequences(); s++) {
        double[][] o = held.observations(s);
        for (int j = 0; j < held.dimX(); j++) {
          double d = o[4 + k][j] - o[4][j];
          sum += d * d;
        }
      }
      double expected = sum / ((double) held.sequences() * held.dimX());
      assertThat(Double.parseDouble(csv.get(k).split(",")[2])).isCloseTo(expected, within(1e-12));
      assertThat(Double.parseDouble(csv.get(k).split(",")[1])).isBetween(0.0, 1.0);
    }
    JsonNode j = new ObjectMapper().readTree(out.resolve("prediction.json").toFile());
    assertThat(j.get("sequences").asInt()).isEqualTo(held.sequences());
    assertThat(j.get("context").asInt()).isEqualTo(5);
    assertThat(j.get("horizon").asInt()).isEqualTo(10);
    assertThat(j.get("vae_baseline").asText()).startsWith("skipped");
    // 256 Bernoulli pixels: an ELBO per step between the untrained model's (about -256 log 2) and 0
    assertThat(j.get("heldout_elbo_per_step").asDouble()).isBetween(-256 * Math.log(2), 0.0);
    assertThat(j.get("probe_z").has("theta_dot")).isTrue();
    assertThat(j.get("probe_belief").has("cos_theta")).isTrue();
    assertThat(Files.size(out.resolve("prediction.png"))).isPositive();
  }

  @Test
  void predictWithAVaeAddsItsBaseline() throws Exception {
    Path vae = dir.resolve("vae");
    CliRun.Result v =
        run(
            "vae",
            "train",
            "--data",
            "replay:" + replay,
            "--arch",
            "mlp",
            "--latent",
            "2",
            "--hidden",
            "16",
            "--epochs",
            "1",
            "--out",
            vae.toString());
    assertThat(v.code()).as(v.err()).isZero();
    Path out = dir.resolve("pred");
    CliRun.Result r =
        run(
            "ssm",
            "predict",
            "--model",
            model.toString(),
            "--context",
            "5",
            "--horizon",
            "10",
            "--vae",
            vae.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("prediction.csv"));
    assertThat(csv.get(0)).isEqualTo("horizon,model_mse,last_frame_mse,vae_mse");
    // no dynamics: the VAE's prediction is the same frame at every horizon step, so its error
    // against frame 5 + k differs from the last frame's only by the reconstruction
    assertThat(Double.parseDouble(csv.get(3).split(",")[3])).isBetween(0.0, 1.0);
    JsonNode j = new ObjectMapper().readTree(out.resolve("prediction.json").toFile());
    assertThat(j.get("vae_mse_mean").isNumber()).isTrue();
  }

  @Test
  void sacTrainsOnTheBeliefAndEvaluatesFromObservationJson() throws Exception {
    Path out = dir.resolve("sac");
    CliRun.Result r =
        run(
            "rl",
            "train",
            "--algo",
            "sac",
            "--env",
            "pendulum-pixels",
            "--image-size",
            "16",
            "--frame-stack",
            "1",
            "--encoder",
            "ssm:" + model,
            "--steps",
            "200",
            "--hidden",
            "16",
            "--batch-size",
            "32",
            "--learning-starts",
            "50",
            "--eval-every",
            "100",
            "--eval-episodes",
            "1",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode spec = new ObjectMapper().readTree(out.resolve("observation.json").toFile());
    assertThat(spec.get("encoder").asText()).isEqualTo("ssm:" + model.toAbsolutePath());
    // the belief: z (3) and h (8)
    assertThat(spec.get("latent").asInt()).isEqualTo(11);
    CliRun.Result e = run("rl", "eval", "--model", out.toString(), "--episodes", "1");
    assertThat(e.code()).as(e.err()).isZero();
    // the belief agent acts in rl collect through its own environment; the frames are recorded
    Path collected = dir.resolve("collected");
    CliRun.Result c =
        run(
            "rl",
            "collect",
            "--env",
            "pendulum-pixels",
            "--image-size",
            "16",
            "--frame-stack",
            "1",
            "--policy",
            out.toString(),
            "--steps",
            "250",
            "--out",
            collected.toString());
    assertThat(c.code()).as(c.err()).isZero();
    ReplaySequences back = ReplaySequences.read(collected, 50, 2);
    // 200 steps of episode 0 and 50 of episode 1
    assertThat(back.data().sequences()).isEqualTo(5);
    Path bad = dir.resolve("sac-bad");
    assertBad(
        bad,
        "the model reads observations of 256 values, the environment's have 768 (3x16x16)",
        "rl",
        "train",
        "--algo",
        "sac",
        "--env",
        "pendulum-pixels",
        "--image-size",
        "16",
        "--frame-stack",
        "3",
        "--encoder",
        "ssm:" + model,
        "--steps",
        "200",
        "--out",
        bad.toString());
    assertBad(
        bad,
        "no checkpoint.bin",
        "rl",
        "train",
        "--algo",
        "sac",
        "--env",
        "pendulum-pixels",
        "--frame-stack",
        "1",
        "--encoder",
        "ssm:" + dir.resolve("nothing"),
        "--steps",
        "200",
        "--out",
        bad.toString());
  }

  @Test
  void convRunTrainsPredictsAndFeedsSacThroughTheBelief() throws Exception {
    Path conv = dir.resolve("conv");
    CliRun.Result r = train(conv, 10, "--arch", "conv");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode runJson = new ObjectMapper().readTree(conv.resolve("run.json").toFile());
    assertThat(runJson.get("arch").asText()).isEqualTo("conv");
    assertThat(runJson.get("model").get("architecture").asText()).isEqualTo("CONV");
    assertThat(runJson.get("model").get("height").asInt()).isEqualTo(16);
    assertThat(runJson.get("model").get("channels").asInt()).isEqualTo(1);
    // the mlp run of the same data records mlp
    JsonNode mlpJson = new ObjectMapper().readTree(model.resolve("run.json").toFile());
    assertThat(mlpJson.get("arch").asText()).isEqualTo("mlp");

    Path pred = dir.resolve("conv-pred");
    r =
        run(
            "ssm",
            "predict",
            "--model",
            conv.toString(),
            "--context",
            "5",
            "--horizon",
            "10",
            "--out",
            pred.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(pred.resolve("prediction.json").toFile());
    assertThat(j.get("arch").asText()).isEqualTo("conv");
    assertThat(j.get("model_mse_mean").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("heldout_elbo_per_step").asDouble()).isBetween(-256 * Math.log(2) * 1.5, 0.0);
    assertThat(j.get("probe_belief").has("theta_dot")).isTrue();

    Path sac = dir.resolve("conv-sac");
    r =
        run(
            "rl",
            "train",
            "--algo",
            "sac",
            "--env",
            "pendulum-pixels",
            "--image-size",
            "16",
            "--frame-stack",
            "1",
            "--encoder",
            "ssm:" + conv,
            "--steps",
            "120",
            "--hidden",
            "16",
            "--batch-size",
            "32",
            "--learning-starts",
            "50",
            "--eval-every",
            "120",
            "--eval-episodes",
            "1",
            "--out",
            sac.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode spec = new ObjectMapper().readTree(sac.resolve("observation.json").toFile());
    assertThat(spec.get("latent").asInt()).isEqualTo(11);

    Path bad = dir.resolve("conv-bad");
    assertBad(
        bad,
        "--arch conv needs frames: --data replay:DIR (a directory of varl rl collect), found"
            + " 'csv:x.csv'",
        "ssm",
        "train",
        "--data",
        "csv:x.csv",
        "--arch",
        "conv",
        "--out",
        bad.toString());
    assertBad(
        bad,
        "arch must be mlp or conv, found 'resnet'",
        "ssm",
        "train",
        "--data",
        "replay:" + replay,
        "--arch",
        "resnet",
        "--out",
        bad.toString());
    // an mlp run cannot be resumed as conv: the run keeps its own architecture
    assertBad(
        bad,
        "--arch is not honoured with --resume",
        "ssm",
        "train",
        "--data",
        "replay:" + replay,
        "--arch",
        "conv",
        "--steps",
        "30",
        "--resume",
        model.toString(),
        "--out",
        bad.toString());
  }

  /** Exit 2, one line containing {@code expected}, and {@code out} empty or absent. */
  private static void assertBad(Path out, String expected, String... args) throws Exception {
    CliRun.Result r = run(args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(expected);
    if (Files.exists(out)) {
      try (Stream<Path> left = Files.list(out)) {
        assertThat(left).as("nothing written").isEmpty();
      }
    }
  }

  @Test
  void badInputsAreOneLineExitTwoAndWriteNothing() throws Exception {
    Path out = dir.resolve("out");
    String m = model.toString();
    assertBad(
        out,
        "holds 0 windows of 205 steps inside an episode (longest episode 200 steps), at least 2"
            + " are needed; --context 5 + --horizon 200 is too long",
        "ssm",
        "predict",
        "--model",
        m,
        "--horizon",
        "200",
        "--out",
        out.toString());
    assertBad(
        out,
        "does not exist",
        "ssm",
        "predict",
        "--model",
        m,
        "--data",
        "replay:" + dir.resolve("nope"),
        "--out",
        out.toString());
    assertBad(
        out,
        "--data must be replay:DIR",
        "ssm",
        "predict",
        "--model",
        m,
        "--data",
        "csv:x.csv",
        "--out",
        out.toString());
    assertBad(
        out,
        "--context must be",
        "ssm",
        "predict",
        "--model",
        m,
        "--context",
        "0",
        "--out",
        out.toString());
    assertBad(
        out,
        "does not exist; write one with `varl rl collect",
        "ssm",
        "train",
        "--data",
        "replay:" + dir.resolve("nope"),
        "--out",
        out.toString());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertBad(
        out,
        "has no replay.json (not written by varl rl collect?)",
        "ssm",
        "train",
        "--data",
        "replay:" + empty,
        "--out",
        out.toString());
    assertBad(
        out,
        "holds 0 windows of 300 steps",
        "ssm",
        "train",
        "--data",
        "replay:" + replay,
        "--window",
        "300",
        "--out",
        out.toString());
    assertBad(
        out,
        "likelihood must be gaussian or bernoulli, found 'poisson'",
        "ssm",
        "train",
        "--data",
        "replay:" + replay,
        "--likelihood",
        "poisson",
        "--out",
        out.toString());
    Path truncated = dir.resolve("truncated");
    Files.createDirectories(truncated);
    for (String f : new String[] {"replay.json", "steps.csv", "states.csv"}) {
      Files.copy(replay.resolve(f), truncated.resolve(f));
    }
    byte[] frames = Files.readAllBytes(replay.resolve("frames-idx3-ubyte"));
    Files.write(
        truncated.resolve("frames-idx3-ubyte"), java.util.Arrays.copyOf(frames, frames.length - 7));
    assertBad(
        out, "truncated", "ssm", "train", "--data", "replay:" + truncated, "--out", out.toString());
  }
}
