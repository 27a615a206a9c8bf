package org.varl.models.diffpolicy;

import org.varl.models.diffusion.NoiseSchedule;
import org.varl.models.diffusion.Schedule;

/**
 * A diffusion policy and its training run.
 *
 * <p>Why the cosine schedule at T = 32: Chi et al. (2023) train their CNN and transformer policies
 * with diffusers' {@code squaredcos_cap_v2} β schedule, which is the cosine schedule of Nichol and
 * Dhariwal (2021) that {@link NoiseSchedule#cosine} implements (ᾱ_t = f(t)/f(0), β capped at
 * 0.999), with 100 training steps; its ᾱ_T is near 0 for every T (2.4e-6 at T = 32: the last β is
 * capped, ᾱ_T = 0.001 ᾱ_{T−1}), so starting the sampler at N(0, I) is right and T can be cut to a
 * few dozen. Ho et al.'s linear schedule (β from 1e-4 to 0.02) is made for T = 1000: at T = 32 it
 * ends at ᾱ_T ≈ 0.72, far from noise, so the sampler's start N(0, I) would not match q(x_T).
 *
 * @param denoisingSteps T, the number of diffusion steps (default 32: "a few dozen")
 * @param schedule the β schedule (default cosine, see above)
 * @param hidden width of the ε-network's hidden layers (default 128, the toy DDPM's)
 * @param layers number of hidden SiLU layers (default 3, the toy DDPM's)
 * @param learningRate Adam's step size (default 1e-3)
 * @param batchSize examples per minibatch (default 256)
 * @param steps optimizer steps (default 10000: on the one-disc obstacle task, 200 demonstrations,
 *     4000 steps left 7% collisions at seed 1 and 10000 none, about 20 s on one core)
 * @param seed the run seed (default 0); parameters, minibatches, times and noise derive from it
 */
public record DiffusionPolicyConfig(
    int denoisingSteps,
    Schedule schedule,
    int hidden,
    int layers,
    double learningRate,
    int batchSize,
    int steps,
    long seed) {

  public DiffusionPolicyConfig {
    if (denoisingSteps < 1) {
      throw new IllegalArgumentException("denoisingSteps must be >= 1, found " + denoisingSteps);
    }
    if (schedule == null) {
      throw new IllegalArgumentException("schedule must be linear or cosine, found null");
    }
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be >= 1, found " + hidden);
    }
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be >= 1, found " + layers);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be finite and > 0, found " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, found " + batchSize);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, found " + steps);
    }
  }

  /** The defaults listed on the components. */
  public static DiffusionPolicyConfig defaults() {
    return new DiffusionPolicyConfig(32, Schedule.COSINE, 128, 3, 1e-3, 256, 10000, 0L);
  }

  /** The β schedule with T steps. */
  public NoiseSchedule noiseSchedule() {
    return NoiseSchedule.of(schedule, denoisingSteps);
  }

  public DiffusionPolicyConfig withDenoisingSteps(int v) {
    return new DiffusionPolicyConfig(
        v, schedule, hidden, layers, learningRate, batchSize, steps, seed);
  }

  public DiffusionPolicyConfig withSchedule(Schedule v) {
    return new DiffusionPolicyConfig(
        denoisingSteps, v, hidden, layers, learningRate, batchSize, steps, seed);
  }

  public DiffusionPolicyConfig withHidden(int v) {
    return new DiffusionPolicyConfig(
        denoisingSteps, schedule, v, layers, learningRate, batchSize, steps, seed);
  }

  public DiffusionPolicyConfig withLayers(int v) {
    return new DiffusionPolicyConfig(
        denoisingSteps, schedule, hidden, v, learningRate, batchSize, steps, seed);
  }

  public DiffusionPolicyConfig withLearningRate(double v) {
    return new DiffusionPolicyConfig(
        denoisingSteps, schedule, hidden, layers, v, batchSize, steps, seed);
  }

  public DiffusionPolicyConfig withBatchSize(int v) {
    return new DiffusionPolicyConfig(
        denoisingSteps, schedule, hidden, layers, learningRate, v, steps, seed);
  }

  public DiffusionPolicyConfig withSteps(int v) {
    return new DiffusionPolicyConfig(
        denoisingSteps, schedule, hidden, layers, learningRate, batchSize, v, seed);
  }

  public DiffusionPolicyConfig withSeed(long v) {
    return new DiffusionPolicyConfig(
        denoisingSteps, schedule, hidden, layers, learningRate, batchSize, steps, v);
  }
}
