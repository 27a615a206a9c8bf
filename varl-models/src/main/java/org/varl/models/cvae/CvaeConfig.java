package org.varl.models.cvae;

/**
 * A CVAE policy and its training run.
 *
 * @param latent size of z (default 2: the obstacle task has two or four modes, so a small latent
 *     suffices)
 * @param hidden width of the hidden layers of every network (default 64)
 * @param layers hidden layers per network (default 2)
 * @param beta weight of the KL term in −ELBO_β (default 1: the plain ELBO)
 * @param learnedPrior whether the prior is a learned p_ψ(z | s) instead of N(0, I) (default false)
 * @param learningRate Adam's step size (default 3e-3)
 * @param batchSize examples per minibatch (default 128)
 * @param steps optimizer steps (default 8000)
 * @param seed the run seed (default 0); parameters, minibatches and noise derive from it
 */
public record CvaeConfig(
    int latent,
    int hidden,
    int layers,
    double beta,
    boolean learnedPrior,
    double learningRate,
    int batchSize,
    int steps,
    long seed) {

  public CvaeConfig {
    if (latent < 1) {
      throw new IllegalArgumentException("latent must be >= 1, found " + latent);
    }
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, found " + hidden);
    }
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be >= 1, found " + layers);
    }
    if (!(beta >= 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be finite and >= 0, found " + beta);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be finite and > 0, found " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, found " + batchSize);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, found " + steps);
    }
  }

  /** The defaults listed on the components. */
  public static CvaeConfig defaults() {
    return new CvaeConfig(2, 64, 2, 1.0, false, 3e-3, 128, 8000, 0L);
  }

  public CvaeConfig withLatent(int v) {
    return new CvaeConfig(
        v, hidden, layers, beta, learnedPrior, learningRate, batchSize, steps, seed);
  }

  public CvaeConfig withHidden(int v) {
    return new CvaeConfig(
        latent, v, layers, beta, learnedPrior, learningRate, batchSize, steps, seed);
  }

  public CvaeConfig withLayers(int v) {
    return new CvaeConfig(
        latent, hidden, v, beta, learnedPrior, learningRate, batchSize, steps, seed);
  }

  public CvaeConfig withBeta(double v) {
    return new CvaeConfig(
        latent, hidden, layers, v, learnedPrior, learningRate, batchSize, steps, seed);
  }

  public CvaeConfig withLearnedPrior(boolean v) {
    return new CvaeConfig(latent, hidden, layers, beta, v, learningRate, batchSize, steps, seed);
  }

  public CvaeConfig withLearningRate(double v) {
    return new CvaeConfig(latent, hidden, layers, beta, learnedPrior, v, batchSize, steps, seed);
  }

  public CvaeConfig withBatchSize(int v) {
    return new CvaeConfig(latent, hidden, layers, beta, learnedPrior, learningRate, v, steps, seed);
  }

  public CvaeConfig withSteps(int v) {
    return new CvaeConfig(
        latent, hidden, layers, beta, learnedPrior, learningRate, batchSize, v, seed);
  }

  public CvaeConfig withSeed(long v) {
    return new CvaeConfig(
        latent, hidden, layers, beta, learnedPrior, learningRate, batchSize, steps, v);
  }

  /** The widths of a network {@code in → hidden × layers → out}. */
  public int[] widths(int in, int out) {
    int[] w = new int[layers + 2];
    java.util.Arrays.fill(w, hidden);
    w[0] = in;
    w[w.length - 1] = out;
    return w;
  }
}
