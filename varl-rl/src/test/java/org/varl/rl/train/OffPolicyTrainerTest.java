package org.varl.rl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.io.Checkpoint;
import org.varl.rl.env.Envs;

/**
 * The training loop: SAC learns a tiny task; a run stopped at an evaluation and resumed equals the
 * uninterrupted run in every parameter, optimizer moment, buffer entry and metric; the loop is
 * generic (a discrete agent on CartPole); bad settings are refused before anything is written.
 */
class OffPolicyTrainerTest {

  @TempDir Path dir;

  private static TrainConfig tiny() {
    return TrainConfig.defaults()
        .withEnv("match-target")
        .withHidden(32)
        .withReplay(64, 5_000, 100)
        .withEvaluation(200, 5)
        .withSteps(1_200);
  }

  private static OffPolicyTrainer.Result train(TrainConfig c, Path out) {
    return OffPolicyTrainer.run(c, MatchTarget::limited, out, null, TrainListener.NONE);
  }

  @Test
  void sacLearnsToMatchTheTarget() {
    OffPolicyTrainer.Result r = train(tiny(), dir);
    List<MetricsRow> evals = r.rows().stream().filter(MetricsRow::isEvaluation).toList();
    assertThat(evals).hasSize(6);
    // Random actions earn about -6.7 per episode; after 1,100 updates the policy is close to a = x.
    assertThat(evals.get(0).evalReturnMean()).isLessThan(-2);
    assertThat(r.lastEvaluation().evalReturnMean()).isGreaterThan(-0.5);
    assertThat(r.updates()).isEqualTo(1_100);
    assertThat(dir.resolve(OffPolicyTrainer.CHECKPOINT)).exists();
    assertThat(dir.resolve(OffPolicyTrainer.CONFIG)).exists();
  }

  @Test
  void aResumedRunContinuesTheUninterruptedOneBitForBit() throws IOException {
    TrainConfig c = tiny().withSteps(600).withEvaluation(150, 2);
    Path whole = dir.resolve("whole");
    Path half = dir.resolve("half");
    train(c, whole);
    train(c.withSteps(450), half);
    Checkpoint ck = Checkpoint.read(half.resolve(OffPolicyTrainer.CHECKPOINT), null);
    OffPolicyTrainer.run(c, MatchTarget::limited, half, ck, TrainListener.NONE);
    Checkpoint a = Checkpoint.read(whole.resolve(OffPolicyTrainer.CHECKPOINT), "sac");
    Checkpoint b = Checkpoint.read(half.resolve(OffPolicyTrainer.CHECKPOINT), "sac");
    assertThat(b.counters()).isEqualTo(a.counters());
    assertThat(b.tensors().keySet()).containsExactlyElementsOf(a.tensors().keySet());
    for (String name : a.tensors().keySet()) {
      Checkpoint.Tensor ta = a.tensor(name);
      Checkpoint.Tensor tb = b.tensor(name);
      assertThat(tb.shape()).as(name).isEqualTo(ta.shape());
      if (ta.dtype() == Checkpoint.DType.FLOAT32) {
        assertThat((float[]) tb.values()).as(name).containsExactly((float[]) ta.values());
      } else if (name.equals("train/metrics")) {
        // Every column but the last, updates_per_second, the one that measures wall-clock time.
        double[] va = (double[]) ta.values();
        double[] vb = (double[]) tb.values();
        for (int i = 0; i < va.length; i++) {
          if (i % MetricsRow.COLUMNS != MetricsRow.COLUMNS - 1) {
            assertThat(Double.doubleToLongBits(vb[i]))
                .as("%s[%d]", name, i)
                .isEqualTo(Double.doubleToLongBits(va[i]));
          }
        }
      } else {
        assertThat((double[]) tb.values()).as(name).containsExactly((double[]) ta.values());
      }
    }
    assertThat(withoutRates(half)).isEqualTo(withoutRates(whole));
  }

  private static List<String> withoutRates(Path run) throws IOException {
    return Files.readAllLines(run.resolve(OffPolicyTrainer.METRICS)).stream()
        .map(l -> l.substring(0, l.lastIndexOf(',')))
        .toList();
  }

