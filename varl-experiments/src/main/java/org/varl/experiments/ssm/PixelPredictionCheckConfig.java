package org.varl.experiments.ssm;

import org.varl.models.ssm.SsmConfig;
import org.varl.models.ssm.SsmLikelihood;
import org.varl.models.ssm.SsmTrainConfig;

/**
 * The pixel prediction check: random-policy frames of {@code pendulum-pixels} with one frame per
 * observation (a POMDP: a frame shows θ, not θ̇), cut into windows of {@code context + horizon}
 * steps; an RSSM with the Bernoulli decoder trained on the first 80% of the windows, scored on the
 * last 20% by open-loop prediction and a probe of its belief.
 *
 * @param imageSize frame side in pixels (default 16)
 * @param collectSteps environment steps collected (default 10000: 50 episodes of 200)
 * @param context frames filtered before the rollout (default 5)
 * @param horizon steps predicted open loop (default 35: windows of 40, which the belief needs to
 *     learn θ̇ at this budget)
 * @param dimZ size of z_t (default 4)
 * @param hidden width of the networks (default 128)
 * @param deterministic size of the RSSM's h_t (default 32)
 * @param trainSteps Adam steps (default 1500)
 * @param batchSize windows per step (default 16)
 * @param stripWindows held-out windows drawn in the strip (default 3)
 * @param seed collection, parameters and noise
 */
public record PixelPredictionCheckConfig(
    int imageSize,
    int collectSteps,
    int context,
    int horizon,
    int dimZ,
    int hidden,
    int deterministic,
    int trainSteps,
    int batchSize,
    int stripWindows,
    long seed) {

  public PixelPredictionCheckConfig {
    if (imageSize < 4 || imageSize > 64) {
      throw new IllegalArgumentException("imageSize must be in [4, 64], found " + imageSize);
    }
    if (context < 1 || horizon < 1) {
      throw new IllegalArgumentException(
          "context and horizon must be >= 1, found " + context + " and " + horizon);
    }
    if (collectSteps < 10 * (context + horizon) || collectSteps > 1_000_000) {
      throw new IllegalArgumentException(
          "collectSteps must be in [10 (context + horizon), 1000000], found " + collectSteps);
    }
    if (dimZ < 1 || hidden < 1 || deterministic < 1 || trainSteps < 0 || batchSize < 1) {
      throw new IllegalArgumentException(
          "sizes must be dimZ, hidden, deterministic, batchSize >= 1, trainSteps >= 0, found "
              + java.util.List.of(dimZ, hidden, deterministic, batchSize, trainSteps));
    }
    if (stripWindows < 1 || stripWindows > 32) {
      throw new IllegalArgumentException("stripWindows must be in [1, 32], found " + stripWindows);
    }
  }

  public static PixelPredictionCheckConfig defaults() {
    return new PixelPredictionCheckConfig(16, 10000, 5, 35, 4, 128, 32, 1500, 16, 3, 1);
  }

  public PixelPredictionCheckConfig withImageSize(int v) {
    return new PixelPredictionCheckConfig(
        v,
        collectSteps,
        context,
        horizon,
        dimZ,
        hidden,
        deterministic,
        trainSteps,
        batchSize,
        stripWindows,
        seed);
  }

  public PixelPredictionCheckConfig withCollectSteps(int v) {
    return new PixelPredictionCheckConfig(
        imageSize,
        v,
        context,
        horizon,
        dimZ,
        hidden,
        deterministic,
        trainSteps,
        batchSize,
        stripWindows,
        seed);
  }

  public PixelPredictionCheckConfig withContext(int v) {
    return new PixelPredictionCheckConfig(
        imageSize,
        collectSteps,
        v,
        horizon,
        dimZ,
        hidden,
        deterministic,
        trainSteps,
        batchSize,
        stripWindows,
        seed);
  }

  public PixelPredictionCheckConfig withHorizon(int v) {
    return new PixelPredictionCheckConfig(
        imageSize,
        collectSteps,
        context,
        v,
        dimZ,
        hidden,
        deterministic,
        trainSteps,
        batchSize,
        stripWindows,
        seed);
  }

  public PixelPredictionCheckConfig withHidden(int v) {
    return new PixelPredictionCheckConfig(
        imageSize,
        collectSteps,
        context,
        horizon,
        dimZ,
        v,
        deterministic,
        trainSteps,
        batchSize,
        stripWindows,
        seed);
  }

  public PixelPredictionCheckConfig withDeterministic(int v) {
    return new PixelPredictionCheckConfig(
        imageSize,
        collectSteps,
        context,
        horizon,
        dimZ,
        hidden,
        v,
        trainSteps,
        batchSize,
        stripWindows,
        seed);
  }

  public PixelPredictionCheckConfig withTrainSteps(int v) {
    return new PixelPredictionCheckConfig(
        imageSize,
        collectSteps,
        context,
        horizon,
        dimZ,
        hidden,
        deterministic,
        v,
        batchSize,
        stripWindows,
        seed);
  }

  public PixelPredictionCheckConfig withBatchSize(int v) {
    return new PixelPredictionCheckConfig(
        imageSize,
        collectSteps,
        context,
        horizon,
        dimZ,
        hidden,
        deterministic,
        trainSteps,
        v,
        stripWindows,
        seed);
  }

  public PixelPredictionCheckConfig withSeed(long v) {
    return new PixelPredictionCheckConfig(
        imageSize,
        collectSteps,
        context,
        horizon,
        dimZ,
        hidden,
        deterministic,
        trainSteps,
        batchSize,
        stripWindows,
        v);
  }

  /** Steps per window. */
  public int window() {
    return context + horizon;
  }

  /** The RSSM with the Bernoulli decoder for frames of this size and Pendulum's one action. */
  public SsmConfig model() {
    return SsmConfig.defaults(imageSize * imageSize, 1)
        .withDimZ(dimZ)
        .withHidden(hidden)
        .withDeterministic(deterministic)
        .withLikelihood(SsmLikelihood.BERNOULLI);
  }

  /** The CLI's training defaults with this run's steps, batch and seed. */
  public SsmTrainConfig train() {
    return SsmTrainConfig.defaults().withSteps(trainSteps).withBatchSize(batchSize).withSeed(seed);
  }
}
