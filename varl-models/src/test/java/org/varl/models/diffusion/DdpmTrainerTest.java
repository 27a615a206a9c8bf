package org.varl.models.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.models.toy.EightGaussians;
import org.varl.testing.ResourceCounts;

/** Training, bounds on a trained model, exact resume, resources and bad input. */
class DdpmTrainerTest {

  @TempDir Path dir;

  private static DdpmConfig quick(String data, long steps) {
    return DdpmConfig.defaults(data)
        .withSteps(steps)
        .withOptimizer(128, 1e-3)
        .withIntervals(50, 10);
  }

  @Test
  void aBrieflyTrainedModelsBoundExceedsTheDataEntropyAndAgreesWithItsOneSampleEstimate() {
    Path out = dir.resolve("run");
    for (DdpmLoss loss : DdpmLoss.values()) {
      Path run = out.resolve(loss.id());
      DdpmResult r =
          DdpmTrainer.train(
              quick("8gaussians", 300).withObjective(loss, DecoderVariance.POSTERIOR),
              run,
              DiffusionListener.NONE);
      assertThat(r.history()).hasSize(30);
      assertThat(Files.exists(run.resolve("metrics.csv"))).isTrue();
      EightGaussians data = new EightGaussians();
      float[] x0 = data.heldOut(500, new SplittableRandom(42));
      try (NDManager root = NDManager.newBaseManager();
          TrainedDdpm model = TrainedDdpm.load(run, root)) {
        assertThat(model.step()).isEqualTo(300);
        BoundResult b = DdpmBound.evaluate(model.ddpm(), model.epsilon(), x0, 2, 7, root, null);
        double h = data.entropy().orElseThrow();
        assertThat(b.negElbo()).as("%s", loss).isGreaterThan(h - 3 * b.negElboSe());
        assertThat(b.oneSampleAgrees(4))
            .as(
                "%s: one-sample %s ± %s vs %s ± %s",
                loss, b.oneSampleMean(), b.oneSampleSe(), b.negElbo(), b.negElboSe())
            .isTrue();
        double sum = b.priorMean();
        for (double v : b.termMean()) {
          sum += v;
        }
        assertThat(sum)
            .isCloseTo(b.negElbo(), org.assertj.core.api.Assertions.within(1e-6 * Math.abs(sum)));
      }
    }
  }

