package org.varl.models.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.engine.EngineSetup;
import org.varl.core.optim.Adam;
import org.varl.testing.ResourceCounts;

/**
 * Frames as sequences: a replay directory cut into windows, the Bernoulli decoder, training on
 * frames, open-loop prediction that sees only the context.
 */
class PixelSequencesTest {

  static final int SIDE = 8;

  @TempDir static Path shared;
  @TempDir Path dir;
  static Path replay;

  @BeforeAll
  static void replay() throws IOException {
    EngineSetup.threads(1);
    replay = writeReplay(shared.resolve("replay"), new int[] {30, 25, 30, 30, 12}, 7);
  }

  /**
   * A replay directory in {@code varl rl collect}'s layout: a dot on a circle of radius 3 at angle
   * θ, θ_{t+1} = θ_t + ω_t, ω_{t+1} = ω_t + 0.1 a_t, a_t ~ U[−1, 1], one episode per length.
   */
  static Path writeReplay(Path d, int[] episodeLengths, long seed) throws IOException {
    Files.createDirectories(d);
    SplittableRandom r = new SplittableRandom(seed);
    int n = 0;
    for (int l : episodeLengths) {
      n += l;
    }
    byte[] pixels = new byte[n * SIDE * SIDE];
    StringBuilder steps = new StringBuilder("step,episode,action_0,reward,terminated,truncated\n");
    StringBuilder states = new StringBuilder("theta,theta_dot\n");
    int i = 0;
    for (int e = 0; e < episodeLengths.length; e++) {
      double theta = r.nextDouble(-Math.PI, Math.PI);
      double omega = r.nextDouble(-0.4, 0.4);
      for (int t = 0; t < episodeLengths[e]; t++, i++) {
        double cx = 3.5 + 3 * Math.sin(theta);
        double cy = 3.5 - 3 * Math.cos(theta);
        for (int y = 0; y < SIDE; y++) {
          for (int x = 0; x < SIDE; x++) {
            double dist = Math.hypot(x - cx, y - cy);
            double v = Math.max(0, Math.min(1, 1.5 - dist));
            pixels[i * SIDE * SIDE + y * SIDE + x] = (byte) Math.round(v * 255);
          }
        }
        double a = r.nextDouble(-1, 1);
        boolean last = t == episodeLengths[e] - 1;
        steps.append(
            String.format(
                Locale.ROOT, "%d,%d,%.6f,%.3f,false,%s%n", i, e, a, -1.0, last ? "true" : "false"));
        states.append(String.format(Locale.ROOT, "%.9f,%.9f%n", theta, omega));
        theta += omega;
        omega += 0.1 * a;
      }
    }
    try (DataOutputStream out =
        new DataOutputStream(Files.newOutputStream(d.resolve("frames-idx3-ubyte")))) {
      out.writeInt(0x00000803);
      out.writeInt(n);
      out.writeInt(SIDE);
      out.writeInt(SIDE);
      out.write(pixels);
    }
    Files.writeString(d.resolve("steps.csv"), steps.toString());
    Files.writeString(d.resolve("states.csv"), states.toString());
    Files.writeString(
        d.resolve("replay.json"),
        "{\"format\":\"varl-replay-1\",\"env\":\"test\",\"image_size\":"
            + SIDE
            + ",\"frame_stack\":1,\"steps\":"
            + n
            + ",\"episodes\":"
            + episodeLengths.length
            + "}");
    return d;
  }

