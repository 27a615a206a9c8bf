package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;
import org.varl.core.distributions.Distribution;

/**
 * A strategy for estimating {@code ∇_θ E_{q_θ(z)}[f(z)]} from {@code S} draws: it builds a {@link
 * Surrogate} whose value is the objective and whose gradient is the estimator's.
 */
public interface GradientEstimator {

  /** A short stable name used in metrics, e.g. {@code pathwise}, {@code score+ema}. */
  String name();

  /** Whether the expected gradient equals the true gradient (false for relaxations). */
  boolean unbiased();

  /**
   * One estimate.
   *
   * @param q the variational distribution, batch shape {@code [B]} (or {@code ()})
   * @param f the integrand
   * @param numSamples S ≥ 1 draws per batch member
   * @param context the input {@code x} ({@code [B, …]}) for input-dependent baselines; may be null
   *     otherwise
   */
  Surrogate surrogate(Distribution q, Integrand f, int numSamples, NDArray context);

  /** {@link #surrogate(Distribution, Integrand, int, NDArray)} without context. */
  default Surrogate surrogate(Distribution q, Integrand f, int numSamples) {
    return surrogate(q, f, numSamples, null);
  }

  /** Checks {@code numSamples} and that {@code f(z)} has shape {@code [S, …batchShape]}. */
  static void requireSignalShape(NDArray fz, Distribution q, int numSamples) {
    ai.djl.ndarray.types.Shape expected =
        new ai.djl.ndarray.types.Shape(numSamples).addAll(q.batchShape());
    if (!fz.getShape().equals(expected)) {
      throw new IllegalArgumentException(
          "integrand f(z) must have shape [S, ...batchShape] = "
              + expected
              + ", found "
              + fz.getShape());
    }
  }

  /** Rejects {@code numSamples < 1}. */
  static void requireSamples(int numSamples) {
    if (numSamples < 1) {
      throw new IllegalArgumentException("numSamples must be >= 1, found " + numSamples);
    }
  }
}
