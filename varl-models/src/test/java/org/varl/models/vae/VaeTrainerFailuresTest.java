package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.data.DataOptions;
import org.varl.core.data.DataSources;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * What stops a training run, and with which message: a partial last batch of one example is an
 * ordinary batch, a non-finite model is divergence (on the autograd path too), and any other {@link
 * IllegalArgumentException} from a step keeps its own message instead of being reported as
 * divergence.
 */
class VaeTrainerFailuresTest {

  /**
   * 193 sprites: round(193/6) = 32 test, 161 = 5 x 32 + 1 train, so every epoch ends with a batch
   * of one.
   */
  private static final DataOptions LAST_BATCH_OF_ONE = DataOptions.defaults().withShapesCount(193);

  @Test
  void scoreFunctionRunWhoseLastBatchHoldsOneExampleHasFiniteLosses(@TempDir Path dir) {
    TrainConfig t = new TrainConfig(2, 32, 3e-3, 1.0, Estimator.SCORE, 1, 5L, 1, false);
    int trainSize = DataSources.load("shapes", LAST_BATCH_OF_ONE.withSeed(t.seed())).train().size();
    assertThat(trainSize % t.batchSize())
        .as("train size %d mod batch %d", trainSize, t.batchSize())
        .isEqualTo(1);

    TrainResult r =
        VaeTrainer.run(
            new TrainRequest(
                "shapes",
                LAST_BATCH_OF_ONE,
                VaeTrainerTest.SMALL_MODEL,
                t,
                dir.resolve("run"),
                null),
            TrainingListener.none());

    assertThat(r.gradientPath()).isEqualTo("autograd");
    assertThat(r.history()).hasSize(2);
    for (EpochMetrics m : r.history()) {
      assertThat(m.trainLoss()).as("train loss, epoch %d", m.epoch()).isFinite();
      assertThat(m.testLoss()).as("test loss, epoch %d", m.epoch()).isFinite();
      assertThat(m.kl()).as("KL, epoch %d", m.epoch()).isFinite();
    }
    // The parameters after two epochs (10 steps with a batch of one) are finite, so the run can go
    // on.
    VaeCheckpoint c = VaeCheckpoint.read(dir.resolve("run").resolve(VaeCheckpoint.FILE));
    for (int i = 0; i < c.values().size(); i++) {
      for (float v : c.values().get(i)) {
        assertThat(v).as("parameter %s", c.names().get(i)).isFinite();
      }
    }
  }

  /**
   * The autograd path's divergence: after Adam's absurd first step the encoder's outputs overflow,
   * the core's distributions refuse them before a loss exists, and that is still reported as
   * divergence with the step.
   */
  @Test
  void autogradDivergenceIsReportedAsDivergence(@TempDir Path dir) {
    Path run = dir.resolve("run");
    TrainConfig good = new TrainConfig(1, 32, 3e-3, 1.0, Estimator.SCORE, 1, 5L, 1, false);
    VaeTrainer.run(
        VaeTrainerTest.request(run, null, VaeTrainerTest.SMALL_MODEL, good),
        TrainingListener.none());
    VaeCheckpoint c = VaeCheckpoint.read(run.resolve(VaeCheckpoint.FILE));
    TrainConfig bad = new TrainConfig(3, 32, 1e30, 1.0, Estimator.SCORE, 1, 5L, 1, false);
    c.withConfig(c.config().withTrain(bad)).write(run.resolve(VaeCheckpoint.FILE));

    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    VaeTrainerTest.request(run, run, VaeTrainerTest.SMALL_MODEL, bad),
                    TrainingListener.none()))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageStartingWith("training diverged at epoch 2, step ")
        .hasMessageContaining("the last good checkpoint (epoch 1) is kept in " + run);
  }

  /**
   * A Gaussian likelihood whose scale (1e-50, accepted by the config as a positive double) rounds
   * to 0 in float32: the core refuses {@code scale = 0} at the first step while the model itself is
   * finite. That is a bad setting, not divergence, and its own message must reach the user.
   */
  @Test
  void anIllegalArgumentThatIsNotDivergenceKeepsItsOwnMessage(@TempDir Path dir) {
    ModelOptions tinyScale = new ModelOptions(Architecture.MLP, Likelihood.GAUSSIAN, 32, 4, 1e-50);
    TrainConfig t = new TrainConfig(1, 32, 3e-3, 1.0, Estimator.PATHWISE, 1, 5L, 1, false);
    assertThatThrownBy(
            () ->
                VaeTrainer.run(
                    VaeTrainerTest.request(dir.resolve("run"), null, tinyScale, t),
                    TrainingListener.none()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scale must be > 0, found 0.0 at index");
  }

  /**
   * The check behind the classification: encoder and decoder outputs, each of which can be the
   * non-finite one.
   */
  @Test
  void modelOutputsAreFiniteSeesTheEncoderAndTheDecoder() {
    VaeConfig config = new VaeConfig(Architecture.MLP, Likelihood.BERNOULLI, 8, 2, 0.1, 1, 2, 3);
    try (NDManager root = NDManager.newBaseManager();
        Vae vae = Vae.create(config, 3, root);
        NDManager m = root.newSubManager()) {
      NDArray x =
          m.create(new float[] {0f, 1f, 1f, 0f, 1f, 0f, 1f, 1f, 0f, 0f, 0f, 1f}, new Shape(2, 6));
      NDArray eps = NoiseStream.normal(m, new Shape(2, 2), 1, Streams.TRAIN_NOISE, 1, 0);
      assertThat(VaeTrainer.modelOutputsAreFinite(vae, x, eps)).isTrue();
      List<NDArray> params = vae.parameterArrays();
      NDArray decoderBias = params.get(params.size() - 1);
      decoderBias.set(new NDIndex("0"), Float.POSITIVE_INFINITY);
      assertThat(VaeTrainer.modelOutputsAreFinite(vae, x, eps)).as("decoder output +inf").isFalse();
      decoderBias.set(new NDIndex("0"), 0f);
      assertThat(VaeTrainer.modelOutputsAreFinite(vae, x, eps)).isTrue();
      params.get(0).set(new NDIndex("0, 0"), Float.NaN);
      assertThat(VaeTrainer.modelOutputsAreFinite(vae, x, eps)).as("encoder weight NaN").isFalse();
    }
  }
}
