package org.varl.models.vae;

/**
 * How a VAE is optimized. Defaults are PyTorch's examples/vae: Adam 1e-3, batch 128, beta 1,
 * pathwise gradient.
 *
 * <p>The training objective per example is {@code -E_q[log p(x|z)] + beta KL(q(z|x) || p(z))}
 * (beta-VAE, Higgins et al., ICLR 2017; beta = 1 is the negative ELBO) or, with {@link
 * Estimator#IWAE}, the negative K-sample bound {@code -L_K}. It is summed over the batch before
 * differentiation, as in PyTorch's example.
 *
 * @param epochs total number of epochs of the run (a resumed run continues up to this number)
 * @param batchSize examples per step
 * @param learningRate Adam's step size
 * @param beta weight of the KL term; must be 1 with IWAE, whose bound has no KL weight
 * @param estimator gradient estimator
 * @param iwaeK importance samples per example for IWAE (ignored otherwise)
 * @param seed the run seed: parameters, batch order, noise and binarization all derive from it
 * @param threads PyTorch intra-op threads
 * @param binarize dynamic binarization of each batch (needs data in [0, 1])
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    double learningRate,
    double beta,
    Estimator estimator,
    int iwaeK,
    long seed,
    int threads,
    boolean binarize) {

  /** Validates every field; messages name the field and the value. */
  public TrainConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, found " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch-size must be >= 1, found " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("lr must be > 0 and finite, found " + learningRate);
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be >= 0 and finite, found " + beta);
    }
    if (estimator == null) {
      throw new IllegalArgumentException("estimator must be given");
    }
    if (iwaeK < 1) {
      throw new IllegalArgumentException("iwae-k must be >= 1, found " + iwaeK);
    }
    if (estimator == Estimator.IWAE && beta != 1.0) {
      throw new IllegalArgumentException(
          "beta must be 1 with estimator iwae (the bound has no KL weight), found " + beta);
    }
    if (estimator == Estimator.SCORE && batchSize < 2) {
      throw new IllegalArgumentException(
          "batch-size must be >= 2 with estimator score (leave-one-out baseline), found "
              + batchSize);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
  }

  /**
   * 10 epochs, batch 128, Adam 1e-3, beta 1, pathwise, K = 5, seed 1, 2 threads, no binarization.
   */
  public static TrainConfig defaults() {
    return new TrainConfig(10, 128, 1e-3, 1.0, Estimator.PATHWISE, 5, 1L, 2, false);
  }

  /** Copy with another number of epochs. */
  public TrainConfig withEpochs(int n) {
    return new TrainConfig(
        n, batchSize, learningRate, beta, estimator, iwaeK, seed, threads, binarize);
  }

  /** Copy with another thread count. */
  public TrainConfig withThreads(int n) {
    return new TrainConfig(
        epochs, batchSize, learningRate, beta, estimator, iwaeK, seed, n, binarize);
  }
}
