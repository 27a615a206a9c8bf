package org.varl.rl.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.varl.core.engine.EngineSetup;
import org.varl.core.engine.Scalars;
import org.varl.core.io.Checkpoint;
import org.varl.rl.env.Box;
import org.varl.rl.env.ImageShape;
import org.varl.rl.replay.ReplayBatch;
import org.varl.testing.ResourceCounts;

/**
 * SAC with a convolutional encoder (SAC+AE's gradient routing): the actor step leaves the critics'
 * encoder bit for bit as it was and trains the actor's own head; the critic step trains the
 * encoder; the target encoder moves by exactly τ_φ; a checkpoint round trip acts identically and
 * continues identically; the root manager stays flat.
 */
class PixelSacAgentTest {

  private static final ImageShape IMAGE = new ImageShape(2, 12, 12);
  private static final Box OBS = Box.uniform(IMAGE.size(), 0, 1);
  private static final Box ACT = Box.uniform(1, -2, 2);

  @BeforeAll
  static void oneThread() {
    EngineSetup.threads(1);
  }

  private static SacConfig config() {
    return SacConfig.defaults()
        .withHidden(16)
        .withTau(0.01)
        .withEncoder(ConvEncoderConfig.defaults().withFilters(4).withFeatures(8));
  }

  private static SacAgent agent(NDManager root, long seed) {
    return new SacAgent(root, OBS, IMAGE, ACT, config(), seed);
  }

