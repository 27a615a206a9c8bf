package org.varl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import org.varl.core.distributions.Categorical;
import org.varl.core.distributions.Independent;
import org.varl.core.distributions.Normal;
import org.varl.core.distributions.TanhNormal;

/**
 * Output heads: a network's last layer read as the parameters of a distribution. A Gaussian head
 * splits the last axis in half, {@code [loc | s]}, as PyTorch's VAE example (fc21/fc22) and SAC's
 * actors do.
 *
 * <pre>
 *   diagonalNormal:    [μ | log σ²]  → Independent(N(μ, exp(log σ²)), 1)      (log σ² clipped: Normal.fromLogVariance)
 *   tanhNormal:        [μ | log σ]   → tanh(N(μ, exp(clip(log σ, lo, hi))))  (SAC; SB3 clips log σ to [−20, 2])
 *   categorical:       logits        → Categorical(logits), masked entries set to −∞ (invalid actions)
 * </pre>
 */
public final class Heads {

  /**
   * Stable-Baselines3's bounds on a SAC actor's log σ (sb3/common/distributions.py:
   * LOG_STD_MIN/MAX).
   */
  public static final double LOG_STD_MIN = -20;

  public static final double LOG_STD_MAX = 2;

  private Heads() {}

  /** The two halves of the last axis of {@code out: [..., 2k]}, each {@code [..., k]}. */
  public static NDList split(NDArray out) {
    long width = out.getShape().get(out.getShape().dimension() - 1);
    if (width % 2 != 0) {
      throw new IllegalArgumentException(
          "a Gaussian head needs an even output width, found " + width);
    }
    return out.split(2, out.getShape().dimension() - 1);
  }

  /** {@code out = [μ | log σ²]} → a diagonal Gaussian over the last axis. */
  public static Independent diagonalNormal(NDArray out) {
    NDList parts = split(out);
    return Normal.diagonalFromLogVariance(parts.get(0), parts.get(1));
  }

  /**
   * {@code out = [μ | log σ]} → {@code tanh(N(μ, σ²))} per dimension, log σ clipped to [{@code
   * minLogStd}, {@code maxLogStd}] (wrap in {@link Independent} to sum over action dimensions).
   */
  public static TanhNormal tanhNormal(NDArray out, double minLogStd, double maxLogStd) {
    if (!(minLogStd < maxLogStd)) {
      throw new IllegalArgumentException(
          "minLogStd must be < maxLogStd, found " + minLogStd + " and " + maxLogStd);
    }
    NDList parts = split(out);
    NDArray logStd = parts.get(1).clip(minLogStd, maxLogStd);
    return TanhNormal.of(parts.get(0), logStd.exp());
  }

  /** {@code logits: [..., K]} → a categorical over the last axis. */
  public static Categorical categorical(NDArray logits) {
    return Categorical.ofLogits(logits);
  }

  /**
   * {@code logits: [..., K]} with {@code valid: [..., K]} (boolean, or nonzero = valid) → a
   * categorical that gives probability 0 to every invalid entry: its logit becomes −∞ (each row
   * needs at least one valid entry).
   */
  public static Categorical maskedCategorical(NDArray logits, NDArray valid) {
    NDArray ok = valid.getDataType() == DataType.BOOLEAN ? valid : valid.neq(0);
    int last = logits.getShape().dimension() - 1;
    if (!ok.toType(DataType.INT32, false).sum(new int[] {last}).gt(0).all().getBoolean()) {
      throw new IllegalArgumentException("every row of the mask needs at least one valid entry");
    }
    NDArray minusInf =
        logits.getManager().full(logits.getShape(), Float.NEGATIVE_INFINITY, logits.getDataType());
    return Categorical.ofLogits(NDArrays.where(ok, logits, minusInf));
  }
}
