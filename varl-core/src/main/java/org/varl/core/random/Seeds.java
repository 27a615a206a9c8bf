package org.varl.core.random;

/**
 * The one seed-mixing function of varl: a well-mixed 64-bit seed for the stream at the given
 * coordinates, e.g. {@code mix(runSeed, Streams.TRAIN_NOISE, epoch, step)}.
 *
 * <pre>
 *   h_0 = f(seed + γ),   h_{i+1} = f(h_i + K · f(c_i + γ) + γ),
 *   γ = 0x9E3779B97F4A7C15 (the golden-ratio increment),   K = 0xD1B54A32D192ED03 (odd)
 * </pre>
 *
 * where f is the SplitMix64 finalizer (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), the same mixer {@link java.util.SplittableRandom} uses internally.
 * Distinct coordinates give statistically independent streams, and the order of the arguments
 * matters. The factor K is why: wave 1's {@code f(h_i + f(c_i + γ) + γ)} is symmetric in (seed,
 * c_0), so run seed 2's stream 1 was run seed 1's stream 2 (found by {@code SeedsTest}: 512 seed ×
 * stream × step triples gave 288 distinct seeds).
 */
public final class Seeds {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  /**
   * An odd multiplier (a 64-bit MCG constant of Steele and Vigna 2021) that breaks the
   * seed/coordinate symmetry.
   */
  private static final long COORDINATE_FACTOR = 0xD1B54A32D192ED03L;

  private Seeds() {}

  /** A well-mixed seed for the stream identified by {@code seed} and {@code coordinates}. */
  public static long mix(long seed, long... coordinates) {
    long h = finalizer(seed + GOLDEN_GAMMA);
    for (long c : coordinates) {
      h = finalizer(h + COORDINATE_FACTOR * finalizer(c + GOLDEN_GAMMA) + GOLDEN_GAMMA);
    }
    return h;
  }

  /** PyTorch's generator takes a 32-bit seed: the mixed seed folded to an int. */
  public static int fold(long seed) {
    return (int) (seed ^ (seed >>> 32));
  }

  private static long finalizer(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