  /** Eight transitions of random images, the third terminal. */
  private static ReplayBatch batch(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 8;
    int d = IMAGE.size();
    float[] obs = new float[n * d];
    float[] next = new float[n * d];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = (float) r.nextDouble();
      next[i] = (float) r.nextDouble();
    }
    float[] act = new float[n];
    float[] rew = new float[n];
    float[] term = new float[n];
    for (int i = 0; i < n; i++) {
      act[i] = (float) (4 * r.nextDouble() - 2);
      rew[i] = (float) (-r.nextDouble());
    }
    term[2] = 1;
    return new ReplayBatch(n, d, 1, obs, act, rew, next, term);
  }

  private static List<float[]> values(List<NDArray> arrays) {
    List<float[]> out = new ArrayList<>();
    for (NDArray a : arrays) {
      out.add(a.toFloatArray());
    }
    return out;
  }

  private static void assertSame(List<float[]> before, List<NDArray> after) {
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i).toFloatArray()).as("parameter " + i).containsExactly(before.get(i));
    }
  }

  private static boolean allChanged(List<float[]> before, List<NDArray> after) {
    for (int i = 0; i < before.size(); i++) {
      if (java.util.Arrays.equals(before.get(i), after.get(i).toFloatArray())) {
        return false;
      }
    }
    return true;
  }

  @Test
  void theActorStepLeavesTheEncoderBitUnchangedAndTrainsTheActorsHead() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = agent(root, 3)) {
      ReplayBatch b = batch(1);
      agent.update(b, 0);
      List<float[]> encoder = values(agent.encoder().parameters());
      List<float[]> head = values(agent.actorEncoder().headParameters());
      List<float[]> actor = values(agent.actor().parameters());
      try (NDManager m = root.newSubManager()) {
        NDArray s = m.create(b.observations(), new Shape(b.size(), IMAGE.size()));
        SacAgent.Noise noise = SacAgent.Noise.draw(new SplittableRandom(2), b.size(), 1);
        agent.actorStep(m, s, noise, 0.5f, Scalars.constant(m, -2f));
      }
      // Convolutions (shared with the actor's encoder) and the critics' head: not a bit moved.
      assertSame(encoder, agent.encoder().parameters());
      // The actor and its own head did take a step (fc weight and bias, layer-norm gain and shift).
      assertThat(allChanged(head, agent.actorEncoder().headParameters())).isTrue();
      assertThat(allChanged(actor, agent.actor().parameters())).isTrue();
      // No gradient was left on the encoder for a later step to pick up.
      for (NDArray p : agent.encoder().parameters()) {
        for (float g : p.getGradient().toFloatArray()) {
          assertThat(g).isZero();
        }
      }
    }
  }

  @Test
  void theCriticStepTrainsTheEncoderAndLeavesTheActorAlone() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = agent(root, 4)) {
      ReplayBatch b = batch(2);
      List<float[]> encoder = values(agent.encoder().parameters());
      List<float[]> head = values(agent.actorEncoder().headParameters());
      List<float[]> actor = values(agent.actor().parameters());
      try (NDManager m = root.newSubManager()) {
        NDArray s = m.create(b.observations(), new Shape(b.size(), IMAGE.size()));
        NDArray y = m.create(b.rewards(), new Shape(b.size(), 1));
        agent.criticStep(m, b, s, y);
      }
      // Every convolution weight and bias and the critics' head moved.
      assertThat(allChanged(encoder, agent.encoder().parameters())).isTrue();
      assertSame(head, agent.actorEncoder().headParameters());
      assertSame(actor, agent.actor().parameters());
    }
  }

  @Test
  void theTargetEncoderMovesExactlyTauTowardTheOnlineOne() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = agent(root, 5)) {
      ReplayBatch b = batch(3);
      // Equal at the start.
      assertSame(values(agent.encoder().parameters()), agent.encoderTarget().parameters());
      for (int u = 0; u < 3; u++) {
        List<float[]> target = values(agent.encoderTarget().parameters());
        agent.update(b, u);
        List<float[]> online = values(agent.encoder().parameters());
        float tau = 0.05f;
        float keep = 1 - tau;
        for (int i = 0; i < target.size(); i++) {
          float[] expected = new float[target.get(i).length];
          for (int j = 0; j < expected.length; j++) {
            expected[j] = tau * online.get(i)[j] + keep * target.get(i)[j];
          }
          assertThat(agent.encoderTarget().parameters().get(i).toFloatArray())
              .as("target parameter " + i + " after update " + u)
              .containsExactly(expected);
        }
        // And it did move: the online encoder is not the target.
        assertThat(online.get(0))
            .isNotEqualTo(agent.encoderTarget().parameters().get(0).toFloatArray());
      }
    }
  }

  @Test
  void aCheckpointRoundTripActsAndContinuesIdentically() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent a = agent(root, 6);
        SacAgent b = agent(root, 6)) {
      // The same seed (it keys the exploration and update noise, as the run's seed does), but b
      // stays at the initial parameters until it reads a's checkpoint.
      ReplayBatch batch = batch(4);
      for (int u = 0; u < 4; u++) {
        a.update(batch, u);
      }
      Checkpoint.Builder builder = Checkpoint.builder(a.kind());
      a.writeTo(builder);
      Checkpoint c = builder.build();
      assertThat(c.kind()).isEqualTo(SacAgent.KIND_CONV);
      double[] probe = new double[IMAGE.size()];
      java.util.Arrays.fill(probe, 0.5);
      assertThat(b.act(probe, true, 0)).isNotEqualTo(a.act(probe, true, 0));
      b.readFrom(c);
      SplittableRandom r = new SplittableRandom(8);
      for (int t = 0; t < 5; t++) {
        double[] s = new double[IMAGE.size()];
        for (int i = 0; i < s.length; i++) {
          s[i] = r.nextDouble();
        }
        assertThat(b.act(s, true, t)).containsExactly(a.act(s, true, t));
        assertThat(b.act(s, false, t)).containsExactly(a.act(s, false, t));
      }
      assertSame(values(a.encoderTarget().parameters()), b.encoderTarget().parameters());
      // The optimizers' moments came along: the next update is the same on both.
      UpdateMetrics ma = a.update(batch, 4);
      UpdateMetrics mb = b.update(batch, 4);
      assertThat(mb).isEqualTo(ma);
      assertSame(values(a.encoder().parameters()), b.encoder().parameters());
    }
  }

  @Test
  void aFlatAgentsCheckpointIsRefusedNamingTheEncoderEntry() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent flat = new SacAgent(root, OBS, ACT, config().withEncoder(null), 1);
        SacAgent pixels = agent(root, 1)) {
      assertThat(flat.kind()).isEqualTo(SacAgent.KIND);
      Checkpoint.Builder builder = Checkpoint.builder(flat.kind());
      flat.writeTo(builder);
      assertThatThrownBy(() -> pixels.readFrom(builder.build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sac/");
    }
  }

  @Test
  void anEncoderWithoutAnImageLayoutIsRefused() {
    try (NDManager root = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> new SacAgent(root, OBS, ACT, config(), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("encoder conv needs image observations, found a flat vector of 288 values");
      assertThatThrownBy(() -> new SacAgent(root, OBS, new ImageShape(1, 12, 12), ACT, config(), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has 144 values, the observation 288");
    }
  }

  @Test
  void rootManagerStaysFlatOverManyUpdatesAndActions() {
    try (NDManager root = NDManager.newBaseManager();
        SacAgent agent = agent(root, 7)) {
      ReplayBatch b = batch(5);
      double[] s = new double[IMAGE.size()];
      agent.update(b, 0);
      ResourceCounts.assertFlatOver(
          root,
          200,
          i -> {
            agent.update(b, i + 1);
            agent.act(s, i % 2 == 0, i);
          });
    }
  }
}
