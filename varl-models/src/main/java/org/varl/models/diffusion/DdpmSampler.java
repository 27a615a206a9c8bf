package org.varl.models.diffusion;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * Draws from a DDPM, starting at {@code x_T ~ N(0, I)}:
 *
 * <pre>
 *   ancestral (Ho et al. 2020, Algorithm 2), t = T..1:
 *       x_{t−1} = (x_t − β_t/√(1 − ᾱ_t) ε_θ(x_t, t)) / √α_t + σ_t z,   z ~ N(0, I), no noise at t = 1
 *   DDIM, η = 0 (Song et al. 2021, eq. 12), on steps τ_S > ... > τ_1 ≥ 1, τ_0 = 0 (ᾱ_0 = 1):
 *       x̂_0 = (x_τ − √(1 − ᾱ_τ) ε_θ(x_τ, τ)) / √ᾱ_τ,   x_{τ'} = √ᾱ_{τ'} x̂_0 + √(1 − ᾱ_{τ'}) ε_θ(x_τ, τ)
 *       τ_i = 1 + ⌊(i − 1) T / S⌋  (evenly spaced; S = T visits every step)
 * </pre>
 *
 * Noise is drawn in Java from (seed, {@code Streams.SAMPLES}, frame), the same for any batching.
 * The update runs in Java; each step costs one network evaluation on the engine, in its own scope.
 */
public final class DdpmSampler {

  private DdpmSampler() {}

  /**
   * Points and the paths of the first few of them.
   *
   * @param points row-major {@code [count, d]}
   * @param times the step t after each frame ({@code times[0] = T} for x_T, the last 0 for x_0)
   * @param trajectories {@code trajectories[f]} holds the first k points at frame f, row-major
   */
  public record Samples(float[] points, int dimension, int[] times, float[][] trajectories) {}

  /**
   * {@code count} draws with {@code kind} ({@code steps} is S for DDIM and must be T for
   * ancestral), keeping the paths of the first {@code keep} points.
   */
  public static Samples sample(
      Ddpm ddpm,
      EpsilonModel model,
      int d,
      int count,
      Sampler kind,
      int steps,
      long seed,
      int keep,
      NDManager parent) {
    int bigT = ddpm.steps();
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, found " + count);
    }
    if (kind == Sampler.ANCESTRAL && steps != bigT) {
      throw new IllegalArgumentException(
          "steps of the ancestral sampler must be T = "
              + bigT
              + ", found "
              + steps
              + " (use --sampler ddim for fewer)");
    }
    if (steps < 1 || steps > bigT) {
      throw new IllegalArgumentException("steps must be in 1.." + bigT + ", found " + steps);
    }
    int k = Math.min(Math.max(keep, 0), count);
    float[] x = normal(count * d, NoiseStream.generator(seed, Streams.SAMPLES, 0));
    int[] taus = new int[steps + 1];
    for (int i = 1; i <= steps; i++) {
      taus[i] = kind == Sampler.ANCESTRAL ? i : 1 + (int) ((long) (i - 1) * bigT / steps);
    }
    int[] times = new int[steps + 1];
    float[][] paths = new float[steps + 1][];
    times[0] = bigT;
    paths[0] = java.util.Arrays.copyOf(x, k * d);
    NoiseSchedule s = ddpm.schedule();
    int[] t = new int[count];
    for (int i = steps; i >= 1; i--) {
      int tau = taus[i];
      java.util.Arrays.fill(t, tau);
      float[] eps;
      try (NDManager m = parent.newSubManager()) {
        eps = model.predict(m, x, t);
      }
      if (kind == Sampler.ANCESTRAL) {
        x = ddpm.mean(x, eps, tau);
        if (tau > 1) {
          double sigma = Math.sqrt(ddpm.sigma2(tau));
          SplittableRandom z = NoiseStream.generator(seed, Streams.SAMPLES, steps - i + 1);
          for (int j = 0; j < x.length; j++) {
            x[j] += (float) (sigma * z.nextGaussian());
          }
        }
      } else {
        double ab = s.alphaBar(tau);
        double abPrev = s.alphaBar(taus[i - 1]);
        double a = Math.sqrt(1 - ab);
        double b = 1 / Math.sqrt(ab);
        double c = Math.sqrt(abPrev);
        double e = Math.sqrt(1 - abPrev);
        for (int j = 0; j < x.length; j++) {
          double x0 = (x[j] - a * eps[j]) * b;
          x[j] = (float) (c * x0 + e * eps[j]);
        }
      }
      int frame = steps - i + 1;
      times[frame] = taus[i - 1];
      paths[frame] = java.util.Arrays.copyOf(x, k * d);
    }
    return new Samples(x, d, times, paths);
  }

  private static float[] normal(int n, SplittableRandom r) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) r.nextGaussian();
    }
    return out;
  }
}
