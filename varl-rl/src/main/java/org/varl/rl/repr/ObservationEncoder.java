package org.varl.rl.repr;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.varl.models.vae.TrainedVae;
import org.varl.models.vae.Vae;
import org.varl.models.vae.VaeConfig;
import org.varl.rl.env.ImageShape;

/**
 * The frozen VAE encoder as an observation map (the lecture's "run RL using z as the state instead
 * of s"): each of the k frames of a stacked observation is encoded to its latent mean and the k
 * means are concatenated, oldest first,
 *
 * <pre>
 *   o = [x_1, …, x_k]  (x_i ∈ [0, 1]^{H·W})   ↦   φ(o) = [μ(x_1), …, μ(x_k)] ∈ R^{k·latent}
 * </pre>
 *
 * where μ is the encoder's mean head of q(z|x) = N(μ(x), diag σ²(x)) (no sampling: the agent sees a
 * deterministic function of the frames). One frame carries the angle, the stack of latents also its
 * rate of change. The VAE is not trained here (the encoder is frozen), except by an explicit refit
 * ({@code --encoder-refit-every}) that changes its parameters in place.
 */
public final class ObservationEncoder implements AutoCloseable {

  private final TrainedVae owned;
  private final Vae vae;
  private final ImageShape shape;
  private final int latent;

  private ObservationEncoder(TrainedVae owned, Vae vae, ImageShape shape) {
    this.owned = owned;
    this.vae = vae;
    this.shape = shape;
    this.latent = vae.config().latent();
  }

  /**
   * An encoder over {@code vae} (not owned) for observations of {@code shape}.
   *
   * @throws IllegalArgumentException if the VAE's input is not one frame of {@code shape}
   */
  public static ObservationEncoder of(Vae vae, ImageShape shape, String what) {
    requireFits(vae.config(), shape, what);
    return new ObservationEncoder(null, vae, shape);
  }

  /**
   * Loads the VAE run {@code dir} (a run of {@code varl vae train}) for observations of {@code
   * shape}; closing the encoder frees it.
   *
   * @throws IllegalArgumentException one line for a missing or corrupt run, or frames that do not
   *     fit
   */
  public static ObservationEncoder load(Path dir, ImageShape shape) {
    TrainedVae m = TrainedVae.load(dir);
    try {
      requireFits(m.vae().config(), shape, "--encoder vae:" + dir);
      return new ObservationEncoder(m, m.vae(), shape);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private static void requireFits(VaeConfig c, ImageShape shape, String what) {
    if (c.channels() != 1 || c.height() != shape.height() || c.width() != shape.width()) {
      throw new IllegalArgumentException(
          what
              + ": the VAE reads frames of "
              + c.channels()
              + "x"
              + c.height()
              + "x"
              + c.width()
              + ", the environment renders 1x"
              + shape.height()
              + "x"
              + shape.width()
              + " frames (--image-size "
              + shape.height()
              + "); train the VAE on frames of this size");
    }
  }

  /** The loaded VAE run's configuration, or null for an encoder over a caller's VAE. */
  public org.varl.models.vae.RunConfig runConfig() {
    return owned == null ? null : owned.config();
  }

  /** The VAE (its parameters are what a refit changes). */
  public Vae vae() {
    return vae;
  }

  /** The layout of the observations encoded. */
  public ImageShape shape() {
    return shape;
  }

  /** The latent size per frame. */
  public int latent() {
    return latent;
  }

  /** The encoded observation's length, {@code k · latent}. */
  public int dimension() {
    return shape.channels() * latent;
  }

  /** φ(o) for one stacked observation {@code [k · H · W]}. */
  public double[] encode(double[] observation) {
    if (observation.length != shape.size()) {
      throw new IllegalArgumentException(
          "observation must have " + shape.size() + " values, found " + observation.length);
    }
    float[] x = new float[observation.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) observation[i];
    }
    float[] mu = encodeFrames(x, shape.channels());
    double[] z = new double[mu.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = mu[i];
    }
    return z;
  }

  /**
   * Latent means of {@code n} frames {@code [n · H · W]} (row-major), {@code [n · latent]}, in
   * batches of 1000.
   */
  public float[] encodeFrames(float[] frames, int n) {
    int d = shape.frameSize();
    float[] out = new float[n * latent];
    for (int from = 0; from < n; from += 1000) {
      int to = Math.min(n, from + 1000);
      try (NDManager m = vae.manager().newSubManager()) {
        float[] rows = java.util.Arrays.copyOfRange(frames, from * d, to * d);
        float[] mu =
            vae.encode(m.create(rows, new Shape(to - from, d)), false).get(0).toFloatArray();
        System.arraycopy(mu, 0, out, from * latent, mu.length);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
