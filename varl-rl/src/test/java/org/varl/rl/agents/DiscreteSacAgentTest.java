package org.varl.rl.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.varl.core.io.Checkpoint;
import org.varl.core.nn.Mlp;
import org.varl.rl.env.Box;
import org.varl.rl.replay.ReplayBatch;
import org.varl.testing.ResourceCounts;

class DiscreteSacAgentTest {

  private static final double[] OBS = {0.3, -1.1, 0.7};

  private static DiscreteSacConfig small() {
    return DiscreteSacConfig.defaults().withHidden(16, 16).withLearningRate(1e-2).withGamma(0.9);
  }

  private static double[][] rows(Mlp net, NDManager m, float[] x, int n) {
    float[] flat = net.forward(m.create(x, new Shape(n, x.length / n))).toFloatArray();
    int k = flat.length / n;
    double[][] out = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        out[i][j] = flat[i * k + j];
      }
    }
    return out;
  }

  private static double[] logSoftmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    double[] out = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = logits[i] - max - Math.log(sum);
    }
    return out;
  }

  @Test
  void criticTargetAndActorLossAreTheExpectationsOverActions() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Two states, three actions; action 2 of state 1 is impossible (logit −inf, π = 0).
      double[][] logits = {{0.5, -1, 2}, {1, 0.25, Double.NEGATIVE_INFINITY}};
      double[][] q1 = {{1, 2, 3}, {-1, 4, 1e30}};
      double[][] q2 = {{1.5, 1, 2.5}, {-2, 5, 1e30}};
      float[] r = {0.5f, -1f};
      float[] d = {0f, 1f};
      float gamma = 0.9f;
      float alpha = 0.3f;
      NDArray logPi =
          m.create(
              flat(new double[][] {logSoftmax(logits[0]), logSoftmax(logits[1])}), new Shape(2, 3));
      NDArray a1 = m.create(flat(q1), new Shape(2, 3));
      NDArray a2 = m.create(flat(q2), new Shape(2, 3));
      float[] y =
          DiscreteSacAgent.criticTarget(logPi, a1, a2, m.create(r), m.create(d), gamma, alpha)
              .toFloatArray();
      float loss = DiscreteSacAgent.actorLoss(logPi, a1.minimum(a2), alpha).getFloat();
      double expectedLoss = 0;
      for (int i = 0; i < 2; i++) {
        double[] lp = logSoftmax(logits[i]);
        double v = 0;
        double j = 0;
        for (int a = 0; a < 3; a++) {
          double p = Math.exp(lp[a]);
          if (p == 0) {
            continue; // 0 · (anything) = 0: the impossible action contributes nothing
          }
          double minQ = Math.min(q1[i][a], q2[i][a]);
          v += p * (minQ - alpha * lp[a]);
          j += p * (alpha * lp[a] - minQ);
        }
        assertThat((double) y[i])
            .as("y %d", i)
            .isCloseTo(r[i] + gamma * (1 - d[i]) * v, offset(1e-5));
        expectedLoss += j / 2;
      }
      assertThat((double) loss).isCloseTo(expectedLoss, offset(1e-5));
    }
  }

  private static float[] flat(double[][] x) {
    float[] out = new float[x.length * x[0].length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        out[i * x[i].length + j] = (float) x[i][j];
      }
    }
    return out;
  }

  @Test
  void updateReportsTheHandComputedLossesAndMovesAlphaByOneAdamStep() {
    try (NDManager m = NDManager.newBaseManager();
        DiscreteSacAgent agent = DiscreteSacAgent.create(m, 3, 3, small(), 4)) {
      ReplayBatch b = SoftQAgentTest.batch();
      int n = b.size();
      double alpha = agent.alpha();
      double gamma = 0.9;
      double[][] logitsNext = rows(agent.actor(), m, b.nextObservations(), n);
      double[][] logits = rows(agent.actor(), m, b.observations(), n);
      double[][] t1 = rows(agent.q1Target(), m, b.nextObservations(), n);
      double[][] t2 = rows(agent.q2Target(), m, b.nextObservations(), n);
      double[][] q1 = rows(agent.q1(), m, b.observations(), n);
      double[][] q2 = rows(agent.q2(), m, b.observations(), n);
      double critic = 0;
      double entropy = 0;
      for (int i = 0; i < n; i++) {
        double[] lp = logSoftmax(logitsNext[i]);
        double v = 0;
        for (int a = 0; a < 3; a++) {
          v += Math.exp(lp[a]) * (Math.min(t1[i][a], t2[i][a]) - alpha * lp[a]);
        }
        double y = b.rewards()[i] + gamma * (1 - b.terminated()[i]) * v;
        int a = (int) b.actions()[i];
        critic += 0.5 * (Math.pow(q1[i][a] - y, 2) + Math.pow(q2[i][a] - y, 2)) / n;
        for (double l : logSoftmax(logits[i])) {
          entropy -= Math.exp(l) * l / n;
        }
      }
      UpdateMetrics metrics = agent.update(b, 0);
      assertThat(metrics.criticLoss()).isCloseTo(critic, offset(1e-5 * critic));
      assertThat(metrics.entropy()).isCloseTo(entropy, offset(1e-5));
      assertThat(metrics.alpha()).isCloseTo(1.0, offset(1e-7));
      // The actor loss uses the critics after their step (which the rest of the update leaves
      // alone) and the actor before its own.
      double[][] q1After = rows(agent.q1(), m, b.observations(), n);
      double[][] q2After = rows(agent.q2(), m, b.observations(), n);
      double actor = 0;
      for (int i = 0; i < n; i++) {
        double[] lp = logSoftmax(logits[i]);
        for (int a = 0; a < 3; a++) {
          actor += Math.exp(lp[a]) * (alpha * lp[a] - Math.min(q1After[i][a], q2After[i][a])) / n;
        }
      }
      assertThat(metrics.actorLoss()).isCloseTo(actor, offset(1e-5 * Math.max(1, Math.abs(actor))));
      // A fresh actor is near uniform: H ≈ log 3 > H̄ = 0.7 log 3, so ∂J/∂log α = H − H̄ > 0 and
      // Adam's first step moves log α by −lr (m̂/√v̂ = sign g).
      assertThat(entropy).isGreaterThan(agent.targetEntropy());
      assertThat(agent.targetEntropy()).isCloseTo(0.7 * Math.log(3), offset(1e-12));
      assertThat(Math.log(agent.alpha())).isCloseTo(-1e-2, offset(1e-6));
    }
  }

  @Test
  void alphaRisesWhenTheEntropyIsBelowTheTargetAndFallsAbove() {
    try (NDManager m = NDManager.newBaseManager();
        DiscreteSacAgent below =
            DiscreteSacAgent.create(m, 3, 3, small().withAutoAlpha(0.5, 1.0), 4);
        DiscreteSacAgent above =
            DiscreteSacAgent.create(m, 3, 3, small().withAutoAlpha(0.5, 0.1), 4);
        DiscreteSacAgent fixed = DiscreteSacAgent.create(m, 3, 3, small().withFixedAlpha(0.5), 4)) {
      ReplayBatch b = SoftQAgentTest.batch();
      double previousBelow = below.alpha();
      double previousAbove = above.alpha();
      for (int u = 0; u < 10; u++) {
        // H̄ = log 3 is the largest entropy there is: α can only rise.
        below.update(b, u);
        assertThat(below.alpha()).isGreaterThan(previousBelow);
        previousBelow = below.alpha();
        above.update(b, u);
        assertThat(above.alpha()).isLessThan(previousAbove);
        previousAbove = above.alpha();
        assertThat(fixed.update(b, u).alpha()).isCloseTo(0.5, offset(1e-7));
      }
    }
  }

  @Test
  void theActorsLossLeavesNoGradientInTheCritics() {
    try (NDManager m = NDManager.newBaseManager();
        DiscreteSacAgent agent = DiscreteSacAgent.create(m, 3, 3, small(), 4)) {
      ReplayBatch b = SoftQAgentTest.batch();
      agent.update(b, 0);
      agent.update(b, 1);
      for (Mlp critic : new Mlp[] {agent.q1(), agent.q2()}) {
        for (NDArray p : critic.parameters()) {
          try (NDArray g = p.getGradient()) {
            assertThat(g.abs().max().getFloat()).isZero();
          }
        }
      }
    }
  }

  @Test
  void targetsArePolyakAveragesOfTheCritics() {
    try (NDManager m = NDManager.newBaseManager();
        DiscreteSacAgent agent =
            DiscreteSacAgent.create(m, 3, 3, small().withTargetUpdate(1, 0.25), 4)) {
      ReplayBatch b = SoftQAgentTest.batch();
      float[] before = agent.q2Target().parameters().get(0).toFloatArray();
      agent.update(b, 0);
      float[] online = agent.q2().parameters().get(0).toFloatArray();
      float[] after = agent.q2Target().parameters().get(0).toFloatArray();
      for (int i = 0; i < after.length; i++) {
        assertThat(after[i]).isCloseTo(0.25f * online[i] + 0.75f * before[i], offset(1e-6f));
      }
    }
  }

  @Test
  void actingSamplesTheCategoricalPolicyAndDeterministicIsItsArgmax() {
    try (NDManager m = NDManager.newBaseManager();
        DiscreteSacAgent agent = DiscreteSacAgent.create(m, 3, 3, small(), 4)) {
      float[] logits = agent.logits(OBS);
      double[] lp = logSoftmax(new double[] {logits[0], logits[1], logits[2]});
      int n = 20_000;
      int[] counts = new int[3];
      for (int t = 0; t < n; t++) {
        counts[(int) agent.act(OBS, false, t)[0]]++;
      }
      for (int a = 0; a < 3; a++) {
        double p = Math.exp(lp[a]);
        assertThat(counts[a] / (double) n).isCloseTo(p, offset(5 * Math.sqrt(p * (1 - p) / n)));
      }
      assertThat(agent.act(OBS, true, 3)).containsExactly(DiscreteChoice.argmax(logits));
    }
  }

  @Test
  void checkpointRoundTripGivesBitIdenticalActsAndUpdates(@TempDir Path dir) {
    try (NDManager m = NDManager.newBaseManager();
        DiscreteSacAgent a = DiscreteSacAgent.create(m, 3, 3, small(), 8);
        DiscreteSacAgent b = DiscreteSacAgent.create(m, 3, 3, small(), 8)) {
      ReplayBatch batch = SoftQAgentTest.batch();
      for (int u = 0; u < 3; u++) {
        a.update(batch, u);
      }
      Checkpoint.Builder builder = Checkpoint.builder(a.kind());
      a.writeTo(builder);
      Path file = dir.resolve("dsac.ckpt");
      builder.build().write(file);
      assertThat(b.alpha()).isNotEqualTo(a.alpha());
      b.readFrom(Checkpoint.read(file, "dsac"));
      assertThat(b.alpha()).isEqualTo(a.alpha());
      for (long t = 100; t < 120; t++) {
        assertThat(b.act(OBS, false, t)).containsExactly(a.act(OBS, false, t));
      }
      for (int u = 3; u < 6; u++) {
        assertThat(b.update(batch, u)).isEqualTo(a.update(batch, u));
      }
      for (Mlp[] pair :
          new Mlp[][] {{a.actor(), b.actor()}, {a.q1(), b.q1()}, {a.q2Target(), b.q2Target()}}) {
        assertThat(SoftQAgentTest.values(pair[1].parameters()))
            .containsExactlyElementsOf(SoftQAgentTest.values(pair[0].parameters()));
      }
    }
  }

  @Test
  void nativeMemoryStaysFlatOverUpdatesAndActs() {
    try (NDManager m = NDManager.newBaseManager()) {
      try (DiscreteSacAgent agent = DiscreteSacAgent.create(m, 3, 3, small(), 3)) {
        ReplayBatch b = SoftQAgentTest.batch();
        agent.update(b, 0);
        ResourceCounts.assertFlatOver(
            m,
            30,
            i -> {
              agent.update(b, i + 1);
              agent.act(OBS, false, i);
              agent.act(OBS, true, i);
            });
      }
      assertThat(ResourceCounts.arrays(m)).as("close frees the agent").isZero();
    }
  }

  @Test
  void badSettingsAreRefusedNamingTheValue() {
    DiscreteSacConfig d = DiscreteSacConfig.defaults();
    assertThatThrownBy(() -> d.withAutoAlpha(1, 0))
        .hasMessage("target-entropy-ratio must be in (0, 1], found 0.0");
    assertThatThrownBy(() -> d.withFixedAlpha(0))
        .hasMessage("alpha must be > 0 and finite, found 0.0");
    assertThatThrownBy(() -> d.withTargetUpdate(1, 0))
        .hasMessage("tau must be in (0, 1], found 0.0");
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> DiscreteSacAgent.create(m, 3, 1, d, 1))
          .hasMessage("dsac needs at least 2 actions (target entropy ratio · log |A|), found 1");
      assertThatThrownBy(
              () -> DiscreteSacAgent.create(m, Box.uniform(3, -1, 1), Box.uniform(1, -1, 1), d, 1))
          .hasMessageStartingWith("dsac needs a Discrete action space, found Box(");
    }
  }

  /** Discrete SAC on a 5-state chain: its greedy policy walks straight to the goal. */
  @Test
  void learnsToWalkAChain() {
    Chain chain = new Chain(5, 20);
    DiscreteSacConfig config =
        DiscreteSacConfig.defaults()
            .withGamma(0.9)
            .withHidden(32)
            .withLearningRate(3e-3)
            .withTargetUpdate(1, 0.05)
            .withSchedule(new UpdateSchedule(10_000, 32, 200, 1, 1));
    try (NDManager m = NDManager.newBaseManager();
        DiscreteSacAgent agent = DiscreteSacAgent.create(m, 5, 2, config, 2)) {
      OnlineLoop.run(agent, chain, config.schedule(), 3_000, 9);
      assertThat(OnlineLoop.greedyEpisode(agent, chain, 20)).containsExactly(1.0, 4.0);
      for (int s = 0; s < 4; s++) {
        float[] logits = agent.logits(chain.observation(s));
        double pRight = 1 / (1 + Math.exp(logits[0] - logits[1]));
        // Above 1/2 everywhere, not near 1: the entropy target 0.7 log 2 keeps π stochastic (p ≈
        // 0.82
        // at that entropy), most of all at state 0, where right and left differ least.
        assertThat(pRight).as("pi(right | %d)", s).isBetween(0.55, 0.99);
      }
      // The entropy is held near its target 0.7 log 2 ≈ 0.485 nats rather than collapsing.
      assertThat(agent.alpha()).isBetween(1e-4, 1.0);
    }
  }
}
