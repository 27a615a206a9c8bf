package org.varl.core.numerics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import org.varl.core.engine.Scalars;

/**
 * Stable log-domain arithmetic on NDArrays.
 *
 * <ul>
 *   <li>{@code logSumExp(x) = m + log Σ exp(x − m)} with {@code m = max x} taken without gradient
 *       (the shift cancels mathematically, so it must not carry a gradient of its own). Where a row
 *       is entirely {@code -inf} the shift is replaced by 0 so that the result is {@code -inf} and
 *       not NaN ({@code −inf − (−inf)} is NaN).
 *   <li>{@code softplus(x) = log(1 + eˣ)}, evaluated as PyTorch does ({@code x} itself above a
 *       threshold and {@code log1p(exp x)} below), so {@code softplus(1000) = 1000}, not {@code
 *       inf}.
 *   <li>{@code logSigmoid(x) = −softplus(−x)}, finite for all finite {@code x}.
 *   <li>{@code xLogY(x, log y) = x log y}, 0 where {@code x = 0}, with a finite gradient there too.
 *   <li>{@code logSoftmax(x) = (x − m) − log Σ exp(x − m)} and {@code softmax(x) = exp(x − m) / Σ
 *       exp(x − m)}: PyTorch's fused kernels, except on a short last axis (4 to 15 entries), where
 *       they fall back to a scalar loop of about 14 ns per element and the composition of
 *       elementwise ops and reductions is 2–4x faster (measured on 2560 rows, one thread: K = 10,
 *       387 vs 134 µs; K = 16, 33 µs native). Categorical latents of 10 categories, as in the
 *       benchmarks, are exactly that shape.
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
    // A slice that is all -inf (or holds +inf) would give inf - inf = NaN below; shift by 0 there
    // instead.
    NDArray finiteShift = NDArrays.where(shift.isInfinite(), shift.zerosLike(), shift);
    NDArray summed = x.sub(finiteShift).exp().sum(new int[] {axis}, true).log().add(finiteShift);
    return keepDims ? summed : summed.squeeze(axis);
  }

  /**
   * Last-axis lengths on which the composed (log-)softmax beats PyTorch's fused kernel (see the
   * class comment).
   */
  private static final int SHORT_AXIS_MIN = 4;

  private static final int SHORT_AXIS_MAX = 15;

  /**
   * {@code log softmax} over {@code axis}, {@code x − logSumExp(x)}. A {@code -inf} entry stays
   * {@code -inf}; a slice that is entirely {@code -inf} has no distribution and gives NaN, as
   * PyTorch's does.
   */
  public static NDArray logSoftmax(NDArray x, int axis) {
    if (!shortLastAxis(x, axis)) {
      return x.logSoftmax(axis);
    }
    NDArray centred = x.sub(detachedFiniteMax(x, axis));
    return centred.sub(centred.exp().sum(new int[] {axis}, true).log());
  }

  /**
   * {@code softmax} over {@code axis}, {@code exp(x − m) / Σ exp(x − m)} with {@code m = max x}.
   */
  public static NDArray softmax(NDArray x, int axis) {
    if (!shortLastAxis(x, axis)) {
      return x.softmax(axis);
    }
    NDArray weights = x.sub(detachedFiniteMax(x, axis)).exp();
    return weights.div(weights.sum(new int[] {axis}, true));
  }

  private static boolean shortLastAxis(NDArray x, int axis) {
    int rank = x.getShape().dimension();
    if (rank == 0 || (axis != -1 && axis != rank - 1)) {
      return false;
    }
    long length = x.getShape().get(rank - 1);
    return length >= SHORT_AXIS_MIN && length <= SHORT_AXIS_MAX;
  }

  /**
   * The max over {@code axis} (kept), detached (the shift cancels exactly, so it carries no
   * gradient) and clipped to the finite floats, so that a {@code -inf} entry minus the shift stays
   * {@code -inf} rather than NaN.
   */
  private static NDArray detachedFiniteMax(NDArray x, int axis) {
    return x.stopGradient().max(new int[] {axis}, true).clip(-Float.MAX_VALUE, Float.MAX_VALUE);
  }

  /**
   * {@code log((1/n) Σ_axis exp(x)) = logSumExp(x) − log n}, the log of a Monte Carlo average of
   * weights.
   */
  public static NDArray logMeanExp(NDArray x, int axis, boolean keepDims) {
    int positive = axis < 0 ? axis + x.getShape().dimension() : axis;
    long n = x.getShape().get(positive);
    return logSumExp(x, axis, keepDims).sub((float) Math.log(n));
  }

  /**
   * {@code x · logY} with the product defined as 0 wherever {@code x = 0} (the {@code xlogy} rule
   * of SciPy and PyTorch, given {@code log y} rather than {@code y}), as in {@code p log p} and
   * {@code p (log p − log q)} for a probability {@code p} that is exactly 0 (a {@code −inf} logit,
   * an action mask, or an underflow).
   *
   * <p>{@code logY} is replaced by 0 there <em>before</em> the multiplication. Masking the finished
   * product instead ({@code where(x = 0, 0, x · logY)}) gives the right value but not the right
   * gradient: the backward pass of the product still computes {@code ∂/∂x = logY = −inf} and
   * multiplies it by the masked incoming gradient 0, which is NaN. Here the masked entries have
   * gradient 0 with respect to both operands (with respect to {@code x} even where {@code logY} is
   * finite, as in {@code torch.xlogy}'s backward).
   *
   * @param x the weights, typically probabilities (broadcast against {@code logY})
   * @param logY the log term; may be {@code ±inf} or NaN where {@code x = 0}
   */
  public static NDArray xLogY(NDArray x, NDArray logY) {
    NDArray safeLogY = NDArrays.where(x.eq(0f), logY.zerosLike(), logY);
    return x.mul(safeLogY);
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
   * {@code log(1 − tanh²(u)) = 2 (log 2 − u − softplus(−2u))}, the log-Jacobian of {@code tanh};
   * the naive form is {@code log 0 = −inf} once {@code tanh u} rounds to ±1 (|u| ≳ 9 in float32).
   */
  public static NDArray logOneMinusTanhSquared(NDArray u) {
    return Scalars.mul(softplus(Scalars.mul(u, -2f)).add(u).neg().add((float) Math.log(2.0)), 2f);
  }
}
