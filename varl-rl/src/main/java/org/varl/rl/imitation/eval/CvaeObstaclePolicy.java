package org.varl.rl.imitation.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.models.cvae.CvaePolicy;

/**
 * A trained {@link CvaePolicy} as an {@link ObstaclePolicy}: a = μ_θ(s, z), the decoder's mean (ACT
 * executes the decoder's mean, not a draw of its noise), with z chosen by a {@link LatentChoice}.
 * The ε draws come from stream {@code Streams.EVAL_NOISE} of {@code seed}, in episode order, so an
 * evaluation is a pure function of the policy, the choice and the seed. Every action is computed in
 * its own sub-manager of {@code manager}; nothing is left in it.
 */
public final class CvaeObstaclePolicy implements ObstaclePolicy {

  private final NDManager manager;
  private final CvaePolicy policy;
  private final LatentChoice choice;
  private final SplittableRandom random;
  private float[] episodeZ;

  /**
   * @throws IllegalArgumentException if the policy is not over states (x, y) and actions (dx, dy)
   */
  public CvaeObstaclePolicy(NDManager manager, CvaePolicy policy, LatentChoice choice, long seed) {
    if (policy.stateDim() != 2 || policy.actionDim() != 2) {
      throw new IllegalArgumentException(
          "the obstacle task needs a policy with stateDim 2 and actionDim 2, found "
              + policy.stateDim()
              + " and "
              + policy.actionDim());
    }
    this.manager = manager;
    this.policy = policy;
    this.choice = choice;
    this.random = NoiseStream.generator(seed, Streams.EVAL_NOISE);
  }

  @Override
  public void beginEpisode(int episode, double[] start) {
    episodeZ = choice == LatentChoice.PER_EPISODE ? latent(start, draw()) : null;
  }

  @Override
  public double[] act(double[] state) {
    float[] z =
        switch (choice) {
          case PER_EPISODE -> requireEpisode();
          case PER_STEP -> latent(state, draw());
          case ZERO -> latent(state, new float[policy.latent()]);
        };
    try (NDManager m = manager.newSubManager()) {
      float[] a =
          policy
              .act(
                  m.create(new float[] {(float) state[0], (float) state[1]}, new Shape(1, 2)),
                  m.create(z, new Shape(1, policy.latent())))
              .toFloatArray();
      return new double[] {a[0], a[1]};
    }
  }

  private float[] requireEpisode() {
    if (episodeZ == null) {
      throw new IllegalStateException(
          "CvaeObstaclePolicy: per-episode z needs beginEpisode before act");
    }
    return episodeZ;
  }

  private float[] draw() {
    float[] eps = new float[policy.latent()];
    for (int i = 0; i < eps.length; i++) {
      eps[i] = (float) random.nextGaussian();
    }
    return eps;
  }

  /** z = μ_p(s) + σ_p(s) ⊙ ε. */
  private float[] latent(double[] state, float[] eps) {
    try (NDManager m = manager.newSubManager()) {
      NDArray s = m.create(new float[] {(float) state[0], (float) state[1]}, new Shape(1, 2));
      return policy.priorLatent(s, m.create(eps, new Shape(1, eps.length))).toFloatArray();
    }
  }
}
