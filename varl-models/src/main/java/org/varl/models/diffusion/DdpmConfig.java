package org.varl.models.diffusion;

/**
 * A DDPM training run. Defaults ({@link #defaults}) are the PyTorch peer's: batch 256, Adam lr
 * 1e-3, T = 1000 linear, L_simple, σ_t² = β_t, the network of {@link TimeConditionedMlp}.
 *
 * @param data the {@code --data} spec ({@link org.varl.models.toy.PointDataSets})
 * @param dataDir a directory for Fashion-MNIST's files, or null
 * @param steps training steps (Adam updates), ≥ 1
 * @param batchSize examples per step, fresh every step, ≥ 1
 * @param learningRate Adam's step size, > 0
 * @param diffusionSteps T ≥ 1
 * @param schedule the β schedule
 * @param loss the objective
 * @param variance the decoder variance σ_t²
 * @param seed the run seed
 * @param threads engine threads, ≥ 1
 * @param hidden hidden width of the network
 * @param layers hidden layers of the network
 * @param checkpointEvery steps between checkpoints (and at the end), ≥ 1
 * @param logEvery steps per row of {@code metrics.csv}, ≥ 1
 */
public record DdpmConfig(
    String data,
    String dataDir,
    long steps,
    int batchSize,
    double learningRate,
    int diffusionSteps,
    Schedule schedule,
    DdpmLoss loss,
    DecoderVariance variance,
    long seed,
    int threads,
    int hidden,
    int layers,
    long checkpointEvery,
    long logEvery) {

  /** Validates every field; messages name the option. */
  public DdpmConfig {
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("--data is required");
    }
    requirePositive("steps", steps);
    requirePositive("batch-size", batchSize);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("lr must be > 0 and finite, found " + learningRate);
    }
    if (diffusionSteps < 1) {
      throw new IllegalArgumentException("T must be >= 1, found " + diffusionSteps);
    }
    if (schedule == null || loss == null || variance == null) {
      throw new IllegalArgumentException("schedule, loss and variance are required");
    }
    requirePositive("threads", threads);
    requirePositive("hidden", hidden);
    requirePositive("layers", layers);
    requirePositive("checkpoint-every", checkpointEvery);
    requirePositive("log-every", logEvery);
  }

  private static void requirePositive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, found " + value);
    }
  }

  /** The peer's settings on {@code data}, 5000 steps, seed 0, one thread. */
  public static DdpmConfig defaults(String data) {
    return new DdpmConfig(
        data,
        null,
        5000,
        256,
        1e-3,
        1000,
        Schedule.LINEAR,
        DdpmLoss.SIMPLE,
        DecoderVariance.BETA,
        0,
        1,
        TimeConditionedMlp.DEFAULT_HIDDEN,
        TimeConditionedMlp.DEFAULT_LAYERS,
        1000,
        100);
  }

  /** The forward process this config describes. */
  public NoiseSchedule noiseSchedule() {
    return NoiseSchedule.of(schedule, diffusionSteps);
  }

  /** Copy with another step count. */
  public DdpmConfig withSteps(long n) {
    return new DdpmConfig(
        data,
        dataDir,
        n,
        batchSize,
        learningRate,
        diffusionSteps,
        schedule,
        loss,
        variance,
        seed,
        threads,
        hidden,
        layers,
        checkpointEvery,
        logEvery);
  }

  /** Copy with another thread count. */
  public DdpmConfig withThreads(int n) {
    return new DdpmConfig(
        data,
        dataDir,
        steps,
        batchSize,
        learningRate,
        diffusionSteps,
        schedule,
        loss,
        variance,
        seed,
        n,
        hidden,
        layers,
        checkpointEvery,
        logEvery);
  }

  /** Copy with another seed. */
  public DdpmConfig withSeed(long s) {
    return new DdpmConfig(
        data,
        dataDir,
        steps,
        batchSize,
        learningRate,
        diffusionSteps,
        schedule,
        loss,
        variance,
        s,
        threads,
        hidden,
        layers,
        checkpointEvery,
        logEvery);
  }

  /** Copy with another T and schedule. */
  public DdpmConfig withDiffusion(int t, Schedule s) {
    return new DdpmConfig(
        data,
        dataDir,
        steps,
        batchSize,
        learningRate,
        t,
        s,
        loss,
        variance,
        seed,
        threads,
        hidden,
        layers,
        checkpointEvery,
        logEvery);
  }

  /** Copy with another loss and decoder variance. */
  public DdpmConfig withObjective(DdpmLoss l, DecoderVariance v) {
    return new DdpmConfig(
        data,
        dataDir,
        steps,
        batchSize,
        learningRate,
        diffusionSteps,
        schedule,
        l,
        v,
        seed,
        threads,
        hidden,
        layers,
        checkpointEvery,
        logEvery);
  }

  /** Copy with another batch size and learning rate. */
  public DdpmConfig withOptimizer(int batch, double lr) {
    return new DdpmConfig(
        data,
        dataDir,
        steps,
        batch,
        lr,
        diffusionSteps,
        schedule,
        loss,
        variance,
        seed,
        threads,
        hidden,
        layers,
        checkpointEvery,
        logEvery);
  }

  /** Copy with another network size. */
  public DdpmConfig withNetwork(int h, int l) {
    return new DdpmConfig(
        data,
        dataDir,
        steps,
        batchSize,
        learningRate,
        diffusionSteps,
        schedule,
        loss,
        variance,
        seed,
        threads,
        h,
        l,
        checkpointEvery,
        logEvery);
  }

  /** Copy with other checkpoint and log intervals. */
  public DdpmConfig withIntervals(long checkpoint, long log) {
    return new DdpmConfig(
        data,
        dataDir,
        steps,
        batchSize,
        learningRate,
        diffusionSteps,
        schedule,
        loss,
        variance,
        seed,
        threads,
        hidden,
        layers,
        checkpoint,
        log);
  }

  /** Copy with a data-directory for Fashion-MNIST. */
  public DdpmConfig withDataDir(String dir) {
    return new DdpmConfig(
        data,
        dir,
        steps,
        batchSize,
        learningRate,
        diffusionSteps,
        schedule,
        loss,
        variance,
        seed,
        threads,
        hidden,
        layers,
        checkpointEvery,
        logEvery);
  }
}
