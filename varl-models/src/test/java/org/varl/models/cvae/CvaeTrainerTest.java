package org.varl.models.cvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.testing.ResourceCounts;

/** Training on a bimodal toy, determinism, scoping and the checkpoint round trip. */
class CvaeTrainerTest {

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

  private static CvaeConfig small() {
    return CvaeConfig.defaults()
        .withLatent(1)
        .withHidden(32)
        .withLayers(1)
        .withLearningRate(1e-2)
        .withBatchSize(128)
        .withSteps(1000)
        .withSeed(3);
  }

  /**
   * A Gaussian fit of the same actions acts its mean, 0, with every sample "near 0"; sampling it (σ
   * ≈ 1) puts P(|a| < 0.3) ≈ 0.236 near 0. The CVAE's decoder mean with z from the prior puts about
   * 40% at each mode and under 10% near 0: a continuous decoder from a unimodal prior keeps a seam
   * between the two posterior clusters (measured at seed 3 after 1000 steps: 810 / 823 / 137 of
   * 2000 for +1 / −1 / 0 with the standard prior), which narrows with training.
   */
  @Test
  void decoderWithPriorDrawnLatentsReproducesBothModes() {
    float[][] data = bimodal(1000, 1);
    double dataMean = 0;
    for (float v : data[1]) {
      dataMean += v / data[1].length;
    }
    // The mean of a Gaussian fit, what Gaussian behaviour cloning would act: between the modes.
    assertThat(Math.abs(dataMean)).isLessThan(0.1);
    for (boolean learned : new boolean[] {false, true}) {
      try (NDManager m = NDManager.newBaseManager()) {
        CvaeTrainer.Run run =
            CvaeTrainer.train(m, small().withLearnedPrior(learned), data[0], 1, data[1], 1);
        assertThat(run.history().steps()).isEqualTo(1000);
        assertThat(run.history().loss(999)).isLessThan(run.history().loss(0));
        int n = 2000;
        SplittableRandom r = new SplittableRandom(9);
        float[] s = new float[n];
        float[] e = new float[n];
        for (int i = 0; i < n; i++) {
          s[i] = (float) r.nextDouble();
          e[i] = (float) r.nextGaussian();
        }
        NDArray sa = m.create(s, new Shape(n, 1));
        NDArray z = run.policy().priorLatent(sa, m.create(e, new Shape(n, 1)));
        float[] act = run.policy().act(sa, z).toFloatArray();
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
        String what = "learnedPrior=" + learned + " +1:" + plus + " -1:" + minus + " 0:" + middle;
        assertThat(plus / (double) n).as(what).isBetween(0.3, 0.7);
        assertThat((plus + minus) / (double) n).as(what).isGreaterThan(0.75);
        assertThat(middle / (double) n).as(what).isLessThan(0.1);
      }
    }
  }

  @Test
  void sameSeedGivesIdenticalParameters() {
    float[][] data = bimodal(200, 2);
    CvaeConfig config = small().withSteps(20).withLearnedPrior(true);
    try (NDManager m = NDManager.newBaseManager()) {
      List<NDArray> p1 = CvaeTrainer.train(m, config, data[0], 1, data[1], 1).policy().parameters();
      List<NDArray> p2 = CvaeTrainer.train(m, config, data[0], 1, data[1], 1).policy().parameters();
      List<NDArray> p3 =
          CvaeTrainer.train(m, config.withSeed(4), data[0], 1, data[1], 1).policy().parameters();
      boolean anyDiffers = false;
      for (int i = 0; i < p1.size(); i++) {
        assertThat(p2.get(i).toFloatArray()).containsExactly(p1.get(i).toFloatArray());
        anyDiffers |= !java.util.Arrays.equals(p3.get(i).toFloatArray(), p1.get(i).toFloatArray());
      }
      assertThat(anyDiffers).isTrue();
    }
  }

  @Test
  void rootManagerStaysFlatOverManySteps() {
    float[][] data = bimodal(200, 3);
    CvaeConfig config = small().withSteps(0).withLearnedPrior(true).withBatchSize(16);
    try (NDManager m = NDManager.newBaseManager()) {
      CvaeTrainer.Run run = CvaeTrainer.train(m, config, data[0], 1, data[1], 1);
      // The first step creates Adam's moments: take it before counting.
      CvaeTrainer.step(m, config, run.policy(), run.adam(), data[0], 1, data[1], 1, 200, 0);
      ResourceCounts.assertFlatOver(
          m,
          100,
          t ->
              CvaeTrainer.step(
                  m, config, run.policy(), run.adam(), data[0], 1, data[1], 1, 200, t + 1));
    }
  }

  @Test
  void checkpointRoundTripIsBitIdentical(@TempDir Path dir) throws java.io.IOException {
    float[][] data = bimodal(200, 4);
    CvaeConfig config = small().withSteps(15).withLearnedPrior(true).withBeta(0.5);
    Path file = dir.resolve("checkpoint.bin");
    try (NDManager m = NDManager.newBaseManager()) {
      CvaeTrainer.Run run = CvaeTrainer.train(m, config, data[0], 1, data[1], 1);
      CvaeCheckpoint.write(file, config, run);
      CvaeCheckpoint.Loaded back = CvaeCheckpoint.read(file, m);
      assertThat(back.config()).isEqualTo(config);
      assertThat(back.run().policy().parameterNames()).isEqualTo(run.policy().parameterNames());
      for (int i = 0; i < run.policy().parameters().size(); i++) {
        assertThat(back.run().policy().parameters().get(i).toFloatArray())
            .containsExactly(run.policy().parameters().get(i).toFloatArray());
      }
      assertThat(back.run().history().flatten()).containsExactly(run.history().flatten());
      assertThat(back.run().adam().stepCount()).isEqualTo(run.adam().stepCount());
      // Both continue identically from the same state.
      CvaeTrainer.step(m, config, run.policy(), run.adam(), data[0], 1, data[1], 1, 200, 15);
      CvaeTrainer.step(
          m, config, back.run().policy(), back.run().adam(), data[0], 1, data[1], 1, 200, 15);
      for (int i = 0; i < run.policy().parameters().size(); i++) {
        assertThat(back.run().policy().parameters().get(i).toFloatArray())
            .containsExactly(run.policy().parameters().get(i).toFloatArray());
      }
      assertThatThrownBy(() -> CvaeCheckpoint.read(dir.resolve("missing.bin"), m))
          .isInstanceOf(IllegalArgumentException.class);
      // A diverged run is refused and the good file stays as it was.
      byte[] before = java.nio.file.Files.readAllBytes(file);
      NDArray first = run.policy().parameters().get(0);
      first.set(new ai.djl.ndarray.index.NDIndex("0, 0"), Float.NaN);
      assertThatThrownBy(() -> CvaeCheckpoint.write(file, config, run))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "training diverged: parameter encoder.layers.0.weight holds NaN at index 0");
      assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(before);
    }
  }

  @Test
  void badDataNamesTheArrayIndexAndValue() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(
              () ->
                  CvaeTrainer.train(
                      m, small(), new float[] {0f, 1f, Float.NaN, 2f}, 2, new float[] {1f, 1f}, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("states must be finite, found NaN at index [1, 0]");
      assertThatThrownBy(
              () -> CvaeTrainer.train(m, small(), new float[] {0f, 1f}, 1, new float[] {1f}, 1))
          .hasMessage("states and actions must have as many rows, found 2 and 1");
    }
  }
}
