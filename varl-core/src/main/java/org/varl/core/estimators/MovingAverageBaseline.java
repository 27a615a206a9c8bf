package org.varl.core.estimators;

import ai.djl.ndarray.NDArray;

/**
 * An exponential moving average of past signals: {@code b_t = β b_{t−1} + (1 − β) mean(f_t)}, used
 * for the next estimate only (so it never depends on the current draw). Before the first
 * observation {@code b = 0}.
 */
public final class MovingAverageBaseline implements Baseline {

  private final double decay;
  private double average;
  private boolean initialized;

  /**
   * @param decay β in [0, 1); 0.9 to 0.99 is usual
   */
  public MovingAverageBaseline(double decay) {
    if (!(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException("decay must be in [0, 1), found " + decay);
    }
    this.decay = decay;
  }

  /** The current average. */
  public double average() {
    return average;
  }

  @Override
  public String name() {
    return "ema";
  }

  @Override
  public NDArray value(NDArray signal, NDArray context) {
    return signal.getManager().create((float) average);
  }

  @Override
  public NDArray observe(NDArray signal, NDArray context) {
    double mean = signal.mean().getFloat();
    // Start from the first mean instead of 0, which would bias the first hundreds of steps towards
    // 0.
    average = initialized ? decay * average + (1 - decay) * mean : mean;
    initialized = true;
    return null;
  }
}
