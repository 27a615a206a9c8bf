package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.varl.core.data.MiniBatches;
import org.varl.core.optim.Adam;

/**
 * Continues training a VAE in place on new rows, for the lecture's loop in which the replay buffer
 * grows with the policy's own data and the representation is retrained on it ({@code varl rl train
 * --encoder-refit-every N}). The steps are {@link VaeTrainer}'s autograd steps (the ELBO with the
 * configured estimator, one z per example) with a fresh Adam: starting from the current parameters,
 * not from scratch, keeps the latent axes close to where the agent last saw them.
 */
public final class VaeRefit {

  private VaeRefit() {}

  /**
   * {@code train.epochs()} epochs over {@code n} rows {@code [n · D]} (row-major, values in [0,
   * 1]), batches of {@code train.batchSize()} drawn from (seed, epoch) with epochs numbered from
   * {@code 1 + 1000 · round}, so every round draws its own batches and noise.
   *
   * @return the last epoch's mean training objective per example (recon + β·KL, nats)
   */
  public static double fineTune(Vae vae, float[] rows, int n, TrainConfig train, int round) {
    int d = vae.config().inputDim();
    if (rows.length < (long) n * d || n < 1) {
      throw new IllegalArgumentException(
          "rows must hold n = " + n + " rows of " + d + " values, found " + rows.length);
    }
    AutogradStep step = new AutogradStep(vae, train);
    double mean = Double.NaN;
    try (NDManager root = vae.manager().newSubManager();
        Adam adam =
            Adam.builder(vae.parameterArrays()).setLearningRate(train.learningRate()).build()) {
      NDArray all = root.create(rows, new Shape(n, d));
      for (int e = 1; e <= train.epochs(); e++) {
        int epoch = e + 1000 * round;
        MiniBatches batches = new MiniBatches(n, train.batchSize(), train.seed(), epoch);
        double sum = 0;
        try (NDManager em = root.newSubManager()) {
          NDArray shuffled = VaeTrainer.gather(all, batches.order(), em);
          for (int s = 0; s < batches.numBatches(); s++) {
            int len = batches.batch(s).length;
            int from = s * train.batchSize();
            try (NDManager sm = root.newSubManager()) {
              NDArray x = shuffled.get(sm, new NDIndex("{}:{}", from, from + len));
              StepResult r = step.compute(x, epoch, s);
              adam.step(r.gradients());
              sum += r.stats().toFloatArray()[0];
            }
          }
        }
        mean = sum / n;
        if (!Double.isFinite(mean)) {
          throw new TrainingDivergedException(
              "VAE refit round " + round + " diverged: loss " + mean, e, -1);
        }
      }
    }
    return mean;
  }

  /**
   * Writes {@code vae} as a run directory that {@link TrainedVae#load} reads ({@value
   * VaeCheckpoint#FILE}, with {@code config} and no optimizer state or history).
   */
  public static void save(RunConfig config, Vae vae, Path dir) {
    try (Adam fresh = Adam.builder(vae.parameterArrays()).setLearningRate(1e-3).build()) {
      VaeCheckpoint.capture(config, 1, vae, fresh, List.of())
          .write(dir.resolve(VaeCheckpoint.FILE));
    }
  }
}
