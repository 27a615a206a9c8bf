package org.varl.rl.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.varl.core.distributions.TanhNormal;
import org.varl.core.engine.Scalars;
import org.varl.core.io.Checkpoint;
import org.varl.core.nn.Mlp;
import org.varl.rl.env.Box;
import org.varl.rl.replay.ReplayBatch;
import org.varl.rl.replay.ReplayBuffer;
import org.varl.testing.ResourceCounts;

/**
 * SAC's update against independent computations: the critic target in double precision from the
 * networks' weights, the log-density against {@code TanhNormal}, Polyak averaging, the direction of
 * the temperature step, the checkpoint round trip and the native memory of many updates.
 */
class SacAgentTest {

  private static final Box OBS = Box.uniform(3, -8, 8);
  private static final Box ACT = Box.uniform(1, -2, 2);

  private static SacConfig small() {
    return SacConfig.defaults().withHidden(16);
  }

  /** A hand-made batch: rewards −1..−4, the second transition terminal. */
  private static ReplayBatch batch() {
    float[] obs = {0.1f, 0.9f, -0.5f, -1f, 0f, 2f, 0.6f, -0.8f, 0.3f, 0f, 1f, -3f};
    float[] act = {0.5f, -1.5f, 2f, 0f};
    float[] rew = {-1f, -2f, -3f, -4f};
    float[] next = {0.2f, 0.8f, -0.4f, -0.9f, 0.1f, 1.5f, 0.5f, -0.7f, 0.6f, 0.1f, 0.9f, -2f};
    float[] term = {0f, 1f, 0f, 0f};
    return new ReplayBatch(4, 3, 1, obs, act, rew, next, term);
  }

