package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.data.DataOptions;
import org.varl.testing.ResourceCounts;

/**
 * Training runs on small generated data: exact resume, flat native memory, divergence, bad input.
 */
class VaeTrainerTest {

  /** 600 sprites (500 train, 100 test), a small MLP: a few hundred milliseconds per epoch. */
  static final DataOptions SMALL = DataOptions.defaults().withShapesCount(600);

  static final ModelOptions SMALL_MODEL =
      new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 32, 4, 0.1);

  static TrainConfig train(int epochs, Estimator estimator) {
    return new TrainConfig(epochs, 32, 3e-3, 1.0, estimator, 3, 5L, 1, false);
  }

  /**
   * Two threads: the analytic path then runs two batch shards in parallel and Adam splits its loop.
   */
  static TrainConfig trainTwoThreads(int epochs) {
    return new TrainConfig(epochs, 32, 3e-3, 1.0, Estimator.PATHWISE, 3, 5L, 2, false);
  }

  static TrainRequest request(Path out, Path resume, ModelOptions model, TrainConfig train) {
    return new TrainRequest("shapes", SMALL, model, train, out, resume);
  }

  @Test
  void resumeReproducesTheUninterruptedRunExactly(@TempDir Path dir) {
    for (String variant : new String[] {"pathwise", "pathwise-2-threads", "iwae"}) {
      Estimator estimator = variant.startsWith("iwae") ? Estimator.IWAE : Estimator.PATHWISE;
      java.util.function.IntFunction<TrainConfig> config =
          variant.endsWith("2-threads")
              ? VaeTrainerTest::trainTwoThreads
              : e -> train(e, estimator);
      Path straight = dir.resolve("straight-" + variant);
      Path split = dir.resolve("split-" + variant);
      TrainResult full =
          VaeTrainer.run(
              request(straight, null, SMALL_MODEL, config.apply(2)), TrainingListener.none());
      VaeTrainer.run(request(split, null, SMALL_MODEL, config.apply(1)), TrainingListener.none());
      TrainResult resumed =
          VaeTrainer.run(
              request(split, split, SMALL_MODEL, config.apply(2)), TrainingListener.none());

      assertThat(full.gradientPath())
          .isEqualTo(estimator == Estimator.PATHWISE ? "analytic" : "autograd");
      assertThat(resumed.history()).hasSize(2);
      for (int e = 0; e < 2; e++) {
        EpochMetrics a = MetricsCsv.read(straight.resolve(MetricsCsv.FILE)).get(e);
        EpochMetrics b = MetricsCsv.read(split.resolve(MetricsCsv.FILE)).get(e);
        assertThat(b.epoch()).isEqualTo(a.epoch());
        assertThat(b.trainLoss())
            .as("train loss, epoch %d, %s", e + 1, variant)
            .isEqualTo(a.trainLoss());
        assertThat(b.testLoss()).as("test loss, epoch %d", e + 1).isEqualTo(a.testLoss());
        assertThat(b.kl()).isEqualTo(a.kl());
        assertThat(b.recon()).isEqualTo(a.recon());
      }
      VaeCheckpoint c1 = VaeCheckpoint.read(straight.resolve(VaeCheckpoint.FILE));
      VaeCheckpoint c2 = VaeCheckpoint.read(split.resolve(VaeCheckpoint.FILE));
      assertThat(c2.epoch()).isEqualTo(2);
      assertThat(c2.adamStep()).isEqualTo(c1.adamStep()).isEqualTo(2L * 16);
      for (int i = 0; i < c1.values().size(); i++) {
        assertThat(c2.values().get(i))
            .as("parameter %s", c1.names().get(i))
            .containsExactly(c1.values().get(i));
        assertThat(c2.means().get(i)).containsExactly(c1.means().get(i));
        assertThat(c2.variances().get(i)).containsExactly(c1.variances().get(i));
      }
      // The loss went down: the run learned something, so "identical" is not trivially two
      // untrained models.
      assertThat(full.history().get(1).testLoss()).isLessThan(full.history().get(0).testLoss());
    }
  }

  /**
   * The default threads (2) with a model wide enough that Adam splits its loop over both threads
   * (the first weight has 784 x 64 = 50,176 entries, above its parallel threshold of 32,768; the
   * test above has 25,088), a partial last batch (500 = 15 x 32 + 20), and more than one epoch
   * after the resume, which continues in place with no --out: 1 epoch + resume to 3 equals 3
   * epochs, parameters, moments and metrics bit for bit. The history is compared with the seconds
   * columns left out (wall time); the checkpoint bytes then differ only there.
   */
  @Test
  void resumeWithDefaultThreadsAndSeveralEpochsAfterItIsExact(@TempDir Path dir) {
    ModelOptions wide = new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 64, 4, 0.1);
    java.util.function.IntFunction<TrainConfig> config =
        e ->
            new TrainConfig(
                e,
                32,
                1e-3,
                1.0,
                Estimator.PATHWISE,
                5,
                1L,
                TrainConfig.defaults().threads(),
                false);
    assertThat(config.apply(1).threads()).isEqualTo(2);
    Path straight = dir.resolve("straight");
    Path split = dir.resolve("split");
    TrainResult full =
        VaeTrainer.run(request(straight, null, wide, config.apply(3)), TrainingListener.none());
    VaeTrainer.run(request(split, null, wide, config.apply(1)), TrainingListener.none());
    TrainResult resumed =
        VaeTrainer.run(
            new TrainRequest(null, null, null, config.apply(3), null, split),
            TrainingListener.none());

    assertThat(full.gradientPath()).isEqualTo("analytic");
    assertThat(resumed.out()).isEqualTo(split);
    for (int e = 0; e < 3; e++) {
      EpochMetrics a = full.history().get(e);
      EpochMetrics b = resumed.history().get(e);
      assertThat(List.of(b.epoch(), b.trainLoss(), b.testLoss(), b.kl(), b.recon()))
          .as("epoch %d", e + 1)
          .isEqualTo(List.of(a.epoch(), a.trainLoss(), a.testLoss(), a.kl(), a.recon()));
    }
    VaeCheckpoint c1 = VaeCheckpoint.read(straight.resolve(VaeCheckpoint.FILE));
    VaeCheckpoint c2 = VaeCheckpoint.read(split.resolve(VaeCheckpoint.FILE));
    assertThat(c2.adamStep()).isEqualTo(c1.adamStep()).isEqualTo(3L * 16);
    for (int i = 0; i < c1.values().size(); i++) {
      assertThat(c2.values().get(i))
          .as("parameter %s", c1.names().get(i))
          .containsExactly(c1.values().get(i));
      assertThat(c2.means().get(i)).containsExactly(c1.means().get(i));
      assertThat(c2.variances().get(i)).containsExactly(c1.variances().get(i));
    }
    assertThat(c2.config()).isEqualTo(c1.config());
    assertThat(full.history().get(2).testLoss()).isLessThan(full.history().get(0).testLoss());
  }

  /**
   * Every configuration off the analytic path (Gaussian likelihood, score function, IWAE,
   * convolutional) gives the same parameters twice in a row with two engine threads and a partial
   * last batch (500 = 3 x 128 + 116): an audit once saw such runs differ, which this guards
   * against.
   */
  @Test
  void autogradVariantsAreRepeatableWithTwoThreads(@TempDir Path dir) throws InterruptedException {
    ModelOptions mlp = new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 64, 4, 0.1);
    ModelOptions gaussian = new ModelOptions(Architecture.MLP, Likelihood.GAUSSIAN, 64, 4, 0.1);
    ModelOptions conv = new ModelOptions(Architecture.CONV, Likelihood.BERNOULLI, 32, 4, 0.1);
    Object[][] variants = {
      {"gaussian", gaussian, Estimator.PATHWISE},
      {"score", mlp, Estimator.SCORE},
      {"iwae", mlp, Estimator.IWAE},
      {"conv", conv, Estimator.PATHWISE}
    };
    for (Object[] v : variants) {
      TrainConfig t = new TrainConfig(1, 128, 1e-3, 1.0, (Estimator) v[2], 3, 5L, 2, false);
      List<VaeCheckpoint> runs = new ArrayList<>();
      for (int run = 0; run < 2; run++) {
        Path out = dir.resolve(v[0] + "-" + run);
        // The second run has a thread forcing collections throughout, which makes a backward pass
        // that reads memory
        // the GC may free (DJL's x.mul(Number), see org.varl.core.engine.Scalars) more likely to
        // show; the rule
        // itself is enforced by varl-cli's SourceRulesTest.
        AtomicBoolean done = new AtomicBoolean(run == 0);
        Thread collector =
            new Thread(
                () -> {
                  while (!done.get()) {
                    System.gc();
                    LockSupport.parkNanos(5_000_000);
                  }
                });
        collector.start();
        try {
          TrainResult r =
              VaeTrainer.run(request(out, null, (ModelOptions) v[1], t), TrainingListener.none());
          assertThat(r.gradientPath()).isEqualTo("autograd");
        } finally {
          done.set(true);
          collector.join();
        }
        runs.add(VaeCheckpoint.read(out.resolve(VaeCheckpoint.FILE)));
      }
      for (int i = 0; i < runs.get(0).values().size(); i++) {
        assertThat(runs.get(1).values().get(i))
            .as("%s: parameter %s", v[0], runs.get(0).names().get(i))
            .containsExactly(runs.get(0).values().get(i));
      }
    }
  }

  @Test
  void rootManagerDoesNotGrowOverHundredsOfSteps(@TempDir Path dir) {
    List<Integer> counts = new ArrayList<>();
    TrainingListener watch =
        new TrainingListener() {
          @Override
          public void progress(
              int epoch, int stepsDone, double meanLoss, double examplesPerSecond) {
            counts.add(Watch.parent.getManagedArrays().size());
          }
        };
    // 3000 sprites, batch 8: 313 steps per epoch, 2 epochs = 626 steps; read every 25 steps.
    TrainConfig t = new TrainConfig(2, 8, 1e-3, 1.0, Estimator.PATHWISE, 1, 1L, 1, false);
    try (NDManager parent = NDManager.newBaseManager()) {
      Watch.parent = parent;
      VaeTrainer.run(
          new TrainRequest(
              "shapes",
              DataOptions.defaults().withShapesCount(3000),
              SMALL_MODEL,
              t,
              dir.resolve("run"),
              null),
          watch,
          parent);
      assertThat(parent.getManagedArrays()).isEmpty();
    }
    assertThat(counts.size()).isGreaterThan(20);
    ResourceCounts.assertFlat("arrays alive at each progress report", counts);
  }

  /** Holder so the anonymous listener can see the manager created after it. */
  static final class Watch {
    static NDManager parent;
  }

  @Test
  void autogradPathKeepsMemoryFlatToo(@TempDir Path dir) {
    List<Integer> counts = new ArrayList<>();
    TrainConfig t = new TrainConfig(1, 8, 1e-3, 1.0, Estimator.SCORE, 1, 1L, 1, false);
    try (NDManager parent = NDManager.newBaseManager()) {
      VaeTrainer.run(
          new TrainRequest(
              "shapes",
              DataOptions.defaults().withShapesCount(1200),
              SMALL_MODEL,
              t,
              dir.resolve("run"),
              null),
          new TrainingListener() {
            @Override
            public void progress(
                int epoch, int stepsDone, double meanLoss, double examplesPerSecond) {
              counts.add(parent.getManagedArrays().size());
            }
          },
          parent);
    }
    assertThat(counts.size()).isGreaterThan(4);
    ResourceCounts.assertFlat("arrays alive at each progress report (autograd path)", counts);
  }

  @Test
  void divergenceStopsWithEpochAndStepAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) {
    Path run = dir.resolve("run");
    VaeTrainer.run(
        request(run, null, SMALL_MODEL, train(1, Estimator.PATHWISE)), TrainingListener.none());
    // Same run, but continue with an absurd learning rate: Adam's first step moves every weight by
    // ~1e30.
    VaeCheckpoint good = VaeCheckpoint.read(run.resolve(VaeCheckpoint.FILE));
    TrainConfig t = good.config().train();
    TrainConfig bad =
        new TrainConfig(
            t.epochs(),
            t.batchSize(),
            1e30,
            t.beta(),
            t.estimator(),
            t.iwaeK(),
            t.seed(),
            t.threads(),
            t.binarize());
    good.withConfig(good.config().withTrain(bad)).write(run.resolve(VaeCheckpoint.FILE));
    byte[] before = readBytes(run.resolve(VaeCheckpoint.FILE));

    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    request(run, run, SMALL_MODEL, train(3, Estimator.PATHWISE)),
                    TrainingListener.none()))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageStartingWith("training diverged at epoch 2, step 1: loss is ")
        .hasMessageContaining("the last good checkpoint (epoch 1) is kept in " + run);
    assertThat(readBytes(run.resolve(VaeCheckpoint.FILE))).isEqualTo(before);
    assertThat(MetricsCsv.read(run.resolve(MetricsCsv.FILE))).hasSize(1);
  }

  @Test
  void badInputIsOneLineAndWritesNothing(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    ModelOptions conv = new ModelOptions(Architecture.CONV, Likelihood.BERNOULLI, 32, 4, 0.1);
    Path csv = dir.resolve("flat.csv");
    Files.writeString(
        csv, "0.1,0.2,0.3\n0.4,0.5,0.6\n0.7,0.8,0.9\n0.2,0.1,0.0\n0.3,0.3,0.3\n0.9,0.9,0.1\n");
    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    new TrainRequest(
                        "csv:" + csv,
                        DataOptions.defaults(),
                        conv,
                        train(1, Estimator.PATHWISE),
                        out,
                        null),
                    TrainingListener.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "arch conv needs image height and width divisible by 4, found 1x3 (use --arch mlp for this data)");
    assertThat(out).doesNotExist();

    assertThatThrownBy(() -> new TrainConfig(1, 0, 1e-3, 1, Estimator.PATHWISE, 1, 1, 1, false))
        .hasMessage("batch-size must be >= 1, found 0");
    assertThatThrownBy(() -> new TrainConfig(1, 8, 1e-3, -1, Estimator.PATHWISE, 1, 1, 1, false))
        .hasMessage("beta must be >= 0 and finite, found -1.0");
    assertThatThrownBy(() -> new TrainConfig(1, 8, 1e-3, 2, Estimator.IWAE, 5, 1, 1, false))
        .hasMessageStartingWith("beta must be 1 with estimator iwae");
    assertThatThrownBy(
            () ->
                new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 0, 4, 0.1)
                    .resolve(new int[] {28, 28}, 784))
        .hasMessage("hidden must be >= 1, found 0");

    // Binarization of standardized data is refused before anything is written.
    TrainConfig binarize = new TrainConfig(1, 2, 1e-3, 1, Estimator.PATHWISE, 1, 1, 1, true);
    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    new TrainRequest(
                        "csv:" + csv,
                        DataOptions.defaults()
                            .withCsvScaling(org.varl.core.data.CsvScaling.STANDARDIZE),
                        SMALL_MODEL,
                        binarize,
                        out,
                        null),
                    TrainingListener.none()))
        .hasMessageStartingWith("binarize needs data in [0, 1], found -");
    assertThat(out).doesNotExist();
    // So is a Bernoulli likelihood for it: its log-likelihood is meaningless outside [0, 1].
    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    new TrainRequest(
                        "csv:" + csv,
                        DataOptions.defaults()
                            .withCsvScaling(org.varl.core.data.CsvScaling.STANDARDIZE),
                        SMALL_MODEL,
                        train(1, Estimator.PATHWISE),
                        out,
                        null),
                    TrainingListener.none()))
        .hasMessageStartingWith("likelihood bernoulli needs data in [0, 1], found -")
        .hasMessageEndingWith("(use --likelihood gaussian for standardized data)");
    assertThat(out).doesNotExist();

    // A model too large for the optimizer's arrays is refused by name, not by an allocation
    // failure.
    assertThatThrownBy(
            () ->
                new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 2_000_000_000, 4, 0.1)
                    .resolve(new int[] {28, 28}, 784))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "hidden 2000000000 and latent 4 make a weight matrix of more than 2^31 entries");
  }

  @Test
  void incompatibleCheckpointOnResumeWritesNothingIntoANewOut(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    VaeTrainer.run(
        request(run, null, SMALL_MODEL, train(1, Estimator.PATHWISE)), TrainingListener.none());
    // Same CRC-valid checkpoint, config claiming another latent size: the tensors no longer fit the
    // model.
    VaeCheckpoint c = VaeCheckpoint.read(run.resolve(VaeCheckpoint.FILE));
    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);
    VaeConfig m = c.config().model();
    VaeConfig latent5 =
        new VaeConfig(
            m.architecture(),
            m.likelihood(),
            m.hidden(),
            5,
            m.observationScale(),
            m.channels(),
            m.height(),
            m.width());
    RunConfig rc = c.config();
    RunConfig claimed =
        new RunConfig(
            rc.data(),
            rc.dataDir(),
            rc.shapesCount(),
            rc.testFraction(),
            rc.csvScaling(),
            rc.csvHasLabel(),
            rc.csvLabelColumn(),
            rc.csvHeader(),
            latent5,
            rc.train(),
            rc.dataChecksum());
    c.withConfig(claimed).write(bad.resolve(VaeCheckpoint.FILE));
    Path out = dir.resolve("fresh");
    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    request(out, bad, SMALL_MODEL, train(2, Estimator.PATHWISE)),
                    TrainingListener.none()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(out.resolve("config.json")).doesNotExist();
    assertThat(out.resolve(MetricsCsv.FILE)).doesNotExist();
  }

  @Test
  void relativeCsvPathIsStoredAbsolute(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("points.csv");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      rows.append(i % 3 * 0.4)
          .append(',')
          .append(i % 5 * 0.2)
          .append(',')
          .append(i % 2)
          .append('\n');
    }
    Files.writeString(csv, rows);
    Path relative = Path.of("").toAbsolutePath().relativize(csv);
    Path out = dir.resolve("csv-run");
    TrainResult r =
        VaeTrainer.run(
            new TrainRequest(
                "csv:" + relative,
                DataOptions.defaults(),
                new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 8, 2, 0.1),
                train(1, Estimator.PATHWISE),
                out,
                null),
            TrainingListener.none());
    assertThat(r.config().data()).isEqualTo("csv:" + csv.toAbsolutePath().normalize());
  }

  @Test
  void existingRunIsNotOverwrittenAndResumeChecksEpochs(@TempDir Path dir) {
    Path run = dir.resolve("run");
    VaeTrainer.run(
        request(run, null, SMALL_MODEL, train(1, Estimator.PATHWISE)), TrainingListener.none());
    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    request(run, null, SMALL_MODEL, train(1, Estimator.PATHWISE)),
                    TrainingListener.none()))
        .hasMessage(
            "out "
                + run
                + " already holds a run (checkpoint.bin); continue it with --resume "
                + run
                + " or choose another --out");
    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    request(run, run, SMALL_MODEL, train(1, Estimator.PATHWISE)),
                    TrainingListener.none()))
        .hasMessage("epochs must exceed the 1 epochs already in " + run + ", found 1");
    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    new TrainRequest(
                        "mnist", SMALL, SMALL_MODEL, train(2, Estimator.PATHWISE), run, run),
                    TrainingListener.none()))
        .hasMessage(
            "data mnist differs from the data of the run in "
                + run
                + ", shapes (omit --data when resuming)");
    Path other = dir.resolve("other");
    VaeTrainer.run(
        request(other, null, SMALL_MODEL, train(1, Estimator.PATHWISE)), TrainingListener.none());
    byte[] otherCheckpoint = readBytes(other.resolve(VaeCheckpoint.FILE));
    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    request(other, run, SMALL_MODEL, train(2, Estimator.PATHWISE)),
                    TrainingListener.none()))
        .hasMessageStartingWith("out " + other + " already holds another run");
    assertThat(readBytes(other.resolve(VaeCheckpoint.FILE))).isEqualTo(otherCheckpoint);
    // Resuming into a fresh directory continues the run there and keeps the source untouched.
    Path fresh = dir.resolve("fresh");
    TrainResult continued =
        VaeTrainer.run(
            request(fresh, run, SMALL_MODEL, train(2, Estimator.PATHWISE)),
            TrainingListener.none());
    assertThat(continued.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2);
    assertThat(VaeCheckpoint.read(run.resolve(VaeCheckpoint.FILE)).epoch()).isEqualTo(1);
    assertThat(MetricsCsv.read(fresh.resolve(MetricsCsv.FILE))).hasSize(2);
  }

  static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
