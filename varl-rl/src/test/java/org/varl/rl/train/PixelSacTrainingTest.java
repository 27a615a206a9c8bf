package org.varl.rl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.engine.EngineSetup;
import org.varl.core.io.Checkpoint;
import org.varl.rl.agents.Agent;
import org.varl.rl.agents.SacAgent;
import org.varl.rl.env.Envs;

/**
 * {@code --encoder conv} through the training loop: SAC learns {@link PixelMatchTarget} from its
 * images alone; the checkpoint records the encoder (kind and config) and a loaded agent evaluates
 * as the run's last evaluation did; an encoder on flat observations is refused naming the option
 * and the environment.
 */
class PixelSacTrainingTest {

  @TempDir Path dir;

  @BeforeAll
  static void oneThread() {
    EngineSetup.threads(1);
  }

  private static TrainConfig tiny() {
    return TrainConfig.defaults()
        .withEnv("pixel-match-target")
        .withEncoder(TrainConfig.CONV_ENCODER, 16)
        .withHidden(32)
        .withReplay(64, 5_000, 200)
        .withEvaluation(500, 10)
        .withSteps(1_500);
  }

  @Test
  void sacLearnsTheTargetFromPixelsAndTheRunEvaluatesAfterLoading() {
    OffPolicyTrainer.Result r =
        OffPolicyTrainer.run(tiny(), PixelMatchTarget::limited, dir, null, TrainListener.NONE);
    // Random actions earn about 2.4 per episode, the best image-blind policy 5.7, the optimum 10
    // (measured with seed 1: 9.52, 9.71, 9.77 at steps 500, 1000, 1500).
    double last = r.lastEvaluation().evalReturnMean();
    assertThat(last).isGreaterThan(8.0);
    assertThat(r.updates()).isEqualTo(1_300);
    Checkpoint c = Checkpoint.read(dir.resolve(OffPolicyTrainer.CHECKPOINT), null);
    assertThat(c.kind()).isEqualTo(SacAgent.KIND_CONV);
    TrainConfig stored = TrainConfig.fromJson(c.config());
    assertThat(stored.encoder()).isEqualTo("conv");
    assertThat(stored.encoderFeatures()).isEqualTo(16);
    // An agent rebuilt from the stored config and loaded (what TrainedAgent does for a registered
    // environment) evaluates the training's last round (index 2) to the same number.
    try (NDManager manager = NDManager.newBaseManager();
        Agent agent = Algorithms.build(stored, PixelMatchTarget.limited(), manager).agent()) {
      assertThat(agent.kind()).isEqualTo(c.kind());
      agent.readFrom(c);
      double loaded =
          Evaluation.run(agent, PixelMatchTarget.limited(), 10, stored.seed(), 2, true).mean();
      assertThat(loaded).isEqualTo(last);
    }
  }

  @Test
  void anEncoderOnFlatObservationsIsRefusedNamingTheOptionAndTheEnv() {
    TrainConfig c = TrainConfig.defaults().withEncoder(TrainConfig.CONV_ENCODER, 0);
    assertThatThrownBy(() -> Algorithms.requireEncoder(c, Envs.make("pendulum")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "encoder conv needs image observations, env pendulum has a flat vector of 3 values:"
                + " use --encoder none or an image environment");
    assertThatThrownBy(() -> OffPolicyTrainer.run(c, dir.resolve("run"), TrainListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encoder conv needs image observations, env pendulum");
    assertThat(Files.exists(dir.resolve("run"))).isFalse();
    assertThatThrownBy(
            () -> Algorithms.requireEncoder(c.withAlgo("dsac"), PixelMatchTarget.limited()))
        .hasMessage("encoder conv is only available with --algo sac, found algo dsac");
    assertThatThrownBy(() -> TrainConfig.defaults().withEncoder("resnet", 0))
        .hasMessage("encoder must be one of none, conv, found 'resnet'");
    assertThatThrownBy(() -> TrainConfig.defaults().withEncoder("none", 8))
        .hasMessageContaining("encoder-features needs --encoder conv");
  }

  @Test
  void theEncoderSettingsRoundTripThroughJsonAndOldConfigsHaveNone() {
    TrainConfig c = tiny();
    assertThat(TrainConfig.fromJson(c.toJson())).isEqualTo(c);
    String old = TrainConfig.defaults().toJson().replaceAll("(?m)^  \"encoder.*\\n", "");
    assertThat(old).doesNotContain("encoder");
    TrainConfig parsed = TrainConfig.fromJson(old.replace("\"threads\": 1,", "\"threads\": 1"));
    assertThat(parsed.encoder()).isEqualTo("none");
    assertThat(parsed.hasEncoder()).isFalse();
    assertThat(Algorithms.schedule(c.withReplay(0, 0, -1))).isEqualTo(Algorithms.SAC_CONV_SCHEDULE);
  }
}
