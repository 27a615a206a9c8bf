package org.varl.experiments.vi;

import static org.varl.experiments.ConfigChecks.requireAtLeast;

/**
 * Settings of {@link AmortizationExperiment}: start from {@link #defaults()} and change fields with
 * the {@code withX} copies; the compact constructor validates.
 *
 * @param dataPoints N, the number of data points (each gets its own q_i in the per-point fit)
 * @param steps optimization steps of each of the three fits (full batch, one draw per point)
 * @param latentDim d, the latent dimension
 * @param dataDim D, the number of binary observed variables
 * @param encoderHidden hidden units of the amortized encoder
 * @param evalSamples draws per point for the final ELBO of each fit
 * @param logMarginalSamples K for the importance-sampled log p(x) reference (proposal: the
 *     per-point q_i); 0 skips
 * @param seed the run's seed (decoder, data, draws)
 * @param device {@code cpu} or {@code gpu}
 */
public record AmortizationConfig(
    int dataPoints,
    int steps,
    int latentDim,
    int dataDim,
    int encoderHidden,
    int evalSamples,
    int logMarginalSamples,
    long seed,
    String device) {

  public AmortizationConfig {
    requireAtLeast("dataPoints", dataPoints, 2);
    requireAtLeast("steps", steps, 1);
    requireAtLeast("latentDim", latentDim, 1);
    requireAtLeast("dataDim", dataDim, 1);
    requireAtLeast("encoderHidden", encoderHidden, 1);
    requireAtLeast("evalSamples", evalSamples, 1);
    requireAtLeast("logMarginalSamples", logMarginalSamples, 0);
    if (device == null || !(device.equals("cpu") || device.equals("gpu"))) {
      throw new IllegalArgumentException("device must be cpu or gpu, found " + device);
    }
  }

  /**
   * The defaults: N = 2000 points of D = 24 binary variables from a d = 2 latent model, 1000 steps
   * per fit.
   */
  public static AmortizationConfig defaults() {
    return new AmortizationConfig(2000, 1000, 2, 24, 32, 64, 200, 1, "cpu");
  }

  /** The same settings with N data points. */
  public AmortizationConfig withDataPoints(int n) {
    return new AmortizationConfig(
        n, steps, latentDim, dataDim, encoderHidden, evalSamples, logMarginalSamples, seed, device);
  }

  /** The same settings with another number of steps per fit. */
  public AmortizationConfig withSteps(int n) {
    return new AmortizationConfig(
        dataPoints,
        n,
        latentDim,
        dataDim,
        encoderHidden,
        evalSamples,
        logMarginalSamples,
        seed,
        device);
  }

  /** The same settings with another latent dimension d. */
  public AmortizationConfig withLatentDim(int d) {
    return new AmortizationConfig(
        dataPoints,
        steps,
        d,
        dataDim,
        encoderHidden,
        evalSamples,
        logMarginalSamples,
        seed,
        device);
  }

  /** The same settings with another data dimension D. */
  public AmortizationConfig withDataDim(int d) {
    return new AmortizationConfig(
        dataPoints,
        steps,
        latentDim,
        d,
        encoderHidden,
        evalSamples,
        logMarginalSamples,
        seed,
        device);
  }

  /** The same settings with another encoder width. */
  public AmortizationConfig withEncoderHidden(int h) {
    return new AmortizationConfig(
        dataPoints, steps, latentDim, dataDim, h, evalSamples, logMarginalSamples, seed, device);
  }

  /** The same settings with another number of draws for the final ELBOs. */
  public AmortizationConfig withEvalSamples(int n) {
    return new AmortizationConfig(
        dataPoints, steps, latentDim, dataDim, encoderHidden, n, logMarginalSamples, seed, device);
  }

  /** The same settings with another K for the log p(x) reference (0 skips it). */
  public AmortizationConfig withLogMarginalSamples(int k) {
    return new AmortizationConfig(
        dataPoints, steps, latentDim, dataDim, encoderHidden, evalSamples, k, seed, device);
  }

  /** The same settings with another seed. */
  public AmortizationConfig withSeed(long s) {
    return new AmortizationConfig(
        dataPoints,
        steps,
        latentDim,
        dataDim,
        encoderHidden,
        evalSamples,
        logMarginalSamples,
        s,
        device);
  }

  /** The same settings on another device ({@code cpu} or {@code gpu}). */
  public AmortizationConfig withDevice(String d) {
    return new AmortizationConfig(
        dataPoints,
        steps,
        latentDim,
        dataDim,
        encoderHidden,
        evalSamples,
        logMarginalSamples,
        seed,
        d);
  }
}
