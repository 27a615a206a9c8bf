package org.varl.models.bc;

/**
 * A behaviour-cloning training run.
 *
 * @param hidden width of the single tanh hidden layer (default 64, as the CVAE's networks)
 * @param learningRate Adam's step size (default 1e-3, Kingma and Ba 2015)
 * @param batchSize examples per minibatch (default 128)
 * @param steps optimizer steps (default 2000)
 * @param seed the run seed (default 0); parameters and minibatches derive from it
 */
public record BcConfig(int hidden, double learningRate, int batchSize, int steps, long seed) {

  public BcConfig {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, found " + hidden);
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
  public static BcConfig defaults() {
    return new BcConfig(64, 1e-3, 128, 2000, 0L);
  }

  public BcConfig withHidden(int v) {
    return new BcConfig(v, learningRate, batchSize, steps, seed);
  }

  public BcConfig withLearningRate(double v) {
    return new BcConfig(hidden, v, batchSize, steps, seed);
  }

  public BcConfig withBatchSize(int v) {
    return new BcConfig(hidden, learningRate, v, steps, seed);
  }

  public BcConfig withSteps(int v) {
    return new BcConfig(hidden, learningRate, batchSize, v, seed);
  }

  public BcConfig withSeed(long v) {
    return new BcConfig(hidden, learningRate, batchSize, steps, v);
  }

  static void requireDims(int stateDim, int actionDim) {
    if (stateDim < 1) {
      throw new IllegalArgumentException("stateDim must be >= 1, found " + stateDim);
    }
    if (actionDim < 1) {
      throw new IllegalArgumentException("actionDim must be >= 1, found " + actionDim);
    }
  }
}
