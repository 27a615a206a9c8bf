package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;

/**
 * A control variate for the score-function estimator: {@code (f(z) − b) ∇ log q(z)} has the same
 * expectation as {@code f(z) ∇ log q(z)} whenever {@code b} does not depend on the draw {@code z}
 * (because {@code E_q[∇ log q] = 0}), and lower variance when {@code b ≈ E_q[f]}. Williams 1992;
 * Mnih and Gregor 2014 (NVIL) for the learned, input-dependent baseline.
 *
 * <p>Baselines may keep state (a running average, network weights); they are mutable and not
 * thread-safe.
 */
public interface Baseline {

  /**
   * A short stable name used in metrics ({@code none}, {@code constant}, {@code ema}, {@code
   * learned}).
   */
  String name();

  /**
   * The baseline for the current estimate, detached, broadcastable against the signal {@code [S,
   * B]} (shape {@code ()} or {@code [B]}). Computed before the current draws are seen: only the
   * signal's manager, shape and the {@code context} (input x) may be used, never its values.
   */
  NDArray value(NDArray signal, NDArray context);

  /**
   * Learns from the detached signal {@code f(z)} of the current estimate (after {@link #value} was
   * used). Returns a scalar loss whose gradient trains the baseline's parameters (the learned
   * baseline's squared error), or null. The estimator adds it to the surrogate as {@code −(loss −
   * stopGradient(loss))}: zero in value, so the surrogate's value stays the objective.
   */
  NDArray observe(NDArray signal, NDArray context);

  /** No baseline, {@code b = 0}: plain REINFORCE. */
  static Baseline none() {
    return new ConstantBaseline(0, "none");
  }
}
