package org.varl.experiments.vi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.varl.core.data.ArrayDataset;
import org.varl.core.data.DataOptions;
import org.varl.core.data.DataSources;
import org.varl.core.data.TrainTestSplit;

/**
 * The data of the estimators experiment's image problem: the first {@value #IMAGES} training rows
 * of a {@link DataSources} spec, the problem's name (the spec without a path) and, when {@link
 * EstimatorsConfig#AUTO} fell back to the generated sprites, a one-line note saying so.
 *
 * @param spec the spec that was loaded, e.g. {@code fashion-mnist}
 * @param problem the problem's name in the results: {@code fashion-mnist}, {@code mnist}, {@code
 *     shapes} or {@code csv}
 * @param images the rows the VAE is pre-trained on; the minibatch is their first B rows
 * @param note null, or why the data is not what {@code auto} prefers
 */
record ImageData(String spec, String problem, ArrayDataset images, String note) {

  /** Rows used for pre-training (fewer when the data set has fewer). */
  static final int IMAGES = 1024;

  private static final List<String> FASHION_MNIST_FILES =
      List.of(
          "train-images-idx3-ubyte",
          "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte");

  /**
   * Loads the config's image data; {@code auto} looks for Fashion-MNIST in {@value
   * DataSources#FASHION_MNIST_DIR}.
   */
  static ImageData load(EstimatorsConfig config) {
    return load(config, Path.of(DataSources.FASHION_MNIST_DIR));
  }

  /**
   * As {@link #load(EstimatorsConfig)}, with the directory where {@code auto} looks for
   * Fashion-MNIST.
   *
   * @throws IllegalArgumentException one line for a missing or damaged data set (from {@link
   *     DataSources}) or one with fewer than B training rows
   */
  static ImageData load(EstimatorsConfig config, Path fashionMnistDir) {
    String spec = config.imageData();
    String note = null;
    if (spec.equals(EstimatorsConfig.AUTO)) {
      if (config.dataDir() != null || installed(fashionMnistDir)) {
        spec = "fashion-mnist";
      } else {
        spec = "shapes";
        note =
            "Fashion-MNIST is not installed ("
                + fashionMnistDir
                + "; apt-get install "
                + DataSources.FASHION_MNIST_PACKAGE
                + "): the image problem uses the generated shapes sprites instead";
      }
    }
    DataOptions options =
        DataOptions.defaults()
            .withSeed(config.seed())
            .withDataDir(config.dataDir() == null ? null : Path.of(config.dataDir()))
            // Twice IMAGES sprites: the random split keeps 5/6 of them for training, more than
            // IMAGES.
            .withShapesCount(2 * IMAGES);
    TrainTestSplit split = DataSources.load(spec, options);
    ArrayDataset train = split.train();
    if (train.size() < config.encoderBatch()) {
      throw new IllegalArgumentException(
          "image data "
              + spec
              + " has "
              + train.size()
              + " training rows, the minibatch needs "
              + config.encoderBatch());
    }
    int n = Math.min(IMAGES, train.size());
    ArrayDataset first = train.subset(IntStream.range(0, n).toArray());
    String problem = spec.startsWith("csv:") ? "csv" : spec;
    return new ImageData(spec, problem, first, note);
  }

  /** Whether the four Fashion-MNIST files are in {@code dir}, gzipped or raw. */
  static boolean installed(Path dir) {
    return FASHION_MNIST_FILES.stream()
        .allMatch(
            f ->
                Files.isRegularFile(dir.resolve(f + ".gz")) || Files.isRegularFile(dir.resolve(f)));
  }
}
