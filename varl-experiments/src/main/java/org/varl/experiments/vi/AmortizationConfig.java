package org.varl.experiments.vi;

/**
 * Settings of {@link AmortizationExperiment}; the compact constructor validates.
 *
 * @param dataPoints N, the number of data points (each gets its own q_i in the per-point fit)
 * @param steps optimization steps of each of the three fits (full batch, one draw per point)
 * @param latentDim d, the latent dimension
 * @param dataDim D, the number of binary observed variables
 * @param encoderHidden hidden units of the amortized encoder
 * @param evalSamples draws per point for the final ELBO of each fit
 * @param logMarginalSamples K for the importance-sampled log p(x) reference (proposal: the per-point q_i); 0 skips
 * @param seed the run's seed (decoder, data, draws)
 * @param device {@code cpu} or {@code gpu}
 */
public record AmortizationConfig(int dataPoints, int steps, int latentDim, int dataDim, int encoderHidden,
    int evalSamples, int logMarginalSamples, long seed, String device) {

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

  /** The defaults: N = 2000 points of D = 24 binary variables from a d = 2 latent model, 1000 steps per fit. */
  public static AmortizationConfig defaults() {
    return new AmortizationConfig(2000, 1000, 2, 24, 32, 64, 200, 42, "cpu");
  }

  static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", found " + value);
    }
  }
}
