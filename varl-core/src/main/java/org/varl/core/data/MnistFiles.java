package org.varl.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The four standard IDX files of MNIST and Fashion-MNIST in one directory, and their loading into a
 * {@link TrainTestSplit} of 28x28 images with labels 0..9 (60000 training, 10000 test images in
 * both data sets).
 *
 * <p>Each file is looked up as {@code NAME.gz}, then {@code NAME}, then the dotted variant some
 * mirrors use ({@code train-images.idx3-ubyte}); the content decides whether it is gzipped.
 */
final class MnistFiles {

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  static final List<String> ALL = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  /** Both data sets have ten classes. */
  static final int CLASSES = 10;

  private MnistFiles() {}

  /**
   * "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and
   * t10k-labels-idx1-ubyte.gz".
   */
  static String listing() {
    return ALL.get(0)
        + ".gz, "
        + ALL.get(1)
        + ".gz, "
        + ALL.get(2)
        + ".gz and "
        + ALL.get(3)
        + ".gz";
  }

  /** The first of the accepted names of {@code base} that exists in {@code dir}, or null. */
  static Path find(Path dir, String base) {
    String dotted = base.replace("-idx", ".idx");
    for (String candidate : List.of(base + ".gz", base, dotted + ".gz", dotted)) {
      Path p = dir.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** The first standard file missing from {@code dir}, or null when all four are there. */
  static String firstMissing(Path dir) {
    for (String base : ALL) {
      if (find(dir, base) == null) {
        return base;
      }
    }
    return null;
  }

  /**
   * Loads the four files from {@code dir}, which must hold them all (check {@link #firstMissing}
   * first).
   *
   * @param name the data set name given to both parts, e.g. {@code fashion-mnist}
   */
  static TrainTestSplit load(Path dir, String name) {
    return new TrainTestSplit(
        part(dir, name, TRAIN_IMAGES, TRAIN_LABELS), part(dir, name, TEST_IMAGES, TEST_LABELS));
  }

  private static ArrayDataset part(Path dir, String name, String imagesBase, String labelsBase) {
    Path imagesFile = find(dir, imagesBase);
    Path labelsFile = find(dir, labelsBase);
    if (imagesFile == null || labelsFile == null) {
      throw new IllegalArgumentException(
          dir.resolve(imagesFile == null ? imagesBase : labelsBase) + "(.gz) is missing");
    }
    IdxReader.Images images = IdxReader.readImages(imagesFile);
    int[] labels = IdxReader.readLabels(labelsFile);
    if (labels.length != images.count()) {
      throw new IllegalArgumentException(
          labelsFile.getFileName()
              + ": label count "
              + labels.length
              + " does not match image count "
              + images.count()
              + " of "
              + imagesFile.getFileName());
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= CLASSES) {
        throw new IllegalArgumentException(
            labelsFile.getFileName()
                + ": label "
                + labels[i]
                + " at index "
                + i
                + ", expected 0.."
                + (CLASSES - 1));
      }
    }
    return ArrayDataset.wrap(name, images.pixels(), images.rows() * images.cols())
        .withImageShape(images.rows(), images.cols())
        .withLabels(labels);
  }
}
