package org.varl.models.diffpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.engine.EngineSetup;
import org.varl.core.io.Checkpoint;
import org.varl.models.diffusion.NoiseSchedule;
import org.varl.models.diffusion.SinusoidalEmbedding;
import org.varl.testing.ResourceCounts;

/** The loss by hand, the bimodal toy, determinism, scoping and the checkpoint round trip. */
class DiffusionPolicyTest {

  /** One intra-op thread: the networks are small and the machine is shared (EngineSetup). */
  @BeforeAll
  static void oneThread() {
    EngineSetup.threads(1);
  }

  /** s ~ U[0, 1], a = ±1 + N(0, 0.05²) with equal probability: two modes, mean 0. */
  private static float[][] bimodal(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] s = new float[n];
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = (float) r.nextDouble();
      a[i] = (r.nextBoolean() ? 1f : -1f) + 0.05f * (float) r.nextGaussian();
    }
    return new float[][] {s, a};
  }

  private static DiffusionPolicyConfig small() {
    return DiffusionPolicyConfig.defaults()
        .withHidden(32)
        .withLayers(2)
        .withDenoisingSteps(16)
        .withBatchSize(64)
        .withSeed(3);
  }

  /**
   * One hidden layer, two examples, a non-trivial scaling: u_0, u_t, the input row [u_t, c, emb(t −
   * 1)], the SiLU network and the squared error computed here in double from the parameters.
   */
  @Test
  void lossMatchesAHandComputationAtFixedNoise() {
    DiffusionPolicyConfig config =
        DiffusionPolicyConfig.defaults().withHidden(5).withLayers(1).withDenoisingSteps(8);
    UnitScaling states = new UnitScaling(new double[] {0.5}, new double[] {2.0});
    UnitScaling actions = new UnitScaling(new double[] {0.1, -0.2}, new double[] {0.05, 0.5});
    float[] s = {0.3f, -1.2f};
    float[] a = {0.12f, 0.1f, 0.0f, -0.5f};
    int[] t = {1, 7};
    float[] eps = {0.4f, -1.1f, 1.5f, 0.2f};
    try (NDManager m = NDManager.newBaseManager()) {
      DiffusionPolicy policy = DiffusionPolicy.create(m, config, states, actions);
      float[] got = policy.loss(m, s, a, t, eps).toFloatArray();
      float[] w0 = policy.parameters().get(0).toFloatArray();
      float[] b0 = policy.parameters().get(1).toFloatArray();
      float[] w1 = policy.parameters().get(2).toFloatArray();
      float[] b1 = policy.parameters().get(3).toFloatArray();
      NoiseSchedule schedule = NoiseSchedule.cosine(8);
      SinusoidalEmbedding emb = new SinusoidalEmbedding(SinusoidalEmbedding.DEFAULT_DIM);
      int in = 2 + 1 + emb.dim();
      for (int i = 0; i < 2; i++) {
        double ab = schedule.alphaBar(t[i]);
        double[] row = new double[in];
        for (int j = 0; j < 2; j++) {
          double u0 = (a[2 * i + j] - actions.center()[j]) / actions.halfRange()[j];
          row[j] = Math.sqrt(ab) * u0 + Math.sqrt(1 - ab) * eps[2 * i + j];
        }
        row[2] = (s[i] - 0.5) / 2.0;
        float[] e = new float[emb.dim()];
        emb.writeInto(t[i] - 1, e, 0);
        for (int k = 0; k < e.length; k++) {
          row[3 + k] = e[k];
        }
        double[] h = new double[5];
        for (int u = 0; u < 5; u++) {
          double z = b0[u];
          for (int k = 0; k < in; k++) {
            z += w0[u * in + k] * row[k];
          }
          h[u] = z / (1 + Math.exp(-z));
        }
        double expected = 0;
        for (int j = 0; j < 2; j++) {
          double f = b1[j];
          for (int u = 0; u < 5; u++) {
            f += w1[j * 5 + u] * h[u];
          }
          expected += (eps[2 * i + j] - f) * (eps[2 * i + j] - f);
        }
        assertThat((double) got[i]).as("example " + i).isCloseTo(expected, within(1e-5));
      }
      assertThatThrownBy(() -> policy.loss(m, s, a, new int[] {0, 9}, eps))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("t must be in 1..8, found 0 at index 0");
    }
  }

  /**
   * Gaussian behaviour cloning of the same data acts its mean, 0, and a Gaussian fit puts P(|a| <
   * 0.3) ≈ 0.24 near 0. The diffusion policy's draws put about half at each mode and next to none
   * in between: measured with the default network (3 × 128, T = 32) at seed 3 after 1500 steps,
   * 1017 / 961 / 12 of 2000 for +1 / −1 / 0 (about 2.5 s of training).
   */
  @Test
  void samplesPutMassNearBothModesAndLittleBetween() {
    float[][] data = bimodal(1000, 1);
    try (NDManager m = NDManager.newBaseManager()) {
      DiffusionPolicyTrainer.Run run =
          DiffusionPolicyTrainer.train(
              m,
              DiffusionPolicyConfig.defaults().withSteps(1500).withSeed(3),
              data[0],
              1,
              data[1],
              1);
      assertThat(run.losses()).hasSize(1500);
      int n = 2000;
      SplittableRandom r = new SplittableRandom(9);
      float[] s = new float[n];
      for (int i = 0; i < n; i++) {
        s[i] = (float) r.nextDouble();
      }
      float[] act = run.policy().sample(m, s, new SplittableRandom(10));
      int plus = 0;
      int minus = 0;
      int middle = 0;
      for (float v : act) {
        if (Math.abs(v - 1) < 0.3) {
          plus++;
        } else if (Math.abs(v + 1) < 0.3) {
          minus++;
        } else if (Math.abs(v) < 0.3) {
          middle++;
        }
      }
      String what = "+1:" + plus + " -1:" + minus + " 0:" + middle;
      assertThat(plus / (double) n).as(what).isBetween(0.35, 0.65);
      assertThat((plus + minus) / (double) n).as(what).isGreaterThan(0.9);
      assertThat(middle / (double) n).as(what).isLessThan(0.05);
    }
  }

  @Test
  void sameSeedGivesIdenticalSamples() {
    float[][] data = bimodal(200, 2);
    DiffusionPolicyConfig config = small().withSteps(20);
    float[] s = {0.1f, 0.5f, 0.9f};
    try (NDManager m = NDManager.newBaseManager()) {
      DiffusionPolicy p1 = DiffusionPolicyTrainer.train(m, config, data[0], 1, data[1], 1).policy();
      DiffusionPolicy p2 = DiffusionPolicyTrainer.train(m, config, data[0], 1, data[1], 1).policy();
      DiffusionPolicy p3 =
          DiffusionPolicyTrainer.train(m, config.withSeed(4), data[0], 1, data[1], 1).policy();
      float[] a1 = p1.sample(m, s, new SplittableRandom(5));
      assertThat(p2.sample(m, s, new SplittableRandom(5))).containsExactly(a1);
      assertThat(p3.sample(m, s, new SplittableRandom(5))).isNotEqualTo(a1);
      assertThat(p1.sample(m, s, new SplittableRandom(6))).isNotEqualTo(a1);
      // Training a policy made by the caller with the fitted scalings is the same run.
      DiffusionPolicy made =
          DiffusionPolicy.create(
              m, config, UnitScaling.fit(data[0], 1), UnitScaling.fit(data[1], 1));
      DiffusionPolicyTrainer.train(m, config, made, data[0], data[1]);
      assertThat(made.sample(m, s, new SplittableRandom(5))).containsExactly(a1);
    }
  }

  @Test
  void rootManagerStaysFlatOverManyStepsAndSamples() {
    float[][] data = bimodal(200, 3);
    DiffusionPolicyConfig config = small().withSteps(1).withBatchSize(16);
    try (NDManager m = NDManager.newBaseManager()) {
      // The first step creates Adam's moments: it is taken before counting.
      DiffusionPolicyTrainer.Run run =
          DiffusionPolicyTrainer.train(m, config, data[0], 1, data[1], 1);
      ResourceCounts.assertFlatOver(
          m,
          200,
          k ->
              DiffusionPolicyTrainer.step(
                  m, config, run.policy(), run.adam(), data[0], data[1], 200, k + 1));
      SplittableRandom noise = new SplittableRandom(1);
      ResourceCounts.assertFlatOver(
          m, 20, k -> run.policy().sample(m, new float[] {0.5f, 0.2f}, noise));
    }
  }

  @Test
  void checkpointRoundTripGivesIdenticalSamples(@TempDir Path dir) throws java.io.IOException {
    float[][] data = bimodal(200, 4);
    DiffusionPolicyConfig config = small().withSteps(15).withLearningRate(3e-3);
    Path file = dir.resolve("checkpoint.bin");
    float[] s = {0.2f, 0.7f};
    try (NDManager m = NDManager.newBaseManager()) {
      DiffusionPolicyTrainer.Run run =
          DiffusionPolicyTrainer.train(m, config, data[0], 1, data[1], 1);
      DiffusionPolicyCheckpoint.write(file, run);
      DiffusionPolicyTrainer.Run back = DiffusionPolicyCheckpoint.read(file, m);
      assertThat(back.policy().config()).isEqualTo(config);
      assertThat(back.policy().stateScaling()).isEqualTo(run.policy().stateScaling());
      assertThat(back.policy().actionScaling()).isEqualTo(run.policy().actionScaling());
      assertThat(back.losses()).containsExactly(run.losses());
      assertThat(back.adam().stepCount()).isEqualTo(run.adam().stepCount());
      assertThat(back.policy().sample(m, s, new SplittableRandom(8)))
          .containsExactly(run.policy().sample(m, s, new SplittableRandom(8)));
      // Both continue identically from the same state.
      DiffusionPolicyTrainer.step(m, config, run.policy(), run.adam(), data[0], data[1], 200, 15);
      DiffusionPolicyTrainer.step(m, config, back.policy(), back.adam(), data[0], data[1], 200, 15);
      for (int i = 0; i < run.policy().parameters().size(); i++) {
        assertThat(back.policy().parameters().get(i).toFloatArray())
            .containsExactly(run.policy().parameters().get(i).toFloatArray());
      }

      // An incompatible scaling: the same file with scaling/state of the wrong length.
      Checkpoint c = Checkpoint.read(file, DiffusionPolicyCheckpoint.KIND);
      Checkpoint.Builder bad = Checkpoint.builder(DiffusionPolicyCheckpoint.KIND);
      bad.setConfig(c.config());
      c.counters().forEach(bad::putCounter);
      for (Map.Entry<String, Checkpoint.Tensor> e : c.tensors().entrySet()) {
        if (!e.getKey().equals("scaling/state")) {
          bad.put(e.getKey(), e.getValue());
        }
      }
      bad.putDoubles("scaling/state", new long[] {3}, new double[] {0, 1, 2});
      Path badFile = dir.resolve("bad.bin");
      bad.build().write(badFile);
      assertThatThrownBy(() -> DiffusionPolicyCheckpoint.read(badFile, m))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "incompatible checkpoint "
                  + badFile
                  + ": scaling/state holds 3 values, expected 2 × 1 = 2");
      // A truncated file.
      byte[] bytes = java.nio.file.Files.readAllBytes(file);
      Path cut = dir.resolve("cut.bin");
      java.nio.file.Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      assertThatThrownBy(() -> DiffusionPolicyCheckpoint.read(cut, m))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(cut.toString());
      // A diverged run is refused.
      run.policy().parameters().get(0).set(new ai.djl.ndarray.index.NDIndex("0, 0"), Float.NaN);
      assertThatThrownBy(() -> DiffusionPolicyCheckpoint.write(file, run))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("training diverged: parameter layers.0.weight holds NaN");
    }
  }

  @Test
  void badInputNamesTheArrayIndexAndValue() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(
              () ->
                  DiffusionPolicyTrainer.train(
                      m, small(), new float[] {0f, 1f, Float.NaN, 2f}, 2, new float[] {1f, 1f}, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("states must be finite, found NaN at index [1, 0]");
      assertThatThrownBy(
              () ->
                  DiffusionPolicyTrainer.train(
                      m, small(), new float[] {0f, 1f}, 1, new float[] {1f}, 1))
          .hasMessage("states and actions must have as many rows, found 2 and 1");
      assertThatThrownBy(() -> DiffusionPolicyConfig.defaults().withDenoisingSteps(0))
          .hasMessage("denoisingSteps must be >= 1, found 0");
      assertThatThrownBy(() -> new UnitScaling(new double[] {0, 0}, new double[] {1, 0}))
          .hasMessage("halfRange must be finite and > 0, found 0.0 at index 1");
    }
  }
}
