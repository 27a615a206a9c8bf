package org.varl.models.vae;

/**
 * Derives the seed of every random stream of a run from the run seed and the stream's coordinates, so that any
 * draw can be recomputed from (seed, stream, epoch, step) alone. This is what makes {@code --resume} reproduce the
 * uninterrupted run exactly: nothing depends on a generator's position carried across steps.
 *
 * <p>Mixing: each coordinate is added with the golden-ratio increment and passed through the SplitMix64 finalizer
 * (Steele, Lea and Flood, OOPSLA 2014), the same construction {@link java.util.SplittableRandom} uses internally.
 */
final class Seeds {

  /** Stream identifiers; distinct constants keep the streams independent. */
  static final long PARAMETERS = 1;
  static final long TRAIN_NOISE = 2;
  static final long TEST_NOISE = 3;
  static final long EVAL_NOISE = 4;
  static final long SAMPLES = 5;

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** A well-mixed 64-bit seed for the stream at the given coordinates. */
  static long mix(long seed, long... coordinates) {
    long h = finalizer(seed + GOLDEN_GAMMA);
    for (long c : coordinates) {
      h = finalizer(h + finalizer(c + GOLDEN_GAMMA) + GOLDEN_GAMMA);
    }
    return h;
  }

  private static long finalizer(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
