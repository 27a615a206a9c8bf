package org.varl.models.ssm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.varl.core.engine.Scalars;
import org.varl.core.optim.Adam;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * Minibatch training of a {@link SequenceModel} by Adam on the negative per-step objective of
 * {@link SequenceElbo} (batch mean, divided by T). Step k draws its B sequences with replacement
 * from stream {@link Streams#BATCHES} and its ε {@code [T, B, dz]} from {@link
 * Streams#TRAIN_NOISE}, both at coordinate k, so a run is a pure function of its configs and data
 * and a resumed run continues exactly as an uninterrupted one. Every step runs in its own
 * sub-manager.
 */
public final class SsmTrainer {

  private SsmTrainer() {}

  /** Receives each finished step (1-based count) and its per-step ELBO, recon and KL. */
  @FunctionalInterface
  public interface Listener {
    void step(long step, long total, double elbo, double recon, double kl);

    static Listener none() {
      return (s, n, e, r, k) -> {};
    }
  }

  /**
   * A run: the model, its configs, Adam and the history {@code [steps][3]}: per-step ELBO, recon (E
   * log p(x_t | z_t)) and KL of each minibatch, nats per time step.
   */
  public record Run(SequenceModel model, SsmTrainConfig train, Adam adam, double[][] history) {

    /** Optimizer steps done. */
    public int steps() {
      return history.length;
    }
  }

  /** A new run trained for {@code train.steps()} steps on {@code data}. */
  public static Run train(
      NDManager manager,
      SsmConfig config,
      SsmTrainConfig train,
      SequenceData data,
      Listener listener) {
    if (data.dimX() != config.dimX() || data.dimA() != config.dimA()) {
      throw new IllegalArgumentException(
          "the data have "
              + data.dimX()
              + " observation and "
              + data.dimA()
              + " action columns, the model expects "
              + config.dimX()
              + " and "
              + config.dimA());
    }
    SequenceModel model = SequenceModel.create(manager, config, train.seed());
    Adam adam = Adam.of(model.parameters(), train.learningRate());
    return continueTo(
        manager, new Run(model, train, adam, new double[0][]), train.steps(), data, listener);
  }

  /**
   * {@code run} continued to {@code totalSteps} steps (its configs kept, the step count raised).
   *
   * @throws IllegalArgumentException if totalSteps is below the steps already done
   */
  public static Run continueTo(
      NDManager manager, Run run, int totalSteps, SequenceData data, Listener listener) {
    SequenceElbo.requireFits(run.model(), data);
    if (totalSteps < run.steps()) {
      throw new IllegalArgumentException(
          "steps must be >= the " + run.steps() + " steps the run has done, found " + totalSteps);
    }
    double[][] history = Arrays.copyOf(run.history(), totalSteps);
    SsmTrainConfig train = run.train().withSteps(totalSteps);
    for (int k = run.steps(); k < totalSteps; k++) {
      history[k] = step(manager, run.model(), train, run.adam(), data, k);
      listener.step(k + 1, totalSteps, history[k][0], history[k][1], history[k][2]);
    }
    return new Run(run.model(), train, run.adam(), history);
  }

  /**
   * Optimizer step k; returns the minibatch's per-step ELBO, recon and KL.
   *
   * @throws SsmDivergedException if the minibatch ELBO is not finite (no update is made)
   */
  static double[] step(
      NDManager manager,
      SequenceModel model,
      SsmTrainConfig train,
      Adam adam,
      SequenceData data,
      long k) {
    int b = train.batchSize();
    int steps = data.length();
    int dx = data.dimX();
    int da = data.dimA();
    int dz = model.config().dimZ();
    SplittableRandom pick = NoiseStream.generator(train.seed(), Streams.BATCHES, k);
    float[] xs = new float[b * steps * dx];
    float[] as = new float[b * steps * da];
    for (int i = 0; i < b; i++) {
      int s = pick.nextInt(data.sequences());
      for (int j = 0; j < steps * dx; j++) {
        xs[i * steps * dx + j] = (float) data.x()[s * steps * dx + j];
      }
      for (int j = 0; j < steps * da; j++) {
        as[i * steps * da + j] = (float) data.a()[s * steps * da + j];
      }
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(xs, new Shape(b, steps, dx));
      NDArray a = m.create(as, new Shape(b, steps, da));
      NDArray eps =
          NoiseStream.normal(m, new Shape(steps, b, dz), train.seed(), Streams.TRAIN_NOISE, k);
      float[] values;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        SequenceElbo.Terms t =
            SequenceElbo.compute(model, x, a, model.posterior(x), eps, train.objective());
        float scale = (float) b * steps;
        NDArray loss = Scalars.div(t.objective().sum(), scale).neg();
        collector.backward(loss);
        values =
            NDArrays.stack(new NDList(t.elbo().sum(), t.reconstruction().sum(), t.kl().sum()))
                .toFloatArray();
      }
      double elbo = values[0] / ((double) b * steps);
      if (!Double.isFinite(elbo)) {
        throw new SsmDivergedException(k + 1, elbo);
      }
      adam.stepFromParameters();
      return new double[] {
        elbo, values[1] / ((double) b * steps), values[2] / ((double) b * steps)
      };
    }
  }
}
