package org.varl.models.bc;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.varl.core.data.RowMajor;
import org.varl.core.engine.Scalars;
import org.varl.core.optim.Adam;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * Minibatch training of a {@link BcPolicy} on (state, action) pairs by Adam on the batch mean of
 * its loss. Step t draws its minibatch (with replacement) from stream {@link Streams#BATCHES} at
 * coordinate t, so a run is a pure function of the config, the initial policy and the data. Every
 * step runs in its own sub-manager of the given one.
 */
public final class BcTrainer {

  private BcTrainer() {}

  /** The trained policy, its optimizer and the batch-mean loss of every step. */
  public record Run(BcPolicy policy, Adam adam, double[] losses) {}

  /**
   * Trains {@code policy} (created in {@code manager}) on {@code states: [n, stateDim]} and {@code
   * actions: [n, actionDim]} (row-major).
   *
   * @throws IllegalArgumentException if the arrays are empty, do not fit the policy's dimensions,
   *     differ in rows or hold a non-finite value (the message names the array, the index and the
   *     value)
   */
  public static Run train(
      NDManager manager, BcConfig config, BcPolicy policy, float[] states, float[] actions) {
    return train(manager, config, policy, states, actions, t -> {});
  }

  /**
   * {@link #train(NDManager, BcConfig, BcPolicy, float[], float[])}, calling {@code afterStep} with
   * each finished step's index (for a progress bar).
   */
  public static Run train(
      NDManager manager,
      BcConfig config,
      BcPolicy policy,
      float[] states,
      float[] actions,
      IntConsumer afterStep) {
    int stateDim = policy.stateDim();
    int actionDim = policy.actionDim();
    int n = RowMajor.rows("states", states, stateDim);
    int na = RowMajor.rows("actions", actions, actionDim);
    if (n != na) {
      throw new IllegalArgumentException(
          "states and actions must have as many rows, found " + n + " and " + na);
    }
    Adam adam = Adam.of(policy.parameters(), config.learningRate());
    double[] losses = new double[config.steps()];
    int b = config.batchSize();
    for (int t = 0; t < config.steps(); t++) {
      SplittableRandom pick = NoiseStream.generator(config.seed(), Streams.BATCHES, t);
      float[] s = new float[b * stateDim];
      float[] a = new float[b * actionDim];
      for (int i = 0; i < b; i++) {
        int r = pick.nextInt(n);
        System.arraycopy(states, r * stateDim, s, i * stateDim, stateDim);
        System.arraycopy(actions, r * actionDim, a, i * actionDim, actionDim);
      }
      try (NDManager m = manager.newSubManager()) {
        NDArray sb = m.create(s, new Shape(b, stateDim));
        NDArray ab = m.create(a, new Shape(b, actionDim));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray mean = Scalars.div(policy.loss(sb, ab).sum(), (float) b);
          collector.backward(mean);
          losses[t] = mean.getFloat();
        }
        adam.stepFromParameters();
      }
      afterStep.accept(t);
    }
    return new Run(policy, adam, losses);
  }
}
