package org.varl.core.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Reinterprets the last {@code n} batch dimensions of a base distribution as event dimensions (as
 * {@code torch.distributions.Independent}):
 *
 * <pre>
 *   log p(x) = Σ_{last n batch dims} log p_base(x)          H = Σ_{last n batch dims} H_base
 * </pre>
 *
 * <p>{@code Independent.of(Normal.of(mu, sigma), 1)} with {@code mu: [B, d]} is a batch of {@code
 * B} diagonal Gaussians over {@code R^d}: batch shape {@code [B]}, event shape {@code [d]}, {@code
 * logProb} of shape {@code [B]}. Sampling, mean and variance are the base's.
 */
public final class Independent implements Distribution {

  private final Distribution base;
  private final int reinterpretedBatchDims;

  private Independent(Distribution base, int reinterpretedBatchDims) {
    this.base = base;
    this.reinterpretedBatchDims = reinterpretedBatchDims;
  }

  /**
   * Wraps {@code base}, moving its last {@code reinterpretedBatchDims} batch dimensions into the
   * event.
   *
   * @throws IllegalArgumentException if {@code reinterpretedBatchDims} is negative or exceeds the
   *     base's batch rank
   */
  public static Independent of(Distribution base, int reinterpretedBatchDims) {
    int rank = base.batchShape().dimension();
    if (reinterpretedBatchDims < 0 || reinterpretedBatchDims > rank) {
      throw new IllegalArgumentException(
          "reinterpretedBatchDims must be in [0, "
              + rank
              + "] for base batch shape "
              + base.batchShape()
              + ", found "
              + reinterpretedBatchDims);
    }
    return new Independent(base, reinterpretedBatchDims);
  }

  public Distribution base() {
    return base;
  }

  public int reinterpretedBatchDims() {
    return reinterpretedBatchDims;
  }

  @Override
  public Shape batchShape() {
    Shape b = base.batchShape();
    return b.slice(0, b.dimension() - reinterpretedBatchDims);
  }

  @Override
  public Shape eventShape() {
    Shape b = base.batchShape();
    return b.slice(b.dimension() - reinterpretedBatchDims).addAll(base.eventShape());
  }

  @Override
  public NDManager manager() {
    return base.manager();
  }

  @Override
  public NDArray sample(Shape sampleShape) {
    return base.sample(sampleShape);
  }

  @Override
  public NDArray rsample(Shape sampleShape) {
    if (!base.hasRsample()) {
      throw Distribution.noRsample(this);
    }
    return base.rsample(sampleShape);
  }

  @Override
  public boolean hasRsample() {
    return base.hasRsample();
  }

  @Override
  public NDArray logProb(NDArray value) {
    return sumRightmost(base.logProb(value), reinterpretedBatchDims);
  }

  @Override
  public NDArray entropy() {
    return sumRightmost(base.entropy(), reinterpretedBatchDims);
  }

  @Override
  public NDArray mean() {
    return base.mean();
  }

  @Override
  public NDArray variance() {
    return base.variance();
  }

  /** Sums the last {@code n} axes of {@code x} ({@code x} itself when {@code n = 0}). */
  public static NDArray sumRightmost(NDArray x, int n) {
    if (n == 0) {
      return x;
    }
    int rank = x.getShape().dimension();
    int[] axes = new int[n];
    for (int i = 0; i < n; i++) {
      axes[i] = rank - n + i;
    }
    return x.sum(axes);
  }

  @Override
  public String toString() {
    return "Independent(" + base + ", " + reinterpretedBatchDims + ")";
  }
}
