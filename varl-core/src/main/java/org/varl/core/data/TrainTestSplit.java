package org.varl.core.data;

import java.util.Arrays;
import java.util.Objects;
import org.varl.core.random.NoiseStream;
import org.varl.core.random.Streams;

/**
 * A training set and a held-out test set with the same row dimension.
 *
 * @param train the rows a model learns from
 * @param test the rows it is evaluated on
 */
public record TrainTestSplit(ArrayDataset train, ArrayDataset test) {

  /** Checks both parts are present and agree on the row dimension. */
  public TrainTestSplit {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    if (train.dimension() != test.dimension()) {
      throw new IllegalArgumentException(
          "train dimension "
              + train.dimension()
              + " differs from test dimension "
              + test.dimension());
    }
  }

  /**
   * Splits {@code all} at random: a seeded Fisher-Yates permutation puts {@code round(size *
   * testFraction)} rows in the test set and the rest in the training set; each part keeps the
   * original row order.
   *
   * @throws IllegalArgumentException when either part would be empty
   */
  public static TrainTestSplit random(ArrayDataset all, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), found " + testFraction);
    }
    int n = all.size();
    int nTest = (int) Math.round(n * testFraction);
    if (nTest < 1 || nTest > n - 1) {
      throw new IllegalArgumentException(
          "data set "
              + all.name()
              + " has "
              + n
              + " rows: test fraction "
              + testFraction
              + " leaves "
              + nTest
              + " test and "
              + (n - nTest)
              + " training rows, need at least 1 of each");
    }
    int[] perm = MiniBatches.permutation(n, NoiseStream.generator(seed, Streams.SPLIT));
    int[] test = Arrays.copyOfRange(perm, 0, nTest);
    int[] train = Arrays.copyOfRange(perm, nTest, n);
    Arrays.sort(test);
    Arrays.sort(train);
    return new TrainTestSplit(all.subset(train), all.subset(test));
  }
}
