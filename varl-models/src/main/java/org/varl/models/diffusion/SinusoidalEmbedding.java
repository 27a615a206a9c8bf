package org.varl.models.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The sinusoidal time embedding of the Transformer (Vaswani et al. 2017), as DDPM uses it for the
 * time step (Ho et al. 2020) and as the PyTorch peer writes it:
 *
 * <pre>
 *   emb(t) = [sin(t ω_0), ..., sin(t ω_{h−1}), cos(t ω_0), ..., cos(t ω_{h−1})],   h = dim / 2
 *   ω_i = exp(−ln(10000) · i / h)
 * </pre>
 *
 * with t in DDPM steps (0..T−1) or, for flow matching, {@code 1000 · t} for t ∈ [0, 1] (the peer's
 * convention, so that both methods see frequencies over the same range).
 */
public final class SinusoidalEmbedding {

  /** The embedding width of the toy network, 64 (32 sines, 32 cosines: the peer's). */
  public static final int DEFAULT_DIM = 64;

  private final int dim;
  private final float[] frequencies;

  /** An embedding of even width {@code dim} ≥ 2. */
  public SinusoidalEmbedding(int dim) {
    if (dim < 2 || dim % 2 != 0) {
      throw new IllegalArgumentException("embedding dim must be even and >= 2, found " + dim);
    }
    this.dim = dim;
    int half = dim / 2;
    this.frequencies = new float[half];
    for (int i = 0; i < half; i++) {
      // In float, as torch.exp on a float32 arange computes it in the peer.
      frequencies[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
    }
  }

  /** The width, {@code dim}. */
  public int dim() {
    return dim;
  }

  /** ω_i, i < dim / 2 (a copy). */
  public float[] frequencies() {
    return frequencies.clone();
  }

  /** emb(t) written into {@code dest[offset .. offset + dim)} (computed in Java). */
  public void writeInto(double t, float[] dest, int offset) {
    int half = dim / 2;
    for (int i = 0; i < half; i++) {
      float a = (float) t * frequencies[i];
      dest[offset + i] = (float) Math.sin(a);
      dest[offset + half + i] = (float) Math.cos(a);
    }
  }

  /**
   * The embeddings of the integer times 0..count−1, row-major {@code [count, dim]}: a lookup table
   * for DDPM, whose times are the integer steps.
   */
  public float[] table(int count) {
    float[] out = new float[count * dim];
    for (int t = 0; t < count; t++) {
      writeInto(t, out, t * dim);
    }
    return out;
  }

  /** emb(t) on the engine for {@code t: [B]} (float32), shape {@code [B, dim]}, in t's manager. */
  public NDArray embed(NDArray t) {
    NDManager m = t.getManager();
    NDArray freqs = m.create(frequencies, new Shape(1, dim / 2));
    NDArray a = t.reshape(-1, 1).mul(freqs);
    return a.sin().concat(a.cos(), 1);
  }
}
