package org.varl.models.vae;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.data.DataOptions;

/**
 * The general (autograd) path for each option the analytic step does not cover: it runs and it
 * learns.
 */
class AutogradPathsTest {

  private static TrainResult train(Path out, int sprites, ModelOptions model, TrainConfig t) {
    return VaeTrainer.run(
        new TrainRequest(
            "shapes", DataOptions.defaults().withShapesCount(sprites), model, t, out, null),
        TrainingListener.none());
  }

  private static void assertLearns(TrainResult r) {
    assertThat(r.gradientPath()).isEqualTo("autograd");
    EpochMetrics first = r.history().get(0);
    EpochMetrics last = r.last();
    assertThat(last.trainLoss()).isLessThan(first.trainLoss());
    assertThat(last.testLoss()).isLessThan(first.testLoss());
  }

  @Test
  void scoreFunctionEstimatorLearns(@TempDir Path dir) {
    assertLearns(
        train(
            dir,
            1200,
            new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 64, 4, 0.1),
            new TrainConfig(3, 32, 3e-3, 1, Estimator.SCORE, 1, 3, 1, false)));
  }

  @Test
  void iwaeBoundLearns(@TempDir Path dir) {
    TrainResult r =
        train(
            dir,
            1200,
            new ModelOptions(Architecture.MLP, Likelihood.BERNOULLI, 64, 4, 0.1),
            new TrainConfig(3, 32, 1e-3, 1, Estimator.IWAE, 5, 3, 1, false));
    assertThat(r.gradientPath()).isEqualTo("autograd");
    // The minimized quantity is -L_K: it must go down (the ELBO of an IWAE-trained encoder need
    // not).
    assertThat(r.last().trainLoss()).isLessThan(r.history().get(0).trainLoss());
  }

  @Test
  void gaussianLikelihoodLearns(@TempDir Path dir) {
    assertLearns(
        train(
            dir,
            600,
            new ModelOptions(Architecture.MLP, Likelihood.GAUSSIAN, 32, 4, 0.1),
            new TrainConfig(2, 32, 3e-3, 1, Estimator.PATHWISE, 1, 3, 1, false)));
  }

  @Test
  void convolutionalVariantLearnsWithBinarizedBatches(@TempDir Path dir) {
    assertLearns(
        train(
            dir,
            360,
            new ModelOptions(Architecture.CONV, Likelihood.BERNOULLI, 32, 4, 0.1),
            new TrainConfig(2, 30, 3e-3, 1, Estimator.PATHWISE, 1, 3, 1, true)));
  }
}
