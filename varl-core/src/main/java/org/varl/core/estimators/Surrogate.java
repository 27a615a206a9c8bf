package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;

/**
 * The result of one gradient estimate.
 *
 * @param objective scalar whose value is {@code (1/(S·B)) Σ f(z)}, the Monte Carlo estimate of the
 *     objective averaged over the batch, and whose gradient is the estimator's gradient of that
 *     objective (maximize it)
 * @param perExample the detached per-example estimate {@code (1/S) Σ_s f(z_s)}, shape {@code [B]}
 *     (batch shape)
 */
public record Surrogate(NDArray objective, NDArray perExample) {

  /** {@code −objective}: the loss to minimize with a gradient-descent optimizer. */
  public NDArray loss() {
    return objective.neg();
  }
}