  @Test
  void resumingGivesTheSameRunBitForBit() throws IOException {
    Path whole = dir.resolve("whole");
    Path split = dir.resolve("split");
    DdpmTrainer.train(
        quick("checkerboard", 20).withIntervals(10, 5), whole, DiffusionListener.NONE);
    DdpmTrainer.train(
        quick("checkerboard", 10).withIntervals(10, 5), split, DiffusionListener.NONE);
    DdpmTrainer.resume(split, 20, 1, split, DiffusionListener.NONE);
    // Parameters, Adam's moments and the losses agree exactly; only the timings differ.
    DdpmCheckpoint.Contents a = DdpmCheckpoint.read(whole);
    DdpmCheckpoint.Contents b = DdpmCheckpoint.read(split);
    assertThat(b.step()).isEqualTo(20);
    for (var e : a.raw().tensors().entrySet()) {
      if (!e.getKey().equals("history")) {
        assertThat(b.raw().tensor(e.getKey()).values())
            .as(e.getKey())
            .isEqualTo(e.getValue().values());
      }
    }
    for (int i = 0; i < a.history().size(); i++) {
      assertThat(b.history().get(i).loss()).isEqualTo(a.history().get(i).loss());
    }
    assertThat(Files.readAllLines(split.resolve("metrics.csv")).size()).isEqualTo(5);
    assertThatThrownBy(() -> DdpmTrainer.resume(split, 20, 1, split, DiffusionListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps must exceed the 20 steps");
  }

  @Test
  void nativeResourcesStayFlatOverTraining() {
    try (NDManager parent = NDManager.newBaseManager()) {
      List<Integer> counts = new ArrayList<>();
      DdpmTrainer.run(
          quick("moons", 60).withIntervals(100, 5),
          dir.resolve("flat"),
          null,
          60,
          1,
          new DiffusionListener() {
            @Override
            public void progress(long step, double loss, double stepsPerSecond) {
              counts.add(ResourceCounts.arrays(parent));
            }
          },
          parent);
      assertThat(counts).hasSize(12);
      ResourceCounts.assertFlat("arrays during ddpm training", counts);
    }
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws IOException {
    Path out = dir.resolve("bad");
    assertThatThrownBy(() -> DdpmTrainer.train(quick("9gaussians", 5), out, DiffusionListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown --data");
    assertThat(Files.exists(out)).isFalse();
    assertThatThrownBy(() -> quick("moons", 5).withDiffusion(0, Schedule.LINEAR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("T must be >= 1, found 0");
    // A corrupt checkpoint.
    Path corrupt = dir.resolve("corrupt");
    Files.createDirectories(corrupt);
    Files.write(corrupt.resolve("checkpoint.bin"), new byte[] {1, 2, 3, 4, 5});
    try (NDManager root = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> TrainedDdpm.load(corrupt, root))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("\n");
      assertThatThrownBy(() -> TrainedDdpm.load(dir.resolve("none"), root))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("varl diffusion train");
    }
    // A CSV whose dimension no longer fits the model.
    Path csv = dir.resolve("points.csv");
    Files.writeString(csv, "1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n13,14\n");
    Path run = dir.resolve("csvrun");
    DdpmTrainer.train(quick("csv:" + csv, 5).withIntervals(5, 5), run, DiffusionListener.NONE);
    byte[] before = Files.readAllBytes(run.resolve("checkpoint.bin"));
    Files.writeString(csv, "1,2,3\n3,4,5\n5,6,7\n7,8,9\n9,10,11\n11,12,13\n13,14,15\n");
    assertThatThrownBy(() -> DdpmTrainer.resume(run, 10, 1, run, DiffusionListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has dimension 3")
        .hasMessageContaining("expects 2");
    assertThat(Files.readAllBytes(run.resolve("checkpoint.bin"))).isEqualTo(before);
    // A second fresh run into the same directory.
    assertThatThrownBy(() -> DdpmTrainer.train(quick("csv:" + csv, 5), run, DiffusionListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already holds a run");
  }

  @Test
  void aNonFiniteLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
    // One row in 40 is huge: the first batch that draws it makes the loss infinite.
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sb.append(i == 17 ? "3e38,3e38" : (i % 7) + "," + (i % 5)).append('\n');
    }
    Path csv = dir.resolve("huge.csv");
    Files.writeString(csv, sb.toString());
    Path run = dir.resolve("nan");
    DdpmConfig c = quick("csv:" + csv, 1000).withOptimizer(2, 1e-3).withIntervals(3, 3);
    assertThatThrownBy(() -> DdpmTrainer.train(c, run, DiffusionListener.NONE))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageContaining("training diverged at step")
        .hasMessageContaining("the last good checkpoint (step");
    try (NDManager root = NDManager.newBaseManager();
        TrainedDdpm model = TrainedDdpm.load(run, root)) {
      assertThat(model.step()).isPositive().isLessThan(1000);
      for (var p : model.network().parameters()) {
        for (float v : p.toFloatArray()) {
          assertThat(Float.isFinite(v)).isTrue();
        }
      }
    }
  }

  @Test
  void trainingDrawsAreAPureFunctionOfSeedAndStep() {
    float[] a = new EightGaussians().sample(4, NoiseStream.generator(3, Streams.DATA, 17));
    float[] b = new EightGaussians().sample(4, NoiseStream.generator(3, Streams.DATA, 17));
    assertThat(a).isEqualTo(b);
  }
}
