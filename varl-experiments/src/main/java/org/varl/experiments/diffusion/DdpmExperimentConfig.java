package org.varl.experiments.diffusion;

import static org.varl.experiments.ConfigChecks.requireAtLeast;

import java.nio.file.Path;

/**
 * Settings of {@link DdpmExperiment}: start from {@link #defaults(Path)} and change fields with the
 * {@code withX} copies; the compact constructor validates, naming the field.
 *
 * @param runDirectory where the training run is written; replaced if it holds a previous run
 * @param data the toy ({@code 8gaussians} by default)
 * @param steps training steps
 * @param diffusionSteps T
 * @param samples points drawn by the ancestral sampler and judged
 * @param boundPoints held-out points the bound is computed on
 * @param seed the run's seed
 */
public record DdpmExperimentConfig(
    Path runDirectory,
    String data,
    int steps,
    int diffusionSteps,
    int samples,
    int boundPoints,
    long seed) {

  /** Validates. */
  public DdpmExperimentConfig {
    if (runDirectory == null) {
      throw new IllegalArgumentException("runDirectory must be given");
    }
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("data must be given");
    }
    requireAtLeast("steps", steps, 1);
    requireAtLeast("diffusionSteps", diffusionSteps, 1);
    requireAtLeast("samples", samples, 2);
    requireAtLeast("boundPoints", boundPoints, 2);
  }

  /**
   * The tour's run: 8gaussians, 4000 steps of the peer's settings (batch 256, Adam 1e-3, T 1000
   * linear, L_simple), 2000 samples, the bound on 1000 held-out points; seed 1. About 20-30 s on
   * one thread.
   */
  public static DdpmExperimentConfig defaults(Path runDirectory) {
    return new DdpmExperimentConfig(runDirectory, "8gaussians", 4000, 1000, 2000, 1000, 1);
  }

  /** Copy with another step count. */
  public DdpmExperimentConfig withSteps(int n) {
    return new DdpmExperimentConfig(
        runDirectory, data, n, diffusionSteps, samples, boundPoints, seed);
  }

  /** Copy with other evaluation sizes. */
  public DdpmExperimentConfig withEvaluation(int sampleCount, int boundCount) {
    return new DdpmExperimentConfig(
        runDirectory, data, steps, diffusionSteps, sampleCount, boundCount, seed);
  }

  /** Copy with another T. */
  public DdpmExperimentConfig withDiffusionSteps(int t) {
    return new DdpmExperimentConfig(runDirectory, data, steps, t, samples, boundPoints, seed);
  }

  /** Copy with another seed. */
  public DdpmExperimentConfig withSeed(long s) {
    return new DdpmExperimentConfig(
        runDirectory, data, steps, diffusionSteps, samples, boundPoints, s);
  }
}
