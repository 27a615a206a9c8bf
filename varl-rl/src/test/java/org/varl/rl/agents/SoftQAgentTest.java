package org.varl.rl.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.io.Checkpoint;
import org.varl.core.nn.Mlp;
import org.varl.rl.env.Box;
import org.varl.rl.replay.ReplayBatch;
import org.varl.testing.ResourceCounts;

class SoftQAgentTest {

  private static final double[] OBS = {0.3, -1.1, 0.7};

  /** A small DQN over 3 inputs and 3 actions. */
  private static SoftQConfig small() {
    return SoftQConfig.defaults().withHidden(16, 16).withLearningRate(1e-2);
  }

  /** Five transitions with TD errors on both sides of Huber's kink; the third is terminal. */
  static ReplayBatch batch() {
    float[] s = {0.1f, 0.2f, 0.3f, -1f, 0.5f, 2f, 0.7f, 0.7f, -0.7f, 1.5f, -2f, 0f, 0f, 0f, 1f};
    float[] a = {0f, 2f, 1f, 1f, 0f};
    float[] r = {3f, -2f, 0.1f, 0.4f, -0.05f};
    float[] s2 = {0.2f, 0.1f, 0f, 1f, -0.5f, 0.3f, 0f, 0f, 0f, -1.5f, 2f, 1f, 0.4f, 0.4f, 0.4f};
    float[] d = {0f, 0f, 1f, 0f, 0f};
    return new ReplayBatch(5, 3, 1, s, a, r, s2, d);
  }

