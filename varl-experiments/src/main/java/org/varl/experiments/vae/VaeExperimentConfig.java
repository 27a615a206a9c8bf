package org.varl.experiments.vae;

import static org.varl.experiments.ConfigChecks.requireAtLeast;

import java.nio.file.Path;

/**
 * Settings of {@link VaeExperiment}: start from {@link #defaults(Path)} and change fields with the
 * {@code withX} copies; the compact constructor validates, naming the field.
 *
 * @param runDirectory where the training run (config.json, metrics.csv, checkpoint.bin) is written;
 *     replaced if it holds a previous run of this experiment
 * @param sprites generated {@code shapes} sprites (train + test)
 * @param epochs training epochs
 * @param latent latent dimension
 * @param hidden hidden width of the MLP encoder and decoder
 * @param batchSize mini-batch size
 * @param learningRate Adam's step size
 * @param evalK importance samples per example for log p(x)
 * @param evalExamples test examples scored for log p(x)
 * @param seed the run's seed
 */
public record VaeExperimentConfig(
    Path runDirectory,
    int sprites,
    int epochs,
    int latent,
    int hidden,
    int batchSize,
    double learningRate,
    int evalK,
    int evalExamples,
    long seed) {

  /** Validates. */
  public VaeExperimentConfig {
    if (runDirectory == null) {
      throw new IllegalArgumentException("runDirectory must be given");
    }
    requireAtLeast("sprites", sprites, 10);
    requireAtLeast("epochs", epochs, 1);
    requireAtLeast("latent", latent, 1);
    requireAtLeast("hidden", hidden, 1);
    requireAtLeast("batchSize", batchSize, 1);
    requireAtLeast("evalK", evalK, 1);
    requireAtLeast("evalExamples", evalExamples, 1);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be > 0 and finite, found " + learningRate);
    }
  }

  /**
   * The tour's run: 6000 sprites, 8 epochs of the MLP VAE 256 hidden / 8 latent, batch 64, Adam
   * 2e-3; log p(x) with K = 500 on 200 test sprites; seed 1. About 12 s on one thread.
   */
  public static VaeExperimentConfig defaults(Path runDirectory) {
    return new VaeExperimentConfig(runDirectory, 6000, 8, 8, 256, 64, 2e-3, 500, 200, 1);
  }

  /** The same settings with another seed. */
  public VaeExperimentConfig withSeed(long s) {
    return new VaeExperimentConfig(
        runDirectory,
        sprites,
        epochs,
        latent,
        hidden,
        batchSize,
        learningRate,
        evalK,
        evalExamples,
        s);
  }

  /** The same settings with another number of epochs. */
  public VaeExperimentConfig withEpochs(int n) {
    return new VaeExperimentConfig(
        runDirectory,
        sprites,
        n,
        latent,
        hidden,
        batchSize,
        learningRate,
        evalK,
        evalExamples,
        seed);
  }

  /** The same settings with another number of sprites. */
  public VaeExperimentConfig withSprites(int n) {
    return new VaeExperimentConfig(
        runDirectory,
        n,
        epochs,
        latent,
        hidden,
        batchSize,
        learningRate,
        evalK,
        evalExamples,
        seed);
  }

  /** The same settings with another latent dimension. */
  public VaeExperimentConfig withLatent(int n) {
    return new VaeExperimentConfig(
        runDirectory,
        sprites,
        epochs,
        n,
        hidden,
        batchSize,
        learningRate,
        evalK,
        evalExamples,
        seed);
  }

  /**
   * The same settings with another evaluation size: K importance samples on {@code examples} test
   * sprites.
   */
  public VaeExperimentConfig withEvaluation(int k, int examples) {
    return new VaeExperimentConfig(
        runDirectory, sprites, epochs, latent, hidden, batchSize, learningRate, k, examples, seed);
  }
}
