package org.varl.models.diffpolicy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.varl.core.data.RowMajor;
import org.varl.core.engine.Scalars;
import org.varl.core.optim.Adam;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * Minibatch training of a {@link DiffusionPolicy} on (state, action) pairs by Adam on the batch
 * mean of its loss, E_{(s, a), t ~ U{1..T}, ε ~ N(0, I)} ‖ε − ε_θ(√ᾱ_t u_0 + √(1 − ᾱ_t) ε, c, t)‖².
 * The scalings are the min-max fits of the training states and actions ({@link UnitScaling#fit}).
 * Step k draws its minibatch (with replacement) from stream {@link Streams#BATCHES} and its times
 * and ε from {@link Streams#TRAIN_NOISE} (first the B times, then the B × actionDim normals), both
 * at coordinate k, so a run is a pure function of the config and the data. Every step runs in its
 * own sub-manager of the given one.
 */
public final class DiffusionPolicyTrainer {

  private DiffusionPolicyTrainer() {}

  /** The trained policy, its optimizer and the batch-mean loss of every step. */
  public record Run(DiffusionPolicy policy, Adam adam, double[] losses) {}

  /**
   * Trains a new policy in {@code manager} on {@code states: [n, stateDim]} and {@code actions: [n,
   * actionDim]} (row-major, data units).
   *
   * @throws IllegalArgumentException if the arrays are empty, do not fit the dimensions, differ in
   *     rows or hold a non-finite value (the message names the array, the index and the value)
   */
  public static Run train(
      NDManager manager,
      DiffusionPolicyConfig config,
      float[] states,
      int stateDim,
      float[] actions,
      int actionDim) {
    int n = RowMajor.rows("states", states, stateDim);
    int na = RowMajor.rows("actions", actions, actionDim);
    if (n != na) {
      throw new IllegalArgumentException(
          "states and actions must have as many rows, found " + n + " and " + na);
    }
    DiffusionPolicy policy =
        DiffusionPolicy.create(
            manager,
            config,
            UnitScaling.fit(states, stateDim),
            UnitScaling.fit(actions, actionDim));
    return train(manager, config, policy, states, actions);
  }

  /**
   * Trains {@code policy} (created in {@code manager}, with scalings of the caller's choice) on
   * {@code states: [n, stateDim]} and {@code actions: [n, actionDim]} (row-major, data units).
   *
   * @throws IllegalArgumentException as {@link #train(NDManager, DiffusionPolicyConfig, float[],
   *     int, float[], int)}, for the policy's dimensions
   */
  public static Run train(
      NDManager manager,
      DiffusionPolicyConfig config,
      DiffusionPolicy policy,
      float[] states,
      float[] actions) {
    return train(manager, config, policy, states, actions, k -> {});
  }

  /**
   * {@link #train(NDManager, DiffusionPolicyConfig, DiffusionPolicy, float[], float[])}, calling
   * {@code afterStep} with each finished step's index (for a progress bar).
   */
  public static Run train(
      NDManager manager,
      DiffusionPolicyConfig config,
      DiffusionPolicy policy,
      float[] states,
      float[] actions,
      IntConsumer afterStep) {
    int n = RowMajor.rows("states", states, policy.stateDim());
    int na = RowMajor.rows("actions", actions, policy.actionDim());
    if (n != na) {
      throw new IllegalArgumentException(
          "states and actions must have as many rows, found " + n + " and " + na);
    }
    Adam adam = Adam.of(policy.parameters(), config.learningRate());
    double[] losses = new double[config.steps()];
    for (int k = 0; k < config.steps(); k++) {
      losses[k] = step(manager, config, policy, adam, states, actions, n, k);
      afterStep.accept(k);
    }
    return new Run(policy, adam, losses);
  }

  /** One optimizer step k on the n rows; returns the minibatch mean of the loss. */
  static double step(
      NDManager manager,
      DiffusionPolicyConfig config,
      DiffusionPolicy policy,
      Adam adam,
      float[] states,
      float[] actions,
      int n,
      long k) {
    int b = config.batchSize();
    int ds = policy.stateDim();
    int da = policy.actionDim();
    SplittableRandom pick = NoiseStream.generator(config.seed(), Streams.BATCHES, k);
    float[] s = new float[b * ds];
    float[] a = new float[b * da];
    for (int i = 0; i < b; i++) {
      int r = pick.nextInt(n);
      System.arraycopy(states, r * ds, s, i * ds, ds);
      System.arraycopy(actions, r * da, a, i * da, da);
    }
    SplittableRandom noise = NoiseStream.generator(config.seed(), Streams.TRAIN_NOISE, k);
    int[] t = new int[b];
    for (int i = 0; i < b; i++) {
      t[i] = 1 + noise.nextInt(config.denoisingSteps());
    }
    float[] eps = new float[b * da];
    for (int i = 0; i < eps.length; i++) {
      eps[i] = (float) noise.nextGaussian();
    }
    try (NDManager m = manager.newSubManager()) {
      double loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray mean = Scalars.div(policy.loss(m, s, a, t, eps).sum(), (float) b);
        collector.backward(mean);
        loss = mean.getFloat();
      }
      adam.stepFromParameters();
      return loss;
    }
  }
}
