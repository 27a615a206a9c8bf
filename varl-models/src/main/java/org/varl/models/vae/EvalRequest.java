package org.varl.models.vae;

import java.nio.file.Path;

/**
 * A {@code varl vae eval} invocation.
 *
 * @param model the run directory
 * @param k importance samples per example for {@code log p(x)} (Burda et al. use 5000)
 * @param examples test examples for the {@code log p(x)} estimate (the first ones; the ELBO uses
 *     the whole test set), because K = 5000 decoder passes per example cost about 30 ms on 2 cores
 *     (Fashion-MNIST model)
 * @param seed seed of the evaluation's noise
 */
public record EvalRequest(Path model, int k, int examples, long seed) {

  /**
   * Most importance samples per example: the work is K x examples decoder passes (Burda et al. use
   * 5000); K = 1e8 ran for hours with no end in sight (issue 9).
   */
  public static final int MAX_K = 1_000_000;

  /** Validates the counts. */
  public EvalRequest {
    if (model == null) {
      throw new IllegalArgumentException(
          "model must be given (a run directory written by vae train)");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, found " + k);
    }
    if (k > MAX_K) {
      throw new IllegalArgumentException(
          "k must be <= "
              + MAX_K
              + " (K decoder passes per example: about 30 ms per 5000 on 2 cores, so 1e6 is"
              + " already 6 s per example and 1e8 ten minutes), found "
              + k);
    }
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be >= 1, found " + examples);
    }
  }
}