  @Test
  void theLoopIsGenericOverDiscreteAgents() {
    TrainConfig c =
        TrainConfig.defaults()
            .withEnv("cartpole")
            .withAlgo("dsac")
            .withHidden(16)
            .withReplay(32, 1_000, 50)
            .withEvaluation(150, 1)
            .withSteps(300);
    OffPolicyTrainer.Result r =
        OffPolicyTrainer.run(c, () -> Envs.make("cartpole"), dir, null, TrainListener.NONE);
    assertThat(r.updates()).isEqualTo(250);
    assertThat(r.rows().stream().filter(x -> !x.isEvaluation()).count()).isPositive();
    assertThat(r.lastEvaluation().evalReturnMean()).isPositive();
  }

  @Test
  void badSettingsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> TrainConfig.defaults().withSteps(0))
        .hasMessage("steps must be >= 1, found 0");
    assertThatThrownBy(() -> TrainConfig.defaults().withGamma(0))
        .hasMessage("gamma must be in (0, 1], found 0.0");
    assertThatThrownBy(() -> TrainConfig.defaults().withAlpha("-1"))
        .hasMessage("alpha must be >= 0 and finite, found -1");
    assertThatThrownBy(() -> Algorithms.schedule(TrainConfig.defaults().withReplay(512, 256, -1)))
        .hasMessage("batch-size must be <= buffer-size 256, found 512");
    assertThatThrownBy(
            () ->
                OffPolicyTrainer.run(
                    TrainConfig.defaults().withAlgo("ppo"), dir, TrainListener.NONE))
        .hasMessage("algo must be one of sac, soft-q, dqn, dsac, found 'ppo'");
    assertThatThrownBy(
            () ->
                OffPolicyTrainer.run(
                    TrainConfig.defaults().withEnv("acrobot"), dir, TrainListener.NONE))
        .hasMessageStartingWith("env must be one of pendulum");
    assertThatThrownBy(
            () ->
                OffPolicyTrainer.run(
                    TrainConfig.defaults().withEnv("cartpole"), dir, TrainListener.NONE))
        .hasMessageContaining("sac needs a continuous (Box) action space");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aNonFiniteLossStopsTrainingAndKeepsTheLastGoodCheckpoint() {
    TrainConfig c = tiny().withSteps(600).withEvaluation(100, 1);
    // The training environment's rewards turn NaN from its step 250 on: an update soon samples one.
    java.util.function.Supplier<org.varl.rl.env.Env> poisoned = () -> new NanAfter(250);
    assertThatThrownBy(() -> OffPolicyTrainer.run(c, poisoned, dir, null, TrainListener.NONE))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageContaining("diverged (critic loss NaN")
        .hasMessageContaining("the last good checkpoint (step 200) is in " + dir);
    Checkpoint kept = Checkpoint.read(dir.resolve(OffPolicyTrainer.CHECKPOINT), "sac");
    assertThat(kept.counter("train/step")).isEqualTo(200);
  }

  @Test
  void configJsonRoundTrips() {
    TrainConfig c = tiny().withAlpha("0.2").withGamma(0.95).withLearningRate(3e-4);
    assertThat(TrainConfig.fromJson(c.toJson())).isEqualTo(c);
    assertThat(TrainConfig.fromJson(TrainConfig.defaults().toJson()))
        .isEqualTo(TrainConfig.defaults());
  }

  /** MatchTarget in its time limit whose rewards are NaN after {@code clean} steps. */
  private static final class NanAfter implements org.varl.rl.env.Env {
    private final org.varl.rl.env.Env env = MatchTarget.limited();
    private final long clean;
    private long steps;

    NanAfter(long clean) {
      this.clean = clean;
    }

    @Override
    public org.varl.rl.env.Box observationSpace() {
      return env.observationSpace();
    }

    @Override
    public org.varl.rl.env.Space actionSpace() {
      return env.actionSpace();
    }

    @Override
    public double[] reset(long seed) {
      return env.reset(seed);
    }

    @Override
    public double[] reset() {
      return env.reset();
    }

    @Override
    public org.varl.rl.env.Step step(double[] action) {
      org.varl.rl.env.Step s = env.step(action);
      return ++steps <= clean
          ? s
          : new org.varl.rl.env.Step(s.observation(), Double.NaN, s.terminated(), s.truncated());
    }

    @Override
    public double[] state() {
      return env.state();
    }

    @Override
    public double[] setState(double[] state) {
      return env.setState(state);
    }

    @Override
    public String id() {
      return "NanAfter";
    }
  }
}
