package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.data.DataOptions;
import org.varl.core.data.DataSources;

/**
 * What stops a training run, and with which message: a partial last batch of one example is an ordinary batch, a
 * non-finite model is divergence (on the autograd path too), and any other {@link IllegalArgumentException} from a
 * step keeps its own message instead of being reported as divergence.
 */
class VaeTrainerFailuresTest {

  /** 193 sprites: round(193/6) = 32 test, 161 = 5 x 32 + 1 train, so every epoch ends with a batch of one. */
  private static final DataOptions LAST_BATCH_OF_ONE = DataOptions.defaults().withShapesCount(193);

  @Test
  void scoreFunctionRunWhoseLastBatchHoldsOneExampleHasFiniteLosses(@TempDir Path dir) {
    TrainConfig t = new TrainConfig(2, 32, 3e-3, 1.0, Estimator.SCORE, 1, 5L, 1, false);
    int trainSize = DataSources.load("shapes", LAST_BATCH_OF_ONE.withSeed(t.seed())).train().size();
    assertThat(trainSize % t.batchSize()).as("train size %d mod batch %d", trainSize, t.batchSize()).isEqualTo(1);

    TrainResult r = VaeTrainer.run(new TrainRequest("shapes", LAST_BATCH_OF_ONE, VaeTrainerTest.SMALL_MODEL, t,
        dir.resolve("run"), null), TrainingListener.none());

    assertThat(r.gradientPath()).isEqualTo("autograd");
    assertThat(r.history()).hasSize(2);
    for (EpochMetrics m : r.history()) {
      assertThat(m.trainLoss()).as("train loss, epoch %d", m.epoch()).isFinite();
      assertThat(m.testLoss()).as("test loss, epoch %d", m.epoch()).isFinite();
      assertThat(m.kl()).as("KL, epoch %d", m.epoch()).isFinite();
    }
    // The parameters after two epochs (10 steps with a batch of one) are finite, so the run can go on.
    Checkpoint c = Checkpoint.read(dir.resolve("run").resolve(Checkpoint.FILE));
    for (int i = 0; i < c.values().size(); i++) {
      for (float v : c.values().get(i)) {
        assertThat(v).as("parameter %s", c.names().get(i)).isFinite();
      }
    }
  }
}
