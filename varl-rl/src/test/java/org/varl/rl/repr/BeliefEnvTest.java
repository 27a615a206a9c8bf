package org.varl.rl.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.engine.EngineSetup;
import org.varl.models.ssm.SequenceData;
import org.varl.models.ssm.SsmCheckpoint;
import org.varl.models.ssm.SsmConfig;
import org.varl.models.ssm.SsmEncoder;
import org.varl.models.ssm.SsmLikelihood;
import org.varl.models.ssm.SsmPrediction;
import org.varl.models.ssm.SsmTrainConfig;
import org.varl.models.ssm.SsmTrainer;
import org.varl.rl.env.Env;
import org.varl.rl.env.Envs;
import org.varl.rl.env.PixelOptions;
import org.varl.rl.env.Step;
import org.varl.testing.ResourceCounts;

/** The online filtering belief of {@code --encoder ssm:RUN} against the offline filter. */
class BeliefEnvTest {

  static final PixelOptions PIXELS = new PixelOptions(16, 1);

  @TempDir static Path shared;
  static Path rssm;
  static Path markov;
  static Path smoothing;

  @BeforeAll
  static void models() {
    EngineSetup.threads(1);
    SsmConfig base =
        SsmConfig.defaults(256, 1)
            .withDimZ(3)
            .withHidden(16)
            .withLikelihood(SsmLikelihood.BERNOULLI);
    rssm = write("rssm", base.withDeterministic(8));
    markov = write("markov", base);
    smoothing = write("smoothing", base.withEncoder(SsmEncoder.SMOOTHING));
  }

  /** An untrained run (the identity holds for any parameters), checkpointed. */
  private static Path write(String name, SsmConfig c) {
    Path d = shared.resolve(name);
    try (NDManager m = NDManager.newBaseManager()) {
      Files.createDirectories(d);
      SsmTrainer.Run run =
          SsmTrainer.train(
              m,
              c,
              SsmTrainConfig.defaults().withSteps(0).withSeed(4),
              new SequenceData(2, 1, 256, 1, new double[512], new double[2]),
              SsmTrainer.Listener.none());
      SsmCheckpoint.write(d.resolve("checkpoint.bin"), run);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return d;
  }

  @Test
  void beliefEqualsTheOfflineFilterOnTheSameEpisodeAndResetsAtEpisodeStart() {
    for (Path run : new Path[] {rssm, markov}) {
      try (BeliefEnv.Model model = BeliefEnv.Model.load(run)) {
        BeliefEnv env = new BeliefEnv(Envs.make("pendulum-pixels", PIXELS), model);
        Env pixels = Envs.make("pendulum-pixels", PIXELS);
        int steps = 30;
        int dim = model.dimension();
        assertThat(dim).isEqualTo(run == rssm ? 11 : 3);
        assertThat(env.observationSpace().low().length).isEqualTo(dim);
        for (long seed : new long[] {3, 8}) {
          SplittableRandom r = new SplittableRandom(seed);
          double[][] online = new double[steps][];
          double[] x = new double[steps * 256];
          double[] a = new double[steps];
          online[0] = env.reset(seed);
          double[] frame = pixels.reset(seed);
          for (int t = 0; t < steps; t++) {
            System.arraycopy(frame, 0, x, t * 256, 256);
            a[t] = r.nextDouble(-2, 2);
            if (t + 1 < steps) {
              Step s = env.step(new double[] {a[t]});
              online[t + 1] = s.observation();
              frame = pixels.step(new double[] {a[t]}).observation();
            }
          }
          double[][][] offline =
              SsmPrediction.filter(
                  model.manager(), model.run().model(), new SequenceData(1, steps, 256, 1, x, a));
          for (int t = 0; t < steps; t++) {
            for (int j = 0; j < dim; j++) {
              assertThat(online[t][j])
                  .as("seed %d step %d value %d", seed, t, j)
                  .isCloseTo(offline[0][t][j], within(1e-5));
            }
          }
        }
        // flat native memory over many steps
        env.reset(1);
        ResourceCounts.assertFlatOver(model.manager(), 60, k -> env.step(new double[] {0.5}));
      }
    }
  }

  @Test
  void modelsThatCannotKeepABeliefAreRefusedInOneLine() {
    assertThatThrownBy(() -> BeliefEnv.Model.load(smoothing))
        .hasMessage(
            "--encoder ssm:"
                + smoothing
                + ": an online belief needs a filtering encoder, the model's is smoothing");
    assertThatThrownBy(() -> BeliefEnv.Model.load(shared.resolve("none")))
        .hasMessageContaining("no checkpoint.bin");
    try (BeliefEnv.Model model = BeliefEnv.Model.load(rssm)) {
      assertThatThrownBy(
              () -> new BeliefEnv(Envs.make("pendulum-pixels", new PixelOptions(16, 3)), model))
          .hasMessageContaining(
              "the model reads observations of 256 values, the environment's have 768 (3x16x16)");
    }
    ObservationSpec spec = ObservationSpec.resolve("pendulum-pixels", PIXELS, "ssm:" + rssm);
    assertThat(spec.latent()).isEqualTo(11);
    assertThat(spec.encoder()).isEqualTo("ssm:" + rssm.toAbsolutePath().normalize());
    try (ObservationSpec.Environments envs = spec.open()) {
      assertThat(envs.factory().get().reset(2)).hasSize(11);
    }
  }
}
