package org.varl.core.data;

/**
 * Derives independent stream seeds from a run seed and a few coordinates (epoch, step, example index), so that any
 * piece of randomness can be recomputed from its coordinates alone, which is what makes resume exact.
 *
 * <p>The mixing function is the SplitMix64 finalizer (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014), applied after each coordinate is folded in with the golden-ratio increment.
 */
final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** Stream domains: each use of randomness gets its own first coordinate, so no two uses share a stream. */
    static final long SHAPES = 1;
    /** Domain of the train/test split. */
    static final long SPLIT = 2;
    /** Domain of the per-epoch mini-batch shuffle. */
    static final long BATCHES = 3;
    /** Domain of dynamic binarization. */
    static final long BINARIZE = 4;

    private Seeds() {
    }

    /** Returns a well-mixed seed for the stream identified by {@code seed} and the given coordinates. */
    static long mix(long seed, long... coordinates) {
        long h = avalanche(seed + GOLDEN_GAMMA);
        for (long c : coordinates) {
            h = avalanche(h ^ avalanche(c + GOLDEN_GAMMA) + GOLDEN_GAMMA);
        }
        return h;
    }

    private static long avalanche(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
