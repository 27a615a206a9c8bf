package org.varl.core.experiments;

/**
 * Settings of {@link EstimatorsExperiment}; the compact constructor validates.
 *
 * @param samples R, the number of single-draw gradient estimates recorded per estimator (≥ 16)
 * @param warmup estimates drawn before recording, so adaptive baselines (moving average, learned) settle
 * @param encoderBatch B, the data points in the encoder problems' fixed minibatch
 * @param referenceSamples draws per data point of the pathwise reference gradient of the encoder problems
 * @param seed the run's seed
 * @param device {@code cpu} or {@code gpu}
 */
public record EstimatorsConfig(int samples, int warmup, int encoderBatch, int referenceSamples, long seed,
    String device) {

  public EstimatorsConfig {
    AmortizationConfig.requireAtLeast("samples", samples, 16);
    AmortizationConfig.requireAtLeast("warmup", warmup, 0);
    AmortizationConfig.requireAtLeast("encoderBatch", encoderBatch, 1);
    AmortizationConfig.requireAtLeast("referenceSamples", referenceSamples, 1);
    if (device == null || !(device.equals("cpu") || device.equals("gpu"))) {
      throw new IllegalArgumentException("device must be cpu or gpu, found " + device);
    }
  }

  /** R = 1000 estimates per estimator after 100 warm-up draws; encoder minibatch 32, reference 4096 draws/point. */
  public static EstimatorsConfig defaults() {
    return new EstimatorsConfig(1000, 100, 32, 4096, 42, "cpu");
  }

  /** The same settings with another number of recorded estimates. */
  public EstimatorsConfig withSamples(int newSamples) {
    return new EstimatorsConfig(newSamples, warmup, encoderBatch, referenceSamples, seed, device);
  }
}
