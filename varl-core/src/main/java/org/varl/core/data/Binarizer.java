package org.varl.core.data;

import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * Dynamic binarization (Salakhutdinov and Murray, "On the quantitative analysis of deep belief
 * networks", ICML 2008; used for MNIST VAEs since Burda et al. 2016): each time a batch is used,
 * every intensity {@code x in [0, 1]} is replaced by a fresh Bernoulli draw, {@code x_bin = 1 if u
 * < x else 0} with {@code u ~ U(0, 1)}, so {@code E[x_bin] = x} and the model sees binary data as a
 * Bernoulli likelihood assumes.
 *
 * <p>Determinism: the uniforms of a batch come from a {@link SplittableRandom} seeded by a mix of
 * {@code (seed, epoch, step)} alone, so a resumed run redraws exactly the same binary batch as the
 * uninterrupted one. The same coordinates always give the same draw, whatever was binarized before.
 */
public final class Binarizer {

  private final long seed;

  /** A binarizer for the run seeded with {@code seed}. */
  public Binarizer(long seed) {
    this.seed = seed;
  }

  /** The run seed. */
  public long seed() {
    return seed;
  }

  /** A binarized copy of {@code x} for batch {@code step} of epoch {@code epoch}. */
  public float[] binarize(float[] x, int epoch, long step) {
    return binarizeInto(x, new float[x.length], epoch, step);
  }

  /**
   * Writes the binarized {@code x} into {@code out} (may be {@code x} itself) and returns {@code
   * out}.
   *
   * @throws IllegalArgumentException when a value is not in [0, 1] (e.g. standardized data), naming
   *     its index
   */
  public float[] binarizeInto(float[] x, float[] out, int epoch, long step) {
    if (out.length < x.length) {
      throw new IllegalArgumentException("out has length " + out.length + ", needs " + x.length);
    }
    // Check everything first so that nothing is half-written when out is x itself.
    for (int i = 0; i < x.length; i++) {
      float v = x[i];
      if (!(v >= 0f && v <= 1f)) {
        throw new IllegalArgumentException(
            "binarization needs intensities in [0, 1], found " + v + " at index " + i);
      }
    }
    SplittableRandom random = NoiseStream.generator(seed, Streams.BINARIZE, epoch, step);
    for (int i = 0; i < x.length; i++) {
      // u in [0, 1): u < 0 never holds and u < 1 always does, so 0 and 1 stay exactly 0 and 1.
      out[i] = random.nextDouble() < x[i] ? 1f : 0f;
    }
    return out;
  }
}
