package org.varl.core.bounds;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import org.varl.core.distributions.Distribution;
import org.varl.core.numerics.StableMath;

/**
 * The importance-sampled estimate of {@code log p(x)} used to evaluate a trained model (Burda et
 * al. 2016, §5; the standard "test log-likelihood with K = 5000"):
 *
 * <pre>
 *   log p̂(x) = logSumExp_k log w_k − log K,   z_k ~ q(z | x)
 * </pre>
 *
 * <p>Memory: the K draws are processed in chunks of at most {@code chunkSize}; each chunk's {@code
 * logSumExp} is kept and the chunks are combined with another {@code logSumExp}, which is exact.
 * Each chunk's temporaries are released as soon as its partial sum is known ({@link NDScope}), so K
 * = 5000 on a batch of 128 MNIST images needs one chunk's memory. No gradient is recorded: the
 * draws are plain samples and the result is detached.
 */
public final class LogMarginal {

  /**
   * Draws × batch size per chunk when no chunk size is given: ~16k rows of decoder output at a
   * time.
   */
  public static final int DEFAULT_ROWS_PER_CHUNK = 16_384;

  /**
   * Partial sums kept before they are folded into one: with K = 1e8 and chunks of 200 draws, half a
   * million arrays would otherwise stay alive. The usual K (5000) never reaches it, so its result
   * is the one logSumExp over all chunks.
   */
  static final int MAX_PARTIALS = 1024;

  private LogMarginal() {}

  /** {@code log p̂(x)} per example, {@code [B]}, with a chunk size chosen from the batch size. */
  public static NDArray estimate(
      NDArray x, Distribution posterior, Distribution prior, Likelihood likelihood, int k) {
    long batch = Math.max(1, posterior.batchShape().size());
    int chunk = (int) Math.max(1, Math.min(k, DEFAULT_ROWS_PER_CHUNK / batch));
    return estimate(x, posterior, prior, likelihood, k, chunk);
  }

  /**
   * {@code log p̂(x)} per example, {@code [B]}, drawing at most {@code chunkSize} samples at a
   * time.
   */
  public static NDArray estimate(
      NDArray x,
      Distribution posterior,
      Distribution prior,
      Likelihood likelihood,
      int k,
      int chunkSize) {
    if (k < 1) {
      throw new IllegalArgumentException("number of importance samples K must be >= 1, found " + k);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be >= 1, found " + chunkSize);
    }
    NDList partials = new NDList();
    for (int done = 0; done < k; done += chunkSize) {
      int size = Math.min(chunkSize, k - done);
      try (NDScope scope = new NDScope()) {
        NDArray logWeights =
            ImportanceWeights.logWeights(x, posterior, prior, likelihood, size, false);
        NDArray partial = StableMath.logSumExp(logWeights.stopGradient(), 0, false);
        NDScope.unregister(partial);
        partials.add(partial);
      }
      if (partials.size() == MAX_PARTIALS) {
        // Large K: fold the partial sums into one (logSumExp is associative up to rounding), so
        // memory stays at MAX_PARTIALS arrays of [B] however many chunks K takes.
        NDArray stackedSoFar = NDArrays.stack(partials, 0);
        NDArray folded = StableMath.logSumExp(stackedSoFar, 0, false);
        partials.close();
        stackedSoFar.close();
        partials = new NDList(folded);
      }
    }
    NDArray stacked = NDArrays.stack(partials, 0);
    NDArray result = StableMath.logSumExp(stacked, 0, false).sub((float) Math.log(k));
    partials.close();
    stacked.close();
    return result;
  }
}
