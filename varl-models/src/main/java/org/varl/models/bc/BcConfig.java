package org.varl.models.bc;

/**
 * A behaviour-cloning training run.
 *
 * @param hidden width of the tanh hidden layers (default 64, as the CVAE's networks)
 * @param layers hidden layers (default 2, as the CVAE's networks)
 * @param learningRate Adam's step size (default 3e-3, as the CVAE: tuned on the obstacle task)
 * @param batchSize examples per minibatch (default 128)
 * @param steps optimizer steps (default 8000, as the CVAE)
 * @param seed the run seed (default 0); parameters and minibatches derive from it
 */
public record BcConfig(
    int hidden, int layers, double learningRate, int batchSize, int steps, long seed) {

  public BcConfig {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, found " + hidden);
    }
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be >= 1, found " + layers);
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
    return new BcConfig(64, 2, 3e-3, 128, 8000, 0L);
  }

  public BcConfig withHidden(int v) {
    return new BcConfig(v, layers, learningRate, batchSize, steps, seed);
  }

  public BcConfig withLayers(int v) {
    return new BcConfig(hidden, v, learningRate, batchSize, steps, seed);
  }

  public BcConfig withLearningRate(double v) {
    return new BcConfig(hidden, layers, v, batchSize, steps, seed);
  }

  public BcConfig withBatchSize(int v) {
    return new BcConfig(hidden, layers, learningRate, v, steps, seed);
  }

  public BcConfig withSteps(int v) {
    return new BcConfig(hidden, layers, learningRate, batchSize, v, seed);
  }

  public BcConfig withSeed(long v) {
    return new BcConfig(hidden, layers, learningRate, batchSize, steps, v);
  }

  /** The widths of a network {@code in → hidden × layers → out}. */
  public int[] widths(int in, int out) {
    int[] w = new int[layers + 2];
    java.util.Arrays.fill(w, hidden);
    w[0] = in;
    w[w.length - 1] = out;
    return w;
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
