package org.varl.rl.imitation.eval;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;
import org.varl.models.diffpolicy.DiffusionPolicy;

/**
 * A trained {@link DiffusionPolicy} as an {@link ObstaclePolicy}: every step draws a fresh action a
 * ~ p_θ(a | s) by the policy's ancestral sampler (Chi et al. 2023 execute the sampled action; this
 * task has no action chunks). The normals of episode e come from stream {@code Streams.EVAL_NOISE}
 * of {@code seed} at coordinate e, so each episode is a pure function of the policy, the seed and
 * its index, whatever was played before it. The sampler scopes every network evaluation to a
 * sub-manager of {@code manager}; nothing is left in it.
 */
public final class DiffusionObstaclePolicy implements ObstaclePolicy {

  private final NDManager manager;
  private final DiffusionPolicy policy;
  private final long seed;
  private SplittableRandom random;

  /**
   * @throws IllegalArgumentException if the policy is not over states (x, y) and actions (dx, dy)
   */
  public DiffusionObstaclePolicy(NDManager manager, DiffusionPolicy policy, long seed) {
    if (policy.stateDim() != 2 || policy.actionDim() != 2) {
      throw new IllegalArgumentException(
          "the obstacle task needs a policy with stateDim 2 and actionDim 2, found "
              + policy.stateDim()
              + " and "
              + policy.actionDim());
    }
    this.manager = manager;
    this.policy = policy;
    this.seed = seed;
  }

  @Override
  public void beginEpisode(int episode, double[] start) {
    random = NoiseStream.generator(seed, Streams.EVAL_NOISE, episode);
  }

  @Override
  public double[] act(double[] state) {
    if (random == null) {
      throw new IllegalStateException(
          "DiffusionObstaclePolicy: the episode's noise needs beginEpisode before act");
    }
    float[] a = policy.sample(manager, new float[] {(float) state[0], (float) state[1]}, random);
    return new double[] {a[0], a[1]};
  }
}
