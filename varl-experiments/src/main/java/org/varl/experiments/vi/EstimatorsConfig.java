package org.varl.experiments.vi;

import java.util.Set;
import org.varl.experiments.ConfigChecks;

/**
 * Settings of {@link EstimatorsExperiment}: start from {@link #defaults()} and change fields with
 * the {@code withX} copies; the compact constructor validates.
 *
 * @param samples R, the number of single-draw gradient estimates recorded per estimator (≥ 16)
 * @param warmup estimates drawn before recording, so adaptive baselines (moving average, learned)
 *     settle
 * @param encoderBatch B, the data points in the encoder problems' fixed minibatch
 * @param seed the run's seed
 * @param device {@code cpu} or {@code gpu}
 * @param imageData the data of the image problem: a {@link org.varl.core.data.DataSources} spec
 *     ({@code fashion-mnist}, {@code mnist}, {@code shapes}, {@code csv:PATH}) or {@value #AUTO}:
 *     Fashion-MNIST when it is installed (or {@code dataDir} is set), otherwise the generated
 *     {@code shapes} sprites, with a note
 * @param dataDir directory of the IDX files for {@code mnist} and, when set, {@code fashion-mnist};
 *     nullable
 */
public record EstimatorsConfig(
    int samples,
    int warmup,
    int encoderBatch,
    long seed,
    String device,
    String imageData,
    String dataDir) {

  /**
   * Most recorded estimates per estimator: the work is {@link EstimatorsExperiment#PAIRS} x (R +
   * warmup) single-draw gradients, about 1 ms each on average (the default R = 1000 takes about 25
   * s), so R = 1e6 is about 6 hours and R = 1e8 ran with no end in sight (issue 9). The moments are
   * accumulated in O(1) memory, so the bound is on the work, not the memory.
   */
  public static final int MAX_SAMPLES = 1_000_000;

  /** The {@code imageData} value that picks Fashion-MNIST when available and otherwise shapes. */
  public static final String AUTO = "auto";

  private static final Set<String> NAMED_DATA = Set.of(AUTO, "fashion-mnist", "mnist", "shapes");

  public EstimatorsConfig {
    ConfigChecks.requireAtLeast("samples", samples, 16);
    ConfigChecks.requireAtMost(
        "samples",
        samples,
        MAX_SAMPLES,
        EstimatorsExperiment.PAIRS
            + " estimators x that many single-draw gradients, about 1 ms each, already take hours");
    ConfigChecks.requireAtLeast("warmup", warmup, 0);
    ConfigChecks.requireAtMost(
        "warmup", warmup, MAX_SAMPLES, "the same bound as samples: the work grows with both");
    ConfigChecks.requireAtLeast("encoderBatch", encoderBatch, 1);
    if (device == null || !(device.equals("cpu") || device.equals("gpu"))) {
      throw new IllegalArgumentException("device must be cpu or gpu, found " + device);
    }
    if (imageData == null || !(NAMED_DATA.contains(imageData) || imageData.startsWith("csv:"))) {
      throw new IllegalArgumentException(
          "image data (--data) must be fashion-mnist, mnist, shapes, csv:PATH or "
              + AUTO
              + ", found "
              + imageData);
    }
  }

  /**
   * R = 1000 estimates per estimator after 100 warm-up draws; encoder minibatch 32, image data
   * {@value #AUTO}.
   */
  public static EstimatorsConfig defaults() {
    return new EstimatorsConfig(1000, 100, 32, 1, "cpu", AUTO, null);
  }

  /** The same settings with another number of recorded estimates. */
  public EstimatorsConfig withSamples(int newSamples) {
    return new EstimatorsConfig(newSamples, warmup, encoderBatch, seed, device, imageData, dataDir);
  }

  /** The same settings with another number of warm-up draws. */
  public EstimatorsConfig withWarmup(int newWarmup) {
    return new EstimatorsConfig(samples, newWarmup, encoderBatch, seed, device, imageData, dataDir);
  }

  /** The same settings with another encoder minibatch size B. */
  public EstimatorsConfig withEncoderBatch(int b) {
    return new EstimatorsConfig(samples, warmup, b, seed, device, imageData, dataDir);
  }

  /** The same settings with another seed. */
  public EstimatorsConfig withSeed(long newSeed) {
    return new EstimatorsConfig(samples, warmup, encoderBatch, newSeed, device, imageData, dataDir);
  }

  /** The same settings on another device ({@code cpu} or {@code gpu}). */
  public EstimatorsConfig withDevice(String newDevice) {
    return new EstimatorsConfig(samples, warmup, encoderBatch, seed, newDevice, imageData, dataDir);
  }

  /** The same settings with other image data ({@code dataDir} nullable). */
  public EstimatorsConfig withImageData(String spec, String directory) {
    return new EstimatorsConfig(samples, warmup, encoderBatch, seed, device, spec, directory);
  }
}
