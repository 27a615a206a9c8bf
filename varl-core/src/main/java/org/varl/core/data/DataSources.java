package org.varl.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.varl.core.engine.MemoryBudget;

/**
 * Turns a {@code --data} spec into a {@link TrainTestSplit}:
 *
 * <ul>
 *   <li>{@code fashion-mnist}: the four IDX files of Fashion-MNIST (Xiao et al. 2017) from {@value
 *       #FASHION_MNIST_DIR} (Debian package {@code dataset-fashion-mnist}), or from {@link
 *       DataOptions#dataDir()} when set; 60000 training and 10000 test 28x28 images in [0, 1],
 *       labels 0..9.
 *   <li>{@code mnist}: the four standard MNIST IDX files from {@link DataOptions#dataDir()}
 *       (required).
 *   <li>{@code shapes}: {@link DataOptions#shapesCount()} generated sprites ({@link Shapes}), split
 *       at random.
 *   <li>{@code csv:PATH}: a numeric CSV file ({@link CsvLoader}), split at random and scaled.
 *   <li>{@code replay:DIR}: the frames of a replay directory of {@code varl rl collect} ({@link
 *       ReplayFrames}), split at random, their true states as factors.
 * </ul>
 *
 * The random splits hold out {@link DataOptions#testFraction()} of the rows, seeded by {@link
 * DataOptions#seed()}; MNIST and Fashion-MNIST keep their published split. Both parts of a split
 * are named by the spec.
 */
public final class DataSources {

  /** Where Debian's {@code dataset-fashion-mnist} installs the four files. */
  public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

  /** The Debian package holding Fashion-MNIST. */
  public static final String FASHION_MNIST_PACKAGE = "dataset-fashion-mnist";

  private DataSources() {}

  /**
   * Loads the data set named by {@code spec}.
   *
   * @throws IllegalArgumentException one line for an unknown spec, a missing data set (saying which
   *     package to install or which files to put where) or a corrupt file
   */
  public static TrainTestSplit load(String spec, DataOptions options) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    String s = spec.strip();
    if (s.startsWith("csv:")) {
      String path = s.substring(4).strip();
      if (path.isEmpty()) {
        throw new IllegalArgumentException("--data csv:PATH needs a file path after \"csv:\"");
      }
      return CsvLoader.load(Path.of(path), s, options);
    }
    if (s.startsWith("replay:")) {
      String path = s.substring(7).strip();
      if (path.isEmpty()) {
        throw new IllegalArgumentException(
            "--data replay:DIR needs a directory after \"replay:\" (written by varl rl collect)");
      }
      return TrainTestSplit.random(
          ReplayFrames.load(Path.of(path), s), options.testFraction(), options.seed());
    }
    return switch (s) {
      case "fashion-mnist" -> fashionMnist(options);
      case "mnist" -> mnist(options);
      case "shapes" -> {
        // The sprites, then their train/test copies, then the model's tensors of them: three
        // copies of count x 784 floats, plus each sprite's factors (a double[5] and its header).
        MemoryBudget.check(
            "shapesCount",
            options.shapesCount(),
            3 * MemoryBudget.floats((double) options.shapesCount() * Shapes.SIDE * Shapes.SIDE)
                + 2.0 * options.shapesCount() * (16 + 8 * Shapes.FACTOR_NAMES.size() + 8),
            "the sprites, their train/test split and their tensors");
        yield TrainTestSplit.random(
            Shapes.generate(options.shapesCount(), options.seed()),
            options.testFraction(),
            options.seed());
      }
      default ->
          throw new IllegalArgumentException(
              "unknown --data \""
                  + spec
                  + "\": expected fashion-mnist, mnist, shapes, csv:PATH or replay:DIR");
    };
  }

  private static TrainTestSplit fashionMnist(DataOptions options) {
    if (options.dataDir() == null) {
      Path dir = Path.of(FASHION_MNIST_DIR);
      String missing = MnistFiles.firstMissing(dir);
      if (missing != null) {
        throw new IllegalArgumentException(
            "Fashion-MNIST not found: "
                + dir.resolve(missing)
                + ".gz is missing; install it with `apt-get install "
                + FASHION_MNIST_PACKAGE
                + "`, or pass --data-dir DIR holding "
                + MnistFiles.listing());
      }
      return MnistFiles.load(dir, "fashion-mnist");
    }
    Path dir = options.dataDir();
    checkDir(dir, "Fashion-MNIST");
    String missing = MnistFiles.firstMissing(dir);
    if (missing != null) {
      throw new IllegalArgumentException(
          "Fashion-MNIST not found: "
              + dir.resolve(missing)
              + "(.gz) is missing; put "
              + MnistFiles.listing()
              + " (raw or gzipped) in "
              + dir
              + ", or drop --data-dir to read the Debian package "
              + FASHION_MNIST_PACKAGE);
    }
    return MnistFiles.load(dir, "fashion-mnist");
  }

  private static TrainTestSplit mnist(DataOptions options) {
    Path dir = options.dataDir();
    if (dir == null) {
      throw new IllegalArgumentException(
          "--data mnist needs --data-dir DIR holding the four MNIST files "
              + MnistFiles.listing()
              + " (raw or gzipped)");
    }
    checkDir(dir, "MNIST");
    String missing = MnistFiles.firstMissing(dir);
    if (missing != null) {
      throw new IllegalArgumentException(
          "MNIST not found: "
              + dir.resolve(missing)
              + "(.gz) is missing; put "
              + MnistFiles.listing()
              + " (raw or gzipped) in "
              + dir);
    }
    return MnistFiles.load(dir, "mnist");
  }

  private static void checkDir(Path dir, String what) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          what
              + " data directory "
              + dir
              + " does not exist; put "
              + MnistFiles.listing()
              + " (raw or gzipped) there");
    }
  }

  /**
   * The four IDX files of an MNIST-format directory, in the loader's order (train images, train
   * labels, test images, test labels), each under the first accepted name that exists ({@code
   * NAME.gz}, {@code NAME}, then the dotted variants).
   *
   * @throws IllegalArgumentException naming the first file that is missing
   */
  public static java.util.List<Path> idxFiles(Path dir) {
    java.util.List<Path> files = new java.util.ArrayList<>();
    for (String base : MnistFiles.ALL) {
      Path f = MnistFiles.find(dir, base);
      if (f == null) {
        throw new IllegalArgumentException(dir.resolve(base) + "(.gz) is missing");
      }
      files.add(f);
    }
    return files;
  }
}
