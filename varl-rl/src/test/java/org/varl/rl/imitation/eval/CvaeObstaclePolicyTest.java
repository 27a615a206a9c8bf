package org.varl.rl.imitation.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.varl.models.cvae.CvaeConfig;
import org.varl.models.cvae.CvaePolicy;
import org.varl.testing.ResourceCounts;

/** The three test-time choices of z, on an untrained CVAE with a learned prior (z depends on s). */
class CvaeObstaclePolicyTest {

  private static final double[] S = {0.1, 0.3};

  private static CvaePolicy cvae(NDManager m) {
    return CvaePolicy.create(m, CvaeConfig.defaults().withLearnedPrior(true).withSeed(4), 2, 2);
  }

  @Test
  void zeroActsTheDecoderMeanAtThePriorMeanDeterministically() {
    try (NDManager m = NDManager.newBaseManager()) {
      CvaePolicy cvae = cvae(m);
      CvaeObstaclePolicy p = new CvaeObstaclePolicy(m, cvae, LatentChoice.ZERO, 1);
      p.beginEpisode(0, S);
      double[] a = p.act(S);
      NDArray s = m.create(new float[] {0.1f, 0.3f}, new Shape(1, 2));
      NDArray z = cvae.priorLatent(s, m.zeros(new Shape(1, cvae.latent())));
      float[] expected = cvae.act(s, z).toFloatArray();
      assertThat(a).containsExactly(expected[0], expected[1]);
      p.beginEpisode(1, S);
      assertThat(p.act(S)).containsExactly(a);
    }
  }

  @Test
  void perEpisodeHoldsZWithinAnEpisodeAndPerStepDoesNot() {
    try (NDManager m = NDManager.newBaseManager()) {
      CvaePolicy cvae = cvae(m);
      CvaeObstaclePolicy episode = new CvaeObstaclePolicy(m, cvae, LatentChoice.PER_EPISODE, 1);
      episode.beginEpisode(0, S);
      double[] first = episode.act(S);
      assertThat(episode.act(S)).containsExactly(first);
      episode.beginEpisode(1, S);
      assertThat(episode.act(S)).isNotEqualTo(first);
      CvaeObstaclePolicy step = new CvaeObstaclePolicy(m, cvae, LatentChoice.PER_STEP, 1);
      step.beginEpisode(0, S);
      assertThat(step.act(S)).isNotEqualTo(step.act(S));
    }
  }

  @Test
  void rolloutsAreAFunctionOfTheSeedAndTheRootStaysFlat() {
    try (NDManager m = NDManager.newBaseManager()) {
      CvaePolicy cvae = cvae(m);
      for (LatentChoice c : LatentChoice.values()) {
        List<ObstacleRollout> a =
            ObstacleRollouts.play(1, new CvaeObstaclePolicy(m, cvae, c, 2), 3, 5);
        List<ObstacleRollout> b =
            ObstacleRollouts.play(1, new CvaeObstaclePolicy(m, cvae, c, 2), 3, 5);
        for (int e = 0; e < 3; e++) {
          assertThat(b.get(e).positions()).hasSameSizeAs(a.get(e).positions());
          for (int t = 0; t < a.get(e).positions().size(); t++) {
            assertThat(b.get(e).positions().get(t)).containsExactly(a.get(e).positions().get(t));
          }
        }
      }
      CvaeObstaclePolicy p = new CvaeObstaclePolicy(m, cvae, LatentChoice.PER_STEP, 3);
      p.beginEpisode(0, S);
      ResourceCounts.assertFlatOver(m, 100, t -> p.act(S));
    }
  }

  @Test
  void wrongUseIsRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      CvaeObstaclePolicy p = new CvaeObstaclePolicy(m, cvae(m), LatentChoice.PER_EPISODE, 1);
      assertThatThrownBy(() -> p.act(S))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("beginEpisode");
      CvaePolicy wide = CvaePolicy.create(m, CvaeConfig.defaults(), 3, 2);
      assertThatThrownBy(() -> new CvaeObstaclePolicy(m, wide, LatentChoice.ZERO, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("stateDim 2 and actionDim 2, found 3 and 2");
    }
  }
}