  private static float[][] rows(Mlp net, NDManager m, float[] x, int n) {
    float[] flat = net.forward(m.create(x, new Shape(n, x.length / n))).toFloatArray();
    int k = flat.length / n;
    float[][] out = new float[n][k];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * k, out[i], 0, k);
    }
    return out;
  }

  /** The loss of one update, computed in double from the networks before it. */
  private static double expectedLoss(SoftQAgent agent, ReplayBatch b, NDManager m) {
    float[][] q = rows(agent.q(), m, b.observations(), b.size());
    float[][] next = rows(agent.target(), m, b.nextObservations(), b.size());
    double alpha = agent.config().alpha();
    double gamma = agent.config().gamma();
    double total = 0;
    for (int i = 0; i < b.size(); i++) {
      double[] row = {next[i][0], next[i][1], next[i][2]};
      double v =
          alpha == 0
              ? Math.max(row[0], Math.max(row[1], row[2]))
              : SoftQTargetTest.softValue(row, alpha);
      double y = b.rewards()[i] + gamma * (1 - b.terminated()[i]) * v;
      double delta = q[i][(int) b.actions()[i]] - y;
      total +=
          agent.config().loss() == TdLoss.MSE
              ? delta * delta
              : Math.abs(delta) < 1 ? 0.5 * delta * delta : Math.abs(delta) - 0.5;
    }
    return total / b.size();
  }

  @Test
  void updateReportsTheLossOfTheHandComputedTargetAndReducesIt() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (double alpha : new double[] {0, 0.5}) {
        for (TdLoss loss : TdLoss.values()) {
          SoftQConfig config =
              small().withAlpha(alpha).withLoss(loss).withTargetUpdate(1_000_000, 1).withGamma(0.9);
          try (SoftQAgent agent = SoftQAgent.create(m, 3, 3, config, 5)) {
            ReplayBatch b = batch();
            double expected = expectedLoss(agent, b, m);
            UpdateMetrics first = agent.update(b, 0);
            String what = "alpha " + alpha + " loss " + loss;
            assertThat(first.criticLoss()).as(what).isCloseTo(expected, offset(1e-5 * expected));
            assertThat(first.actorLoss()).isNaN();
            assertThat(first.alpha()).isEqualTo(alpha);
            UpdateMetrics last = first;
            for (int u = 1; u < 60; u++) {
              last = agent.update(b, u);
            }
            // The target is fixed (no sync after update 0), so this is plain regression.
            assertThat(last.criticLoss()).as(what).isLessThan(0.1 * first.criticLoss());
          }
        }
      }
    }
  }

  @Test
  void theStepSizeFallsLinearlyToZeroOverTheDecayUpdates() {
    assertThat(SoftQConfig.softQDefaults().learningRateDecayUpdates()).isEqualTo(24_576);
    assertThat(SoftQConfig.defaults().learningRateDecayUpdates()).isZero();
    try (NDManager m = NDManager.newBaseManager();
        SoftQAgent agent =
            SoftQAgent.create(
                m, 3, 3, small().withTargetUpdate(1_000, 1).withLearningRateDecay(2), 5)) {
      ReplayBatch b = batch();
      agent.update(b, 0);
      List<float[]> afterFirst = values(agent.q().parameters());
      agent.update(b, 1);
      List<float[]> afterSecond = values(agent.q().parameters());
      assertThat(afterSecond.get(0)).as("half the step size").isNotEqualTo(afterFirst.get(0));
      agent.update(b, 2);
      assertThat(values(agent.q().parameters()))
          .as("step size 0 from update 3 on")
          .containsExactlyElementsOf(afterSecond);
    }
  }

  @Test
  void reportedEntropyIsThatOfTheBoltzmannPolicyOnTheBatch() {
    try (NDManager m = NDManager.newBaseManager();
        SoftQAgent agent = SoftQAgent.create(m, 3, 3, small().withAlpha(0.2), 5);
        SoftQAgent dqn = SoftQAgent.create(m, 3, 3, small(), 5)) {
      ReplayBatch b = batch();
      float[][] q = rows(agent.q(), m, b.observations(), b.size());
      double expected = 0;
      for (float[] row : q) {
        double v = SoftQTargetTest.softValue(new double[] {row[0], row[1], row[2]}, 0.2);
        for (float value : row) {
          double logPi = (value - v) / 0.2;
          expected -= Math.exp(logPi) * logPi / b.size();
        }
      }
      assertThat(agent.update(b, 0).entropy()).isCloseTo(expected, offset(1e-5));
      assertThat(dqn.update(b, 0).entropy()).isZero();
    }
  }

  @Test
  void theTargetIsCopiedBeforeEveryIntervalthUpdate() {
    try (NDManager m = NDManager.newBaseManager();
        SoftQAgent agent = SoftQAgent.create(m, 3, 3, small().withTargetUpdate(3, 1.0), 5)) {
      ReplayBatch b = batch();
      List<float[]> initial = values(agent.q().parameters());
      agent.update(b, 0);
      agent.update(b, 1);
      agent.update(b, 2);
      assertThat(values(agent.target().parameters())).containsExactlyElementsOf(initial);
      List<float[]> afterTwo = values(agent.q().parameters());
      assertThat(afterTwo.get(0)).isNotEqualTo(initial.get(0));
      agent.update(b, 3);
      assertThat(values(agent.target().parameters())).containsExactlyElementsOf(afterTwo);
    }
  }

  static List<float[]> values(List<NDArray> arrays) {
    List<float[]> out = new ArrayList<>();
    for (NDArray a : arrays) {
      out.add(a.toFloatArray());
    }
    return out;
  }

  @Test
  void deterministicActIsTheArgmaxAndEpsilonGreedyFollowsSb3sLinearSchedule() {
    SoftQConfig config = small();
    assertThat(config.epsilon(0)).isEqualTo(1.0);
    assertThat(config.epsilon(4_000)).isCloseTo(0.52, offset(1e-12));
    assertThat(config.epsilon(8_000)).isEqualTo(0.04);
    assertThat(config.epsilon(1_000_000)).isEqualTo(0.04);
    try (NDManager m = NDManager.newBaseManager();
        SoftQAgent agent = SoftQAgent.create(m, 3, 3, config, 5)) {
      int greedy = DiscreteChoice.argmax(agent.qValues(OBS));
      assertThat(agent.act(OBS, true, 0)).containsExactly(greedy);
      assertThat(agent.policy(OBS)[greedy]).isEqualTo(1.0);
      // ε = 0.04 from step 8000 on: a non-greedy action with probability ε (|A| − 1)/|A|.
      int n = 20_000;
      int other = 0;
      int[] early = new int[3];
      for (int t = 0; t < n; t++) {
        if (agent.act(OBS, false, 10_000 + t)[0] != greedy) {
          other++;
        }
      }
      // ε ≈ 1 over the first 200 steps: near uniform.
      for (int t = 0; t < 200; t++) {
        early[(int) agent.act(OBS, false, t)[0]]++;
      }
      double p = 0.04 * 2 / 3;
      assertThat(other / (double) n).isCloseTo(p, offset(5 * Math.sqrt(p * (1 - p) / n)));
      for (int count : early) {
        assertThat(count).isBetween(40, 95);
      }
      // Counter-based: the same step gives the same draw.
      assertThat(agent.act(OBS, false, 123)).containsExactly(agent.act(OBS, false, 123));
    }
  }

  @Test
  void boltzmannActingSamplesSoftmaxOfQOverAlpha() {
    double alpha = 0.05;
    try (NDManager m = NDManager.newBaseManager();
        SoftQAgent agent = SoftQAgent.create(m, 3, 3, small().withAlpha(alpha), 5)) {
      float[] q = agent.qValues(OBS);
      double[] pi = agent.policy(OBS);
      double z = 0;
      for (float v : q) {
        z += Math.exp(v / alpha);
      }
      double sum = 0;
      for (int a = 0; a < 3; a++) {
        assertThat(pi[a]).isCloseTo(Math.exp(q[a] / alpha) / z, offset(1e-12));
        sum += pi[a];
      }
      assertThat(sum).isCloseTo(1.0, offset(1e-12));
      for (double p : pi) {
        assertThat(p).as("a non-degenerate policy").isBetween(0.02, 0.98);
      }
      int n = 20_000;
      int[] counts = new int[3];
      for (int t = 0; t < n; t++) {
        counts[(int) agent.act(OBS, false, t)[0]]++;
      }
      for (int a = 0; a < 3; a++) {
        double sd = Math.sqrt(pi[a] * (1 - pi[a]) / n);
        assertThat(counts[a] / (double) n).as("action %d", a).isCloseTo(pi[a], offset(5 * sd));
      }
      assertThat(agent.act(OBS, true, 7)).containsExactly(DiscreteChoice.argmax(q));
    }
  }

  @Test
  void checkpointRoundTripGivesBitIdenticalActsAndUpdates(@TempDir Path dir) {
    for (double alpha : new double[] {0, 0.3}) {
      SoftQConfig config = small().withAlpha(alpha).withTargetUpdate(2, 0.5);
      try (NDManager m = NDManager.newBaseManager();
          SoftQAgent a = SoftQAgent.create(m, 3, 3, config, 11);
          SoftQAgent b = SoftQAgent.create(m, 3, 3, config, 11)) {
        ReplayBatch batch = batch();
        for (int u = 0; u < 3; u++) {
          a.update(batch, u);
        }
        Checkpoint.Builder builder = Checkpoint.builder(a.kind());
        a.writeTo(builder);
        Path file = dir.resolve(a.kind() + ".ckpt");
        builder.build().write(file);
        assertThat(values(b.q().parameters()).get(0))
            .isNotEqualTo(values(a.q().parameters()).get(0));
        b.readFrom(Checkpoint.read(file, alpha == 0 ? "dqn" : "soft-q"));
        for (long t = 500; t < 520; t++) {
          assertThat(b.act(OBS, false, t)).containsExactly(a.act(OBS, false, t));
        }
        for (int u = 3; u < 6; u++) {
          assertThat(b.update(batch, u)).isEqualTo(a.update(batch, u));
        }
        assertThat(values(b.q().parameters()))
            .containsExactlyElementsOf(values(a.q().parameters()));
        assertThat(values(b.target().parameters()))
            .containsExactlyElementsOf(values(a.target().parameters()));
      }
    }
  }

  @Test
  void aCheckpointOfAnotherShapeIsRefusedNamingTheEntry() {
    try (NDManager m = NDManager.newBaseManager();
        SoftQAgent a = SoftQAgent.create(m, 3, 3, small(), 1);
        SoftQAgent wider = SoftQAgent.create(m, 3, 3, small().withHidden(16, 8), 1)) {
      Checkpoint.Builder builder = Checkpoint.builder("dqn");
      a.writeTo(builder);
      Checkpoint checkpoint = builder.build();
      assertThatThrownBy(() -> wider.readFrom(checkpoint))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("incompatible checkpoint: parameter 2 q/layers.1.weight");
    }
  }

  @Test
  void nativeMemoryStaysFlatOverUpdatesAndActs() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (double alpha : new double[] {0, 0.3}) {
        try (SoftQAgent agent = SoftQAgent.create(m, 3, 3, small().withAlpha(alpha), 3)) {
          ReplayBatch b = batch();
          agent.update(b, 0);
          ResourceCounts.assertFlatOver(
              m,
              30,
              i -> {
                agent.update(b, i + 1);
                agent.act(OBS, false, i);
                agent.act(OBS, true, i);
                agent.policy(OBS);
              });
        }
        assertThat(ResourceCounts.arrays(m)).as("close frees the agent").isZero();
      }
    }
  }

  @Test
  void badSettingsAndInputsAreRefusedNamingTheValue() {
    SoftQConfig d = SoftQConfig.defaults();
    assertThatThrownBy(() -> d.withAlpha(-1))
        .hasMessage("alpha must be >= 0 and finite, found -1.0");
    assertThatThrownBy(() -> d.withGamma(1.5)).hasMessage("gamma must be in [0, 1], found 1.5");
    assertThatThrownBy(() -> d.withHidden(8, 0))
        .hasMessage("hidden width must be >= 1, found 0 at index 1");
    assertThatThrownBy(() -> d.withTargetUpdate(0, 1))
        .hasMessage("target-update-interval must be >= 1, found 0");
    assertThatThrownBy(() -> d.withExploration(1.2, 0.1, 10))
        .hasMessage("exploration-initial-eps must be in [0, 1], found 1.2");
    assertThatThrownBy(() -> new UpdateSchedule(10, 4, 0, 0, 1))
        .hasMessage("train-freq must be >= 1, found 0");
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(
              () -> SoftQAgent.create(m, Box.uniform(3, -1, 1), Box.uniform(1, -1, 1), d, 1))
          .hasMessageStartingWith("dqn needs a Discrete action space, found Box(");
      try (SoftQAgent agent = SoftQAgent.create(m, 3, 2, small(), 1)) {
        assertThatThrownBy(() -> agent.update(batch(), 0))
            .hasMessage("action must be an integer in [0, 2), found 2.0 at index 1");
        assertThatThrownBy(() -> agent.act(new double[] {1, 2}, true, 0))
            .hasMessage("observation must have length 3, found 2");
      }
    }
  }

  /** DQN and soft Q-learning on a 5-state chain: the learned Q is the (soft) optimal Q. */
  @Test
  void learnsTheOptimalQOfAChain() {
    Chain chain = new Chain(5, 20);
    double gamma = 0.9;
    for (double alpha : new double[] {0, 0.1}) {
      SoftQConfig config =
          SoftQConfig.defaults()
              .withAlpha(alpha)
              .withGamma(gamma)
              .withHidden(32)
              .withLearningRate(3e-3)
              .withLoss(TdLoss.MSE)
              .withTargetUpdate(50, 1)
              .withExploration(1, 0.2, 1_000)
              .withSchedule(new UpdateSchedule(10_000, 32, 200, 1, 1));
      double[][] expected = chain.softQ(gamma, alpha);
      try (NDManager m = NDManager.newBaseManager();
          SoftQAgent agent = SoftQAgent.create(m, 5, 2, config, 2)) {
        OnlineLoop.run(agent, chain, config.schedule(), 3_000, 9);
        assertThat(OnlineLoop.greedyEpisode(agent, chain, 20)).containsExactly(1.0, 4.0);
        for (int s = 0; s < 4; s++) {
          float[] q = agent.qValues(chain.observation(s));
          for (int a = 0; a < 2; a++) {
            assertThat((double) q[a])
                .as("alpha %s Q(%d, %d)", alpha, s, a)
                .isCloseTo(expected[s][a], offset(0.05));
          }
        }
      }
    }
  }
}
