package org.varl.models.cvae;

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
 * Minibatch training of a {@link CvaePolicy} on (state, action) pairs by Adam on the batch mean of
 * −ELBO_β. Step t draws its minibatch (with replacement) from stream {@link Streams#BATCHES} and
 * its ε from {@link Streams#TRAIN_NOISE}, both at coordinate t, so a run is a pure function of the
 * config and the data. Every step runs in its own sub-manager of the given one.
 */
public final class CvaeTrainer {

  private CvaeTrainer() {}

  /** A trained policy, its optimizer and the per-step history. */
  public record Run(CvaePolicy policy, Adam adam, CvaeHistory history) {}

  /**
   * Trains a new policy in {@code manager} on {@code states: [n, stateDim]} and {@code actions: [n,
   * actionDim]} (row-major).
   *
   * @throws IllegalArgumentException if the arrays are empty, do not fit the dimensions, differ in
   *     rows or hold a non-finite value (the message names the array, the index and the value)
   */
  public static Run train(
      NDManager manager,
      CvaeConfig config,
      float[] states,
      int stateDim,
      float[] actions,
      int actionDim) {
    return train(manager, config, states, stateDim, actions, actionDim, t -> {});
  }

  /**
   * {@link #train(NDManager, CvaeConfig, float[], int, float[], int)}, calling {@code afterStep}
   * with each finished step's index (for a progress bar).
   */
  public static Run train(
      NDManager manager,
      CvaeConfig config,
      float[] states,
      int stateDim,
      float[] actions,
      int actionDim,
      IntConsumer afterStep) {
    int n = RowMajor.rows("states", states, stateDim);
    int na = RowMajor.rows("actions", actions, actionDim);
    if (n != na) {
      throw new IllegalArgumentException(
          "states and actions must have as many rows, found " + n + " and " + na);
    }
    CvaePolicy policy = CvaePolicy.create(manager, config, stateDim, actionDim);
    Adam adam = Adam.of(policy.parameters(), config.learningRate());
    CvaeHistory history = new CvaeHistory(config.steps());
    for (int t = 0; t < config.steps(); t++) {
      history.add(step(manager, config, policy, adam, states, stateDim, actions, actionDim, n, t));
      afterStep.accept(t);
    }
    return new Run(policy, adam, history);
  }

  /** One optimizer step t; returns {mean loss, mean reconstruction, mean KL} of its minibatch. */
  static double[] step(
      NDManager manager,
      CvaeConfig config,
      CvaePolicy policy,
      Adam adam,
      float[] states,
      int stateDim,
      float[] actions,
      int actionDim,
      int n,
      long t) {
    int b = config.batchSize();
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
      NDArray eps =
          NoiseStream.normal(
              m, new Shape(b, policy.latent()), config.seed(), Streams.TRAIN_NOISE, t);
      double[] out = new double[3];
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        CvaePolicy.Loss loss = policy.loss(sb, ab, eps, config.beta());
        NDArray mean = Scalars.div(loss.total().sum(), (float) b);
        collector.backward(mean);
        out[0] = mean.getFloat();
        out[1] = loss.reconstruction().mean().getFloat();
        out[2] = loss.kl().mean().getFloat();
      }
      adam.stepFromParameters();
      return out;
    }
  }
}