  @Test
  void windowsStayInsideEpisodesAndCarryFramesActionsAndStates() throws IOException {
    ReplaySequences s = ReplaySequences.read(replay, 10, 2);
    // 30 -> 3 windows, 25 -> 2, 30 -> 3, 30 -> 3, 12 -> 1: remainders dropped
    assertThat(s.data().sequences()).isEqualTo(12);
    assertThat(s.data().length()).isEqualTo(10);
    assertThat(s.data().dimX()).isEqualTo(SIDE * SIDE);
    assertThat(s.data().dimA()).isEqualTo(1);
    assertThat(s.firstSteps()).containsExactly(0, 10, 20, 30, 40, 55, 65, 75, 85, 95, 105, 115);
    assertThat(s.stateNames()).containsExactly("cos_theta", "sin_theta", "theta", "theta_dot");
    byte[] raw = Files.readAllBytes(replay.resolve("frames-idx3-ubyte"));
    List<String> steps = Files.readAllLines(replay.resolve("steps.csv"));
    List<String> states = Files.readAllLines(replay.resolve("states.csv"));
    for (int w : new int[] {0, 4, 11}) {
      for (int t : new int[] {0, 9}) {
        int i = s.firstSteps()[w] + t;
        double[][] obs = s.data().observations(w);
        for (int j = 0; j < SIDE * SIDE; j++) {
          assertThat(obs[t][j]).isEqualTo((raw[16 + i * SIDE * SIDE + j] & 0xff) / 255.0f);
        }
        double action = Double.parseDouble(steps.get(i + 1).split(",")[2]);
        assertThat(s.data().actions(w)[t][0]).isEqualTo(action);
        double theta = Double.parseDouble(states.get(i + 1).split(",")[0]);
        assertThat(s.state(w, t)[0]).isCloseTo(Math.cos(theta), within(1e-12));
        assertThat(s.state(w, t)[2]).isEqualTo(theta);
      }
    }
  }

  @Test
  void badDirectoriesAreOneLine() throws IOException {
    assertThatThrownBy(() -> ReplaySequences.read(dir.resolve("none"), 10, 2))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> ReplaySequences.read(replay, 31, 2))
        .hasMessage(
            "replay directory "
                + replay
                + " holds 0 windows of 31 steps inside an episode (longest episode 30 steps), at"
                + " least 2 are needed; use a smaller --window or collect more steps");
    Path short1 = writeReplay(dir.resolve("short"), new int[] {5, 5}, 1);
    Files.writeString(short1.resolve("steps.csv"), "step,episode,action_0\n0,0,0.1\n");
    assertThatThrownBy(() -> ReplaySequences.read(short1, 2, 2))
        .hasMessageContaining("1 steps, expected one per frame (10)");
    Path bad = writeReplay(dir.resolve("bad"), new int[] {5, 5}, 1);
    List<String> lines = new ArrayList<>(Files.readAllLines(bad.resolve("steps.csv")));
    lines.set(3, "2,0,abc,-1,false,false");
    Files.write(bad.resolve("steps.csv"), lines);
    assertThatThrownBy(() -> ReplaySequences.read(bad, 2, 2))
        .hasMessageContaining("line 4 column action_0: 'abc' is not a number")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void bernoulliLikelihoodIsTheSumOverPixels() {
    SequenceData d = ReplaySequences.read(replay, 10, 2).data();
    SsmConfig c =
        SsmConfig.defaults(d.dimX(), 1).withHidden(8).withLikelihood(SsmLikelihood.BERNOULLI);
    try (NDManager m = NDManager.newBaseManager()) {
      SequenceModel model = SequenceModel.create(m, c, 3);
      assertThat(model.parameterNames()).doesNotContain("decoder.logVariance");
      float[] feat = {0.3f, -1.2f};
      float[] x = new float[d.dimX()];
      for (int j = 0; j < x.length; j++) {
        x[j] = (float) d.x()[j];
      }
      try (NDManager sub = m.newSubManager()) {
        float[] logits = model.decoderMean(sub.create(feat)).toFloatArray();
        double expected = 0;
        for (int j = 0; j < x.length; j++) {
          // x l − log(1 + e^l)
          expected += x[j] * logits[j] - Math.log1p(Math.exp(logits[j]));
        }
        double got = model.logLikelihood(sub.create(feat), sub.create(x)).getFloat();
        assertThat(got).isCloseTo(expected, within(1e-3 * Math.abs(expected)));
        float[] mean = model.observationMean(sub.create(feat)).toFloatArray();
        assertThat(mean[5]).isCloseTo((float) (1 / (1 + Math.exp(-logits[5]))), within(1e-6f));
      }
    }
  }

