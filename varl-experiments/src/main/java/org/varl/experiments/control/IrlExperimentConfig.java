package org.varl.experiments.control;

import java.nio.file.Path;

/**
 * Settings of {@link IrlExperiment}, named as the options of {@code varl control irl}. (Not {@code
 * IrlConfig}: that is varl-control's setting of the ascent itself, {@link
 * org.varl.control.irl.IrlConfig}, which the experiment builds from {@code temperature}, {@code
 * iterations} and {@code learningRate}.)
 *
 * @param size N of the N x N slippery gridworld, in [2, 100]
 * @param slip slip probability in [0, 1]
 * @param horizon T >= 1 of the sampled demonstrations (a demonstrations file brings its own)
 * @param temperature alpha of the expert and of the learned soft policy, finite and > 0
 * @param demos a demonstrations file ({@link org.varl.control.irl.Demonstrations#read}), or null to
 *     sample
 * @param numDemos how many demonstrations to sample (>= 1 when sampling)
 * @param iterations ascent steps >= 1
 * @param learningRate the initial step, finite and > 0 (it adapts by backtracking)
 * @param seed seed for sampling the demonstrations
 */
public record IrlExperimentConfig(
    int size,
    double slip,
    int horizon,
    double temperature,
    Path demos,
    int numDemos,
    int iterations,
    double learningRate,
    long seed) {

  public IrlExperimentConfig {
    if (size < 2 || size > 100) {
      throw new IllegalArgumentException("--size: must be in [2, 100], found " + size);
    }
    if (!(slip >= 0.0 && slip <= 1.0)) {
      throw new IllegalArgumentException("--slip: must be in [0, 1], found " + slip);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("--horizon: must be >= 1, found " + horizon);
    }
    if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "--temperature: must be finite and > 0, found " + temperature);
    }
    if (demos == null && numDemos < 1) {
      throw new IllegalArgumentException("--num-demos: must be >= 1, found " + numDemos);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("--iterations: must be >= 1, found " + iterations);
    }
    if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("--lr: must be finite and > 0, found " + learningRate);
    }
  }

  /**
   * The command's defaults: 8 x 8, slip 0.1, T = 30, alpha = 1, 400 sampled demos, 200 steps, lr 1,
   * seed 1.
   */
  public static IrlExperimentConfig defaults() {
    return new IrlExperimentConfig(8, 0.1, 30, 1.0, null, 400, 200, 1.0, 1);
  }

  public IrlExperimentConfig withSize(int n) {
    return new IrlExperimentConfig(
        n, slip, horizon, temperature, demos, numDemos, iterations, learningRate, seed);
  }

  public IrlExperimentConfig withSlip(double p) {
    return new IrlExperimentConfig(
        size, p, horizon, temperature, demos, numDemos, iterations, learningRate, seed);
  }

  public IrlExperimentConfig withHorizon(int t) {
    return new IrlExperimentConfig(
        size, slip, t, temperature, demos, numDemos, iterations, learningRate, seed);
  }

  public IrlExperimentConfig withTemperature(double alpha) {
    return new IrlExperimentConfig(
        size, slip, horizon, alpha, demos, numDemos, iterations, learningRate, seed);
  }

  /** Read the demonstrations from {@code file} instead of sampling them (null: sample). */
  public IrlExperimentConfig withDemos(Path file) {
    return new IrlExperimentConfig(
        size, slip, horizon, temperature, file, numDemos, iterations, learningRate, seed);
  }

  public IrlExperimentConfig withNumDemos(int n) {
    return new IrlExperimentConfig(
        size, slip, horizon, temperature, demos, n, iterations, learningRate, seed);
  }

  public IrlExperimentConfig withIterations(int n) {
    return new IrlExperimentConfig(
        size, slip, horizon, temperature, demos, numDemos, n, learningRate, seed);
  }

  public IrlExperimentConfig withLearningRate(double lr) {
    return new IrlExperimentConfig(
        size, slip, horizon, temperature, demos, numDemos, iterations, lr, seed);
  }

  public IrlExperimentConfig withSeed(long s) {
    return new IrlExperimentConfig(
        size, slip, horizon, temperature, demos, numDemos, iterations, learningRate, s);
  }
}
