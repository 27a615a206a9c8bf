package org.varl.models.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.varl.core.data.ArrayDataset;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Seeds;
import org.varl.core.random.Streams;

/**
 * What the lecture shows of a trained VAE, as plain arrays (the CLI turns them into PNGs): samples
 * from the prior {@code x ~ p(x|z), z ~ N(0, I)} shown as their means, reconstructions {@code E[x |
 * z = mu(x)]}, decodings along the line between two latent means, and the latent means themselves.
 * Images are the decoder's mean, {@code sigmoid(logits)} for Bernoulli and the mean clipped to [0,
 * 1] for Gaussian.
 */
public final class VaeImages {

  private VaeImages() {}

  /**
   * Most samples drawn into one grid: a 100 x 100 grid of 28 x 28 images is already a 2800-pixel
   * square.
   */
  public static final int MAX_SAMPLES = 10_000;

  /**
   * {@code count} decoder means at {@code z ~ N(0, I)} drawn from {@code seed}: {@code [count][D]}.
   */
  public static float[][] samples(Vae vae, int count, long seed) {
    if (count < 1 || count > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "count must be in [1, " + MAX_SAMPLES + "], found " + count);
    }
    try (NDManager m = vae.manager().newSubManager()) {
      NDArray z =
          NoiseStream.normal(
              m, new Shape(count, vae.config().latent()), seed, Streams.SAMPLES, 0, 0);
      return decodeMeans(vae, z, count);
    }
  }

  /** Reconstructions {@code E[x | z = mu(x)]} of the given rows: {@code [rows][D]}. */
  public static float[][] reconstructions(Vae vae, float[][] rows) {
    try (NDManager m = vae.manager().newSubManager()) {
      NDArray x = m.create(rows);
      NDArray mu = vae.encode(x, false).get(0);
      return decodeMeans(vae, mu, rows.length);
    }
  }

  /**
   * Decodings of {@code (1 - t) mu(a) + t mu(b)} for {@code steps} values of t from 0 to 1: {@code
   * [steps][D]}.
   */
  public static float[][] interpolation(Vae vae, float[] a, float[] b, int steps) {
    if (steps < 2) {
      throw new IllegalArgumentException("steps must be >= 2, found " + steps);
    }
    try (NDManager m = vae.manager().newSubManager()) {
      float[] mu = vae.encode(m.create(new float[][] {a, b}), false).get(0).toFloatArray();
      int l = vae.config().latent();
      float[][] z = new float[steps][l];
      for (int s = 0; s < steps; s++) {
        float t = (float) s / (steps - 1);
        for (int j = 0; j < l; j++) {
          z[s][j] = (1 - t) * mu[j] + t * mu[l + j];
        }
      }
      return decodeMeans(vae, m.create(z), steps);
    }
  }

  /**
   * Latent means {@code mu(x)} of the first {@code limit} rows of {@code data}: {@code
   * [n][latent]}.
   */
  public static double[][] latentMeans(Vae vae, ArrayDataset data, int limit) {
    int n = Math.min(limit, data.size());
    int l = vae.config().latent();
    double[][] out = new double[n][l];
    for (int from = 0; from < n; from += VaeTrainer.EVAL_BATCH) {
      int to = Math.min(n, from + VaeTrainer.EVAL_BATCH);
      try (NDManager m = vae.manager().newSubManager()) {
        float[] mu = vae.encode(TrainedVae.rows(m, data, from, to), false).get(0).toFloatArray();
        for (int i = from; i < to; i++) {
          for (int j = 0; j < l; j++) {
            out[i][j] = mu[(i - from) * l + j];
          }
        }
      }
    }
    return out;
  }

  /**
   * Indices of {@code count} distinct rows of {@code data} chosen by {@code seed} (for picking test
   * images).
   */
  public static int[] pickRows(ArrayDataset data, int count, long seed) {
    int n = data.size();
    int k = Math.min(count, n);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, Streams.SAMPLES, 1));
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return java.util.Arrays.copyOf(perm, k);
  }

  private static float[][] decodeMeans(Vae vae, NDArray z, int count) {
    NDArray out = vae.decode(z, false);
    NDArray mean =
        vae.config().likelihood() == Likelihood.BERNOULLI
            ? out.getNDArrayInternal().sigmoid()
            : out.clip(0f, 1f);
    float[] flat = mean.toFloatArray();
    int d = vae.config().inputDim();
    float[][] images = new float[count][d];
    for (int i = 0; i < count; i++) {
      System.arraycopy(flat, i * d, images[i], 0, d);
    }
    return images;
  }
}