  @Test
  void shortTrainingOnFramesImprovesTheHeldOutElboAndPredictionSeesOnlyTheContext() {
    ReplaySequences s = ReplaySequences.read(replay, 10, 2);
    SequenceData all = s.data();
    SsmConfig c =
        SsmConfig.defaults(all.dimX(), 1)
            .withDimZ(3)
            .withHidden(32)
            .withDeterministic(8)
            .withLikelihood(SsmLikelihood.BERNOULLI);
    SsmTrainConfig tc = SsmTrainConfig.defaults().withSteps(150).withBatchSize(8);
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run untrained =
          SsmTrainer.train(m, c, tc.withSteps(0), all.train(), SsmTrainer.Listener.none());
      double before = mean(SequenceElbo.evaluate(m, untrained.model(), all.heldOut(), 4, 1)[0]);
      SsmTrainer.Run run = SsmTrainer.train(m, c, tc, all.train(), SsmTrainer.Listener.none());
      double after = mean(SequenceElbo.evaluate(m, run.model(), all.heldOut(), 4, 1)[0]);
      // 64 pixels, 10 steps: the untrained decoder's logits near 0 cost about 64 log 2 = 44 nats
      // per step; the trained one must recover at least a third of the way to 0.
      assertThat(before / 10).isLessThan(-35);
      assertThat(after).isGreaterThan(before * 2 / 3);

      SequenceData windows = ReplaySequences.read(replay, 10, 2).data();
      int m4 = s.stateNames().size();
      SsmPrediction.Result r =
          SsmPrediction.run(m, run.model(), windows, s.states(), m4, 4, 6, null);
      assertThat(r.modelMse()).hasSize(6);
      assertThat(r.predicted()).hasDimensions(12, 10);
      assertThat(r.probeBelief()).hasSize(4);
      // the last frame baseline by hand, horizon step 1 (t = 4 against t = 3)
      double sum = 0;
      for (int w = 0; w < 12; w++) {
        double[][] o = windows.observations(w);
        for (int j = 0; j < all.dimX(); j++) {
          sum += (o[4][j] - o[3][j]) * (o[4][j] - o[3][j]);
        }
      }
      assertThat(r.lastFrameMse()[0]).isCloseTo(sum / (12.0 * all.dimX()), within(1e-9));
      // blanking every frame after the context changes no prediction
      double[] x2 = windows.x().clone();
      for (int w = 0; w < 12; w++) {
        for (int t = 4; t < 10; t++) {
          for (int j = 0; j < all.dimX(); j++) {
            x2[(w * 10 + t) * all.dimX() + j] = 0;
          }
        }
      }
      SequenceData blank = new SequenceData(12, 10, all.dimX(), 1, x2, windows.a());
      SsmPrediction.Result r2 =
          SsmPrediction.run(m, run.model(), blank, s.states(), m4, 4, 6, null);
      for (int w = 0; w < 12; w++) {
        for (int t = 0; t < 10; t++) {
          assertThat(r2.predicted()[w][t]).containsExactly(r.predicted()[w][t]);
        }
      }
      // but the model's prediction must use the context: a blank context changes it
      double[] x3 = windows.x().clone();
      java.util.Arrays.fill(x3, 0, 4 * all.dimX(), 0.0);
      SsmPrediction.Result r3 =
          SsmPrediction.run(
              m,
              run.model(),
              new SequenceData(12, 10, all.dimX(), 1, x3, windows.a()),
              s.states(),
              m4,
              4,
              6,
              null);
      assertThat(r3.predicted()[0][9]).isNotEqualTo(r.predicted()[0][9]);
      ResourceCounts.assertFlatOver(
          m, 3, k -> SsmPrediction.run(m, run.model(), windows, s.states(), m4, 4, 6, null));
      Adam adam = run.adam();
      ResourceCounts.assertFlatOver(
          m, 10, k -> SsmTrainer.step(m, run.model(), tc, adam, all.train(), 200 + k));
    }
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
