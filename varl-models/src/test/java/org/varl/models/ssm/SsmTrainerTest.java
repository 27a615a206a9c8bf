package org.varl.models.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.engine.EngineSetup;
import org.varl.core.optim.Adam;
import org.varl.testing.MonteCarlo;
import org.varl.testing.ResourceCounts;

/** Training on linear-Gaussian data: a bound below the exact value, improvement, memory, resume. */
class SsmTrainerTest {

  @TempDir Path dir;

  @BeforeAll
  static void oneThread() {
    EngineSetup.threads(1);
  }

  static final LinearGaussianSsm TRUTH = LinearGaussianSsm.random(2, 3, 1, 7);

  @Test
  void trainedHeldOutElboIsBelowTheKalmanValueAndAboveTheUntrainedOne() {
    SequenceData all = TRUTH.sample(250, 10, 1);
    SequenceData train = all.train();
    SequenceData held = all.heldOut();
    double[] exact = Kalman.logLikelihoods(TRUTH, held);
    for (SsmEncoder encoder : SsmEncoder.values()) {
      SsmConfig config = SsmConfig.defaults(3, 1).withEncoder(encoder).withHidden(32);
      SsmTrainConfig tc = SsmTrainConfig.defaults().withSteps(1000).withBatchSize(32);
      try (NDManager m = NDManager.newBaseManager()) {
        double[] untrained =
            SequenceElbo.evaluate(m, SequenceModel.create(m, config, tc.seed()), held, 4, 1)[0];
        SsmTrainer.Run run = SsmTrainer.train(m, config, tc, train, SsmTrainer.Listener.none());
        double[] elbo = SequenceElbo.evaluate(m, run.model(), held, 4, 1)[0];
        double[] gap = new double[elbo.length];
        double[] gain = new double[elbo.length];
        for (int i = 0; i < gap.length; i++) {
          gap[i] = exact[i] - elbo[i];
          gain[i] = elbo[i] - untrained[i];
        }
        // ELBO ≤ log p(x): the mean gap over held-out sequences is ≥ 0 up to 3 standard errors.
        assertThat(MonteCarlo.mean(gap))
            .as("%s: mean gap %.3f nats per sequence", encoder, MonteCarlo.mean(gap))
            .isGreaterThan(-3 * MonteCarlo.standardError(gap));
        System.out.printf(
            "%s: exact %.3f, untrained %.3f, trained %.3f nats per sequence%n",
            encoder, MonteCarlo.mean(exact), MonteCarlo.mean(untrained), MonteCarlo.mean(elbo));
        // Training helps by far more than its Monte Carlo error (measured: 7.8 nats, 10 SE).
        assertThat(MonteCarlo.mean(gain))
            .as("%s: improvement", encoder)
            .isGreaterThan(Math.max(3.0, 6 * MonteCarlo.standardError(gain)));
        // And reaches within 1.5 nats per step of the exact value.
        assertThat(MonteCarlo.mean(gap) / 10).as("%s gap per step", encoder).isLessThan(1.5);
      }
    }
  }

  @Test
  void stepsLeaveTheRootManagerFlat() {
    SequenceData data = TRUTH.sample(20, 6, 2);
    for (SsmConfig config :
        new SsmConfig[] {
          SsmConfig.defaults(3, 1).withHidden(16),
          SsmConfig.defaults(3, 1)
              .withHidden(16)
              .withDeterministic(8)
              .withEncoder(SsmEncoder.SMOOTHING)
        }) {
      try (NDManager root = NDManager.newBaseManager()) {
        SequenceModel model = SequenceModel.create(root, config, 1);
        SsmTrainConfig tc = SsmTrainConfig.defaults().withBatchSize(8);
        try (Adam adam = Adam.of(model.parameters(), tc.learningRate())) {
          SsmTrainer.step(root, model, tc, adam, data, 0);
          ResourceCounts.assertFlatOver(
              root, 30, k -> SsmTrainer.step(root, model, tc, adam, data, k + 1));
          ResourceCounts.assertFlatOver(
              root, 3, k -> SequenceElbo.evaluate(root, model, data, 2, k));
        }
      }
    }
  }

  @Test
  void resumeFromACheckpointEqualsAnUninterruptedRun() {
    SequenceData data = TRUTH.sample(30, 6, 3);
    SsmConfig config =
        SsmConfig.defaults(3, 1)
            .withHidden(16)
            .withDeterministic(8)
            .withEncoder(SsmEncoder.SMOOTHING);
    SsmTrainConfig tc = SsmTrainConfig.defaults().withBatchSize(8).withSteps(8);
    float[][] whole;
    double[][] wholeHistory;
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run run = SsmTrainer.train(m, config, tc, data, SsmTrainer.Listener.none());
      whole = params(run);
      wholeHistory = run.history();
    }
    Path file = dir.resolve("checkpoint.bin");
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run half =
          SsmTrainer.train(m, config, tc.withSteps(3), data, SsmTrainer.Listener.none());
      SsmCheckpoint.write(file, half);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainer.Run back = SsmCheckpoint.read(file, m);
      assertThat(back.steps()).isEqualTo(3);
      SsmTrainer.Run rest = SsmTrainer.continueTo(m, back, 8, data, SsmTrainer.Listener.none());
      float[][] resumed = params(rest);
      for (int i = 0; i < whole.length; i++) {
        assertThat(resumed[i]).containsExactly(whole[i]);
      }
      assertThat(rest.history()).isDeepEqualTo(wholeHistory);
      assertThat(rest.train().steps()).isEqualTo(8);
      assertThatThrownBy(() -> SsmTrainer.continueTo(m, rest, 5, data, SsmTrainer.Listener.none()))
          .hasMessageContaining("steps must be >= the 8 steps");
    }
  }

  @Test
  void corruptAndIncompatibleCheckpointsAreOneLineErrors() throws Exception {
    SequenceData data = TRUTH.sample(10, 4, 3);
    Path file = dir.resolve("c.bin");
    try (NDManager m = NDManager.newBaseManager()) {
      SsmTrainConfig tc = SsmTrainConfig.defaults().withBatchSize(4).withSteps(1);
      SsmCheckpoint.write(
          file,
          SsmTrainer.train(
              m, SsmConfig.defaults(3, 1).withHidden(8), tc, data, SsmTrainer.Listener.none()));
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 0x5a;
      Path corrupt = dir.resolve("corrupt.bin");
      Files.write(corrupt, bytes);
      assertThatThrownBy(() -> SsmCheckpoint.read(corrupt, m))
          .isInstanceOf(IllegalArgumentException.class)
          .message()
          .doesNotContain("\n");
      Path truncated = dir.resolve("truncated.bin");
      Files.write(truncated, java.util.Arrays.copyOf(bytes, 20));
      assertThatThrownBy(() -> SsmCheckpoint.read(truncated, m))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () ->
                  SsmTrainer.train(
                      m, SsmConfig.defaults(4, 1), tc, data, SsmTrainer.Listener.none()))
          .hasMessage(
              "the data have 3 observation and 1 action columns, the model expects 4 and 1");
    }
  }

  private static float[][] params(SsmTrainer.Run run) {
    float[][] p = new float[run.model().parameters().size()][];
    for (int i = 0; i < p.length; i++) {
      p[i] = run.model().parameters().get(i).toFloatArray();
    }
    return p;
  }
}
