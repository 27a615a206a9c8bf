package org.varl.rl.agents;

import ai.djl.ndarray.NDArray;
import org.varl.core.engine.Scalars;

/**
 * The regression loss of a Q-learning update on the TD error δ = Q(s, a) − y, averaged over the
 * batch.
 *
 * <pre>
 *   HUBER: mean ℓ(δ),  ℓ(δ) = ½ δ²  if |δ| &lt; 1,  |δ| − ½  otherwise   (SB3's DQN: F.smooth_l1_loss, β = 1)
 *   MSE:   mean δ²                                                   (F.mse_loss; CleanRL's DQN)
 * </pre>
 *
 * Huber is evaluated as ½ c² + (|δ| − c) with c = min(|δ|, 1), one expression for both branches.
 */
public enum TdLoss {
  /** SB3 DQN's loss ({@code smooth_l1_loss}): quadratic near 0, linear beyond |δ| = 1. */
  HUBER("huber"),
  /** The squared error. */
  MSE("mse");

  private final String id;

  TdLoss(String id) {
    this.id = id;
  }

  /** The lower-case name used in options and checkpoints. */
  public String id() {
    return id;
  }

  /** The loss named {@code id} (case-insensitive), or an error listing the names. */
  public static TdLoss parse(String id) {
    for (TdLoss l : values()) {
      if (l.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
        return l;
      }
    }
    throw new IllegalArgumentException("loss must be one of huber, mse, found " + id);
  }

  /** The mean loss of the TD errors {@code delta: [B]}, a scalar in delta's manager. */
  public NDArray apply(NDArray delta) {
    return switch (this) {
      case MSE -> delta.square().mean();
      case HUBER -> {
        NDArray magnitude = delta.abs();
        // c = min(|δ|, 1) = −max(−|δ|, −1): Scalars has the graph-safe maximum.
        NDArray c = Scalars.maximum(magnitude.neg(), -1f).neg();
        yield Scalars.mul(c.square(), 0.5f).add(magnitude.sub(c)).mean();
      }
    };
  }
}