  @Test
  void criticTargetEqualsTheSoftBellmanBackupComputedIndependently() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = new SacAgent(root, OBS, ACT, small().withFixedAlpha(0.3), 7)) {
      ReplayBatch b = batch();
      SacAgent.Noise noise = SacAgent.Noise.draw(new SplittableRandom(5), 4, 1);
      float[] y;
      try (NDManager m = root.newSubManager()) {
        y = agent.target(m, b, noise, 0.3f, Scalars.constant(m, -2f)).toFloatArray();
      }
      for (int i = 0; i < 4; i++) {
        double[] s2 = row(b.nextObservations(), i);
        double[] out = JavaNets.mlp(agent.actor().parameters(), s2);
        double logStd = Math.min(Math.max(out[1], -20), 2);
        double eps = noise.epsilon()[i];
        double u = out[0] + Math.exp(logStd) * eps;
        double a = 2 * Math.tanh(u);
        // log π of the squashed value: N(u; μ, σ²) minus log(1 − tanh² u), the textbook form.
        double logN = -0.5 * eps * eps - logStd - 0.5 * Math.log(2 * Math.PI);
        double logPi = logN - Math.log(1 - Math.tanh(u) * Math.tanh(u));
        double[] x = {s2[0], s2[1], s2[2], a};
        double q1 = JavaNets.mlp(agent.criticTargets().get(0).parameters(), x)[0];
        double q2 = JavaNets.mlp(agent.criticTargets().get(1).parameters(), x)[0];
        double expected =
            b.rewards()[i] + 0.99 * (1 - b.terminated()[i]) * (Math.min(q1, q2) - 0.3 * logPi);
        assertThat((double) y[i]).as("y[%d]", i).isCloseTo(expected, within(1e-4));
      }
      assertThat(y[1]).as("terminal: y = r").isEqualTo(-2f);
    }
  }

  @Test
  void aTimeLimitTruncationBootstrapsAndATerminalStateDoesNot() {
    ReplayBuffer buffer = new ReplayBuffer(2, 3, 1);
    double[] s = {1, 0, 0};
    buffer.add(s, new double[] {0}, -1, s, false, true); // truncated: bootstraps
    buffer.add(s, new double[] {0}, -1, s, true, false); // terminated: does not
    ReplayBatch b =
        new ReplayBatch(
            2,
            3,
            1,
            new float[] {1, 0, 0, 1, 0, 0},
            new float[] {0, 0},
            new float[] {buffer.reward(0), buffer.reward(1)},
            new float[] {1, 0, 0, 1, 0, 0},
            new float[] {buffer.terminated(0) ? 1 : 0, buffer.terminated(1) ? 1 : 0});
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = new SacAgent(root, OBS, ACT, small(), 3);
        NDManager m = root.newSubManager()) {
      SacAgent.Noise zero = new SacAgent.Noise(new float[2], new float[2]);
      float[] y = agent.target(m, b, zero, 1f, Scalars.constant(m, -2f)).toFloatArray();
      assertThat(y[1]).isEqualTo(-1f);
      assertThat(y[0]).as("truncated row adds γ V(s′)").isNotCloseTo(-1f, within(1e-3f));
    }
  }

  @Test
  void logDensityEqualsTanhNormalsChangeOfVariables() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = new SacAgent(root, OBS, Box.uniform(2, -1, 1), small(), 11);
        NDManager m = root.newSubManager()) {
      // Actor outputs with |u| up to ~9, where the naive log(1 − tanh²) loses precision, and a log
      // σ
      // above the clamp (2.5 → 2).
      float[] out = {0.3f, -4f, -1.2f, 0.5f, 9f, 0.1f, -2f, 1.9f, -0.7f, 3f, 0.2f, 2.5f};
      NDArray outArray = m.create(out, new Shape(3, 4));
      SacAgent.Noise noise = SacAgent.Noise.draw(new SplittableRandom(2), 3, 2);
      SacAgent.Sample s = agent.sample(m, outArray, noise, Scalars.constant(m, -2f));
      NDArray mu = outArray.get(":, 0:2");
      NDArray sigma = outArray.get(":, 2:4").clip(-20, 2).exp();
      NDArray u = sigma.mul(m.create(noise.epsilon(), new Shape(3, 2))).add(mu);
      float[] reference =
          TanhNormal.of(mu, sigma).logProbPreTanh(u).sum(new int[] {1}).toFloatArray();
      float[] got = s.logProb().toFloatArray();
      for (int i = 0; i < 3; i++) {
        assertThat(got[i]).as("row %d", i).isCloseTo(reference[i], within(1e-4f));
      }
      assertThat(s.action().toFloatArray()).containsExactly(u.tanh().toFloatArray());
    }
  }

  @Test
  void targetCriticsArePolyakAveragesOfTheCritics() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = new SacAgent(root, OBS, ACT, small(), 4)) {
      List<float[]> before = values(agent.criticTargetParameters());
      assertThat(before.get(0)).containsExactly(agent.criticParameters().get(0).toFloatArray());
      assertThat(before.get(6)).containsExactly(agent.criticParameters().get(6).toFloatArray());
      agent.update(batch(), 0);
      List<float[]> after = values(agent.criticTargetParameters());
      List<float[]> online = values(agent.criticParameters());
      for (int p = 0; p < before.size(); p++) {
        for (int j = 0; j < before.get(p).length; j++) {
          float expected = 0.005f * online.get(p)[j] + 0.995f * before.get(p)[j];
          assertThat(after.get(p)[j]).isCloseTo(expected, within(1e-6f));
        }
      }
      assertThat(online.get(2)).isNotEqualTo(before.get(2));
    }
  }

  @Test
  void temperatureRisesWhenTheEntropyIsBelowTargetAndFallsAbove() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent high = new SacAgent(root, OBS, ACT, small().withTargetEntropy(20), 1);
        SacAgent low = new SacAgent(root, OBS, ACT, small().withTargetEntropy(-20), 1)) {
      UpdateMetrics h = high.update(batch(), 0);
      low.update(batch(), 0);
      assertThat(h.entropy()).isLessThan(20).isGreaterThan(-20);
      // Adam's first step moves log α by −lr · sign(gradient).
      assertThat(Math.log(high.alpha())).isCloseTo(1e-3, within(1e-6));
      assertThat(Math.log(low.alpha())).isCloseTo(-1e-3, within(1e-6));
    }
  }

  @Test
  void aFixedTemperatureStaysAndZeroRemovesTheEntropyTerm() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = new SacAgent(root, OBS, ACT, small().withFixedAlpha(0.2), 1)) {
      agent.update(batch(), 0);
      assertThat(agent.alpha()).isCloseTo(0.2, within(1e-7));
    }
    assertThatThrownBy(() -> SacConfig.defaults().withFixedAlpha(-0.1))
        .hasMessage("alpha must be >= 0 and finite, found -0.1");
    assertThatThrownBy(() -> SacConfig.defaults().withGamma(1.5))
        .hasMessage("gamma must be in (0, 1], found 1.5");
  }

  @Test
  void checkpointRoundTripContinuesIdentically() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent a = new SacAgent(root, OBS, ACT, small(), 9);
        SacAgent b = new SacAgent(root, OBS, ACT, small(), 9)) {
      a.update(batch(), 0);
      a.update(batch(), 1);
      Checkpoint.Builder builder = Checkpoint.builder(SacAgent.KIND);
      a.writeTo(builder);
      b.readFrom(builder.build());
      UpdateMetrics ma = a.update(batch(), 2);
      UpdateMetrics mb = b.update(batch(), 2);
      assertThat(mb).isEqualTo(ma);
      assertThat(b.act(new double[] {0.1, 0.2, 0.3}, false, 5))
          .containsExactly(a.act(new double[] {0.1, 0.2, 0.3}, false, 5));
      assertThat(values(b.actor().parameters()).get(2))
          .containsExactly(values(a.actor().parameters()).get(2));
    }
  }

  @Test
  void aCheckpointOfAnotherShapeIsRefusedNamingTheParameter() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent a = new SacAgent(root, OBS, ACT, small(), 9);
        SacAgent b = new SacAgent(root, OBS, ACT, small().withHidden(8), 9)) {
      Checkpoint.Builder builder = Checkpoint.builder(SacAgent.KIND);
      a.writeTo(builder);
      assertThatThrownBy(() -> b.readFrom(builder.build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sac/actor/layers.0.weight");
    }
  }

  @Test
  void actionsLieInTheBoxAndTheDeterministicOneIsTanhOfTheMean() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = new SacAgent(root, OBS, Box.uniform(1, 0, 4), small(), 2)) {
      double[] s = {0.5, -0.5, 1};
      double[] out = JavaNets.mlp(agent.actor().parameters(), s);
      assertThat(agent.act(s, true, 0)[0]).isCloseTo(2 + 2 * Math.tanh(out[0]), within(1e-5));
      for (int t = 0; t < 50; t++) {
        assertThat(agent.act(s, false, t)[0]).isBetween(0.0, 4.0);
      }
      assertThat(agent.act(s, false, 3)).containsExactly(agent.act(s, false, 3));
    }
  }

  @Test
  void rootManagerStaysFlatOverManyUpdatesAndActions() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = new SacAgent(root, OBS, ACT, small(), 5)) {
      ReplayBatch b = batch();
      agent.update(b, 0);
      ResourceCounts.assertFlatOver(
          root,
          300,
          i -> {
            agent.update(b, i + 1);
            agent.act(new double[] {0, 1, 0}, i % 2 == 0, i);
          });
    }
  }

  @Test
  void actorAndTwinCriticsAreDrawnInOrderAndTargetsStartAsCopies() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = new SacAgent(root, OBS, ACT, small(), 6)) {
      SplittableRandom init = org.varl.core.random.NoiseStream.generator(6, 1);
      Mlp actor = Mlp.create(root, org.varl.core.nn.Activation.RELU, init, 3, 16, 16, 2);
      Mlp q1 = Mlp.create(root, org.varl.core.nn.Activation.RELU, init, 4, 16, 16, 1);
      Mlp q2 = Mlp.create(root, org.varl.core.nn.Activation.RELU, init, 4, 16, 16, 1);
      assertThat(values(agent.actor().parameters()).get(0))
          .containsExactly(actor.parameters().get(0).toFloatArray());
      assertThat(agent.critics().get(0).parameters().get(2).toFloatArray())
          .containsExactly(q1.parameters().get(2).toFloatArray());
      assertThat(agent.critics().get(1).parameters().get(2).toFloatArray())
          .containsExactly(q2.parameters().get(2).toFloatArray());
      assertThat(agent.criticTargets().get(1).parameters().get(2).toFloatArray())
          .containsExactly(q2.parameters().get(2).toFloatArray());
    }
  }

  private static double[] row(float[] data, int i) {
    return new double[] {data[3 * i], data[3 * i + 1], data[3 * i + 2]};
  }

  private static List<float[]> values(List<NDArray> arrays) {
    List<float[]> out = new ArrayList<>();
    for (NDArray a : arrays) {
      out.add(a.toFloatArray());
    }
    return out;
  }
}
