package org.varl.rl.imitation.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.varl.models.bc.BcPolicy;

/**
 * A trained {@link BcPolicy} as an {@link ObstaclePolicy}: a = μ_θ(s), deterministic (the Gaussian
 * policy's mean; the regression's output). Every action is computed in its own sub-manager of
 * {@code manager}.
 */
public final class BcObstaclePolicy implements ObstaclePolicy {

  private final NDManager manager;
  private final BcPolicy policy;

  /**
   * @throws IllegalArgumentException if the policy is not over states (x, y) and actions (dx, dy)
   */
  public BcObstaclePolicy(NDManager manager, BcPolicy policy) {
    if (policy.stateDim() != 2 || policy.actionDim() != 2) {
      throw new IllegalArgumentException(
          "the obstacle task needs a policy with stateDim 2 and actionDim 2, found "
              + policy.stateDim()
              + " and "
              + policy.actionDim());
    }
    this.manager = manager;
    this.policy = policy;
  }

  @Override
  public double[] act(double[] state) {
    try (NDManager m = manager.newSubManager()) {
      float[] a =
          policy
              .act(m.create(new float[] {(float) state[0], (float) state[1]}, new Shape(1, 2)))
              .toFloatArray();
      return new double[] {a[0], a[1]};
    }
  }
}
