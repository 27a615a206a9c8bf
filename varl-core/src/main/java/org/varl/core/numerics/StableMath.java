package org.varl.core.numerics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;

/**
 * Stable log-domain arithmetic on NDArrays.
 *
 * <ul>
 *   <li>{@code logSumExp(x) = m + log Σ exp(x − m)} with {@code m = max x} taken without gradient (the shift
 *       cancels mathematically, so it must not carry a gradient of its own). Where a row is entirely
 *       {@code -inf} the shift is replaced by 0 so that the result is {@code -inf} and not NaN
 *       ({@code −inf − (−inf)} is NaN).</li>
 *   <li>{@code softplus(x) = log(1 + eˣ)}, evaluated as PyTorch does ({@code x} itself above a threshold and
 *       {@code log1p(exp x)} below), so {@code softplus(1000) = 1000}, not {@code inf}.</li>
 *   <li>{@code logSigmoid(x) = −softplus(−x)}, finite for all finite {@code x}.</li>
 * </ul>
 */
public final class StableMath {

  private StableMath() {}

  /**
   * {@code log Σ_axis exp(x)}, stable for large magnitudes and for all-{@code -inf} slices.
   *
   * @param x input of any shape
   * @param axis the axis to reduce (negative counts from the end)
   * @param keepDims whether the reduced axis stays with size 1
   */
  public static NDArray logSumExp(NDArray x, int axis, boolean keepDims) {
    NDArray shift = x.stopGradient().max(new int[] {axis}, true);
    // A slice that is all -inf (or holds +inf) would give inf - inf = NaN below; shift by 0 there instead.
    NDArray finiteShift = NDArrays.where(shift.isInfinite(), shift.zerosLike(), shift);
    NDArray summed = x.sub(finiteShift).exp().sum(new int[] {axis}, true).log().add(finiteShift);
    return keepDims ? summed : summed.squeeze(axis);
  }

  /** {@code log((1/n) Σ_axis exp(x)) = logSumExp(x) − log n}, the log of a Monte Carlo average of weights. */
  public static NDArray logMeanExp(NDArray x, int axis, boolean keepDims) {
    int positive = axis < 0 ? axis + x.getShape().dimension() : axis;
    long n = x.getShape().get(positive);
    return logSumExp(x, axis, keepDims).sub((float) Math.log(n));
  }

  /** {@code log(1 + exp(x))} without overflow. */
  public static NDArray softplus(NDArray x) {
    return Activation.softPlus(x);
  }

  /** {@code log σ(x) = −softplus(−x)}. */
  public static NDArray logSigmoid(NDArray x) {
    return softplus(x.neg()).neg();
  }

  /**
   * {@code log(1 − tanh²(u)) = 2 (log 2 − u − softplus(−2u))}, the log-Jacobian of {@code tanh}; the naive
   * form is {@code log 0 = −inf} once {@code tanh u} rounds to ±1 (|u| ≳ 9 in float32).
   */
  public static NDArray logOneMinusTanhSquared(NDArray u) {
    return softplus(u.mul(-2f)).add(u).neg().add((float) Math.log(2.0)).mul(2f);
  }
}
