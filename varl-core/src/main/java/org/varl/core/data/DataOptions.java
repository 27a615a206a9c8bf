package org.varl.core.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Options for {@link DataSources#load(String, DataOptions)}; the compact constructor validates.
 *
 * @param dataDir directory of the four IDX files for {@code mnist} (required there) and, when set,
 *     for {@code fashion-mnist} instead of {@value DataSources#FASHION_MNIST_DIR}; nullable
 * @param seed seeds the {@code shapes} generator and the random train/test split of {@code shapes}
 *     and CSV
 * @param shapesCount number of {@code shapes} sprites generated in total (train + test), default
 *     12000
 * @param testFraction fraction of rows held out as the test set for {@code shapes} and CSV, default
 *     1/6 (the proportion of MNIST's 10000 / 60000); MNIST and Fashion-MNIST keep their standard
 *     split
 * @param csvScaling per-column scaling of CSV features, default {@link CsvScaling#UNIT_RANGE}
 * @param csvHasLabel whether a CSV column holds integer class labels (excluded from the features),
 *     default false
 * @param csvLabelColumn 0-based index of that column, or -1 for the last column (default)
 * @param csvHeader whether the CSV has a header line, default {@link CsvHeader#AUTO}
 */
public record DataOptions(
    Path dataDir,
    long seed,
    int shapesCount,
    double testFraction,
    CsvScaling csvScaling,
    boolean csvHasLabel,
    int csvLabelColumn,
    CsvHeader csvHeader) {

  /**
   * Default number of generated sprites: 10000 training + 2000 test with the default test fraction.
   */
  public static final int DEFAULT_SHAPES_COUNT = 12000;

  /** Default test fraction: 1/6, as MNIST's 10000 test images of 70000. */
  public static final double DEFAULT_TEST_FRACTION = 1.0 / 6.0;

  /** Validates every field; messages name the field and the value. */
  public DataOptions {
    if (shapesCount < 2 || shapesCount > Shapes.MAX_COUNT) {
      throw new IllegalArgumentException(
          "shapesCount must be in [2, " + Shapes.MAX_COUNT + "], found " + shapesCount);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), found " + testFraction);
    }
    Objects.requireNonNull(csvScaling, "csvScaling");
    Objects.requireNonNull(csvHeader, "csvHeader");
    if (csvLabelColumn < -1) {
      throw new IllegalArgumentException(
          "csvLabelColumn must be >= 0, or -1 for the last column, found " + csvLabelColumn);
    }
  }

  /**
   * No data directory, seed 0, 12000 sprites, test fraction 1/6, CSV min-max scaled, no label,
   * header auto.
   */
  public static DataOptions defaults() {
    return new DataOptions(
        null,
        0L,
        DEFAULT_SHAPES_COUNT,
        DEFAULT_TEST_FRACTION,
        CsvScaling.UNIT_RANGE,
        false,
        -1,
        CsvHeader.AUTO);
  }

  /** Copy with another data directory (nullable). */
  public DataOptions withDataDir(Path dir) {
    return new DataOptions(
        dir, seed, shapesCount, testFraction, csvScaling, csvHasLabel, csvLabelColumn, csvHeader);
  }

  /** Copy with another seed. */
  public DataOptions withSeed(long newSeed) {
    return new DataOptions(
        dataDir,
        newSeed,
        shapesCount,
        testFraction,
        csvScaling,
        csvHasLabel,
        csvLabelColumn,
        csvHeader);
  }

  /** Copy with another number of generated sprites. */
  public DataOptions withShapesCount(int count) {
    return new DataOptions(
        dataDir, seed, count, testFraction, csvScaling, csvHasLabel, csvLabelColumn, csvHeader);
  }

  /** Copy with another test fraction. */
  public DataOptions withTestFraction(double fraction) {
    return new DataOptions(
        dataDir, seed, shapesCount, fraction, csvScaling, csvHasLabel, csvLabelColumn, csvHeader);
  }

  /** Copy with another CSV scaling. */
  public DataOptions withCsvScaling(CsvScaling scaling) {
    return new DataOptions(
        dataDir, seed, shapesCount, testFraction, scaling, csvHasLabel, csvLabelColumn, csvHeader);
  }

  /** Copy with a CSV label column: {@code column} 0-based, or -1 for the last column. */
  public DataOptions withCsvLabel(int column) {
    return new DataOptions(
        dataDir, seed, shapesCount, testFraction, csvScaling, true, column, csvHeader);
  }

  /** Copy without a CSV label column. */
  public DataOptions withoutCsvLabel() {
    return new DataOptions(
        dataDir, seed, shapesCount, testFraction, csvScaling, false, -1, csvHeader);
  }

  /** Copy with another CSV header mode. */
  public DataOptions withCsvHeader(CsvHeader header) {
    return new DataOptions(
        dataDir, seed, shapesCount, testFraction, csvScaling, csvHasLabel, csvLabelColumn, header);
  }
}
