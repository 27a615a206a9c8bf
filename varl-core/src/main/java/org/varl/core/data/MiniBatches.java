package org.varl.core.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * The mini-batches of one epoch: a permutation of the row indices {@code 0 .. size-1} cut into
 * consecutive batches of {@code batchSize} indices.
 *
 * <p>Determinism: the permutation is a Fisher-Yates shuffle driven by a {@link SplittableRandom}
 * seeded with a mix of {@code (seed, epoch)} only, so epoch {@code e} of a resumed run sees exactly
 * the batches of epoch {@code e} of the uninterrupted run, and {@link #batch(int)} can jump
 * straight to the step where a run stopped.
 *
 * <p>The last batch keeps the remainder: with {@code size = 10, batchSize = 4} the batches have 4,
 * 4 and 2 indices, so every row is seen once per epoch. Callers that average per example must
 * divide by the batch's own length.
 */
public final class MiniBatches implements Iterable<int[]> {

  private final int[] order;
  private final int batchSize;

  private MiniBatches(int[] order, int batchSize) {
    this.order = order;
    this.batchSize = batchSize;
  }

  /**
   * The shuffled batches of epoch {@code epoch} for a data set of {@code size} rows.
   *
   * @throws IllegalArgumentException when {@code size < 0}, {@code batchSize < 1} or {@code epoch <
   *     0}
   */
  public MiniBatches(int size, int batchSize, long seed, int epoch) {
    this(shuffled(size, batchSize, seed, epoch), batchSize);
  }

  /**
   * Batches in row order {@code 0, 1, 2, ...}, for evaluation passes where order does not matter.
   */
  public static MiniBatches sequential(int size, int batchSize) {
    check(size, batchSize, 0);
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    return new MiniBatches(order, batchSize);
  }

  private static int[] shuffled(int size, int batchSize, long seed, int epoch) {
    check(size, batchSize, epoch);
    return permutation(size, NoiseStream.generator(seed, Streams.BATCHES, epoch));
  }

  private static void check(int size, int batchSize, int epoch) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, found " + size);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, found " + batchSize);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, found " + epoch);
    }
  }

  /**
   * A uniformly random permutation of {@code 0 .. n-1} (Fisher-Yates, Knuth TAOCP vol. 2, 3.4.2,
   * algorithm P).
   */
  static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Number of batches: {@code ceil(size / batchSize)}. */
  public int numBatches() {
    return (order.length + batchSize - 1) / batchSize;
  }

  /** The configured batch size (the last batch may be shorter). */
  public int batchSize() {
    return batchSize;
  }

  /** Number of rows covered by the epoch. */
  public int size() {
    return order.length;
  }

  /** A copy of the indices of batch {@code b}, {@code 0 <= b < numBatches()}. */
  public int[] batch(int b) {
    if (b < 0 || b >= numBatches()) {
      throw new IndexOutOfBoundsException("batch " + b + " is outside [0, " + numBatches() + ")");
    }
    int from = b * batchSize;
    return Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
  }

  /** A copy of the whole epoch's order. */
  public int[] order() {
    return order.clone();
  }

  /** Iterates the batches in order; each element is a fresh copy. */
  @Override
  public Iterator<int[]> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < numBatches();
      }

      @Override
      public int[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch(next++);
      }
    };
  }
}
