package org.varl.experiments.ssm;

import org.varl.models.ssm.SsmConfig;
import org.varl.models.ssm.SsmTrainConfig;

/**
 * The linear-Gaussian check: data from {@code LinearGaussianSsm.random(dimZ, dimX, dimA, seed)},
 * one model per encoder trained on the first 80% of the sequences, both scored on the last 20%.
 *
 * @param dimZ latent size of the truth and the models (default 2)
 * @param dimX observation size (default 4)
 * @param dimA action size (default 1)
 * @param length steps per sequence (default 50)
 * @param sequences sequences (default 1000)
 * @param steps Adam steps per model (default 1500, the CLI's)
 * @param evalSamples draws per held-out sequence (default 16, the CLI's)
 * @param seed data, parameters and noise
 */
public record LinearGaussianCheckConfig(
    int dimZ,
    int dimX,
    int dimA,
    int length,
    int sequences,
    int steps,
    int evalSamples,
    long seed) {

  public LinearGaussianCheckConfig {
    if (dimZ < 1 || dimX < 1 || dimA < 0 || length < 1 || sequences < 2 || steps < 0) {
      throw new IllegalArgumentException(
          "sizes must be dimZ, dimX, length >= 1, dimA, steps >= 0, sequences >= 2, found "
              + java.util.List.of(dimZ, dimX, dimA, length, sequences, steps));
    }
    if (evalSamples < 1) {
      throw new IllegalArgumentException("evalSamples must be >= 1, found " + evalSamples);
    }
  }

  public static LinearGaussianCheckConfig defaults() {
    return new LinearGaussianCheckConfig(2, 4, 1, 50, 1000, 1500, 16, 1);
  }

  public LinearGaussianCheckConfig withSteps(int v) {
    return new LinearGaussianCheckConfig(dimZ, dimX, dimA, length, sequences, v, evalSamples, seed);
  }

  public LinearGaussianCheckConfig withSequences(int v) {
    return new LinearGaussianCheckConfig(dimZ, dimX, dimA, length, v, steps, evalSamples, seed);
  }

  public LinearGaussianCheckConfig withLength(int v) {
    return new LinearGaussianCheckConfig(dimZ, dimX, dimA, v, sequences, steps, evalSamples, seed);
  }

  public LinearGaussianCheckConfig withSeed(long v) {
    return new LinearGaussianCheckConfig(
        dimZ, dimX, dimA, length, sequences, steps, evalSamples, v);
  }

  /** The model of the CLI's defaults for this data. */
  public SsmConfig model() {
    return SsmConfig.defaults(dimX, dimA).withDimZ(dimZ);
  }

  /** The CLI's training defaults with this run's steps and seed. */
  public SsmTrainConfig train() {
    return SsmTrainConfig.defaults().withSteps(steps).withSeed(seed).withEvalSamples(evalSamples);
  }
}
