package org.varl.cli.vae;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.varl.cli.common.ImageGrids;
import org.varl.cli.common.Plots;
import org.varl.core.analysis.Pca;
import org.varl.core.data.ArrayDataset;
import org.varl.core.data.Shapes;
import org.varl.core.engine.MemoryBudget;
import org.varl.models.vae.EpochMetrics;
import org.varl.models.vae.TrainedVae;
import org.varl.models.vae.VaeConfig;
import org.varl.models.vae.VaeImages;

/** The VAE's figures as PNGs, shared by the {@code vae} subcommands and the tour section. */
final class VaeFigures {

  /** Each pixel drawn as a 3x3 block: a 28x28 image becomes 84x84. */
  static final int ZOOM = 3;

  private VaeFigures() {}

  /** A grid of decoder means at z ~ N(0, I). */
  static Path samples(TrainedVae m, Path png, int count, int columns, long seed) {
    VaeConfig c = m.vae().config();
    ImageGrids.save(
        png,
        VaeImages.samples(m.vae(), count, seed),
        c.height(),
        c.width() * c.channels(),
        columns,
        ZOOM);
    return png;
  }

  /** Test images (a row) above their reconstructions (the row below), {@code count} pairs. */
  static Path reconstructions(TrainedVae m, Path png, int count, int columns, long seed) {
    ArrayDataset test = m.data().test();
    int[] rows = VaeImages.pickRows(test, count, seed);
    float[][] originals = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      originals[i] = test.row(rows[i]);
    }
    float[][] recon = VaeImages.reconstructions(m.vae(), originals);
    int cols = Math.min(columns, rows.length);
    List<float[]> grid = new ArrayList<>();
    for (int from = 0; from < rows.length; from += cols) {
      int to = Math.min(rows.length, from + cols);
      for (int i = from; i < from + cols; i++) {
        grid.add(i < to ? originals[i] : blank(originals[0].length));
      }
      for (int i = from; i < from + cols; i++) {
        grid.add(i < to ? recon[i] : blank(originals[0].length));
      }
    }
    VaeConfig c = m.vae().config();
    ImageGrids.save(
        png, grid.toArray(new float[0][]), c.height(), c.width() * c.channels(), cols, ZOOM);
    return png;
  }

  /**
   * Test image a, decodings of {@code steps} points between mu(a) and mu(b), test image b, in one
   * row.
   */
  static Path interpolation(TrainedVae m, Path png, int from, int to, int steps) {
    ArrayDataset test = m.data().test();
    String[] names = {"--from", "--to"};
    int[] indices = {from, to};
    for (int j = 0; j < 2; j++) {
      if (indices[j] < 0 || indices[j] >= test.size()) {
        throw new IllegalArgumentException(
            names[j]
                + ": test image index must be in [0, "
                + test.size()
                + ") (the run's test set has "
                + test.size()
                + " images), found "
                + indices[j]);
      }
    }
    VaeConfig config = m.vae().config();
    long pixels = (long) config.height() * config.width() * config.channels();
    // The decodings (floats) and the PNG's raster (ZOOM x ZOOM int pixels per image pixel).
    MemoryBudget.check(
        "--steps",
        steps,
        MemoryBudget.floats((double) steps * pixels)
            + MemoryBudget.floats((double) (steps + 2) * pixels * ZOOM * ZOOM),
        "the decoded images and the figure");
    float[][] path = VaeImages.interpolation(m.vae(), test.row(from), test.row(to), steps);
    float[][] row = new float[steps + 2][];
    row[0] = test.row(from);
    System.arraycopy(path, 0, row, 1, steps);
    row[steps + 1] = test.row(to);
    VaeConfig c = m.vae().config();
    ImageGrids.save(png, row, c.height(), c.width() * c.channels(), steps + 2, ZOOM);
    return png;
  }

  /**
   * Scatter of the latent means of the first {@code examples} test rows, coloured by label; with
   * more than two latent dimensions the points are projected on their first two principal
   * components (each axis oriented with its largest-magnitude entry positive, so the same model
   * gives the same picture).
   */
  static Path latent(TrainedVae m, Path png, int examples) {
    ArrayDataset test = m.data().test();
    double[][] mu = VaeImages.latentMeans(m.vae(), test, examples);
    int l = m.vae().config().latent();
    double[][] xy;
    String axes;
    if (l == 1) {
      xy = new double[mu.length][2];
      for (int i = 0; i < mu.length; i++) {
        xy[i][0] = mu[i][0];
      }
      axes = "z1";
    } else if (l == 2) {
      xy = mu;
      axes = "z";
    } else {
      xy = Pca.fit(mu).project(mu, 2);
      axes = "PC";
    }
    Map<Integer, List<double[]>> byLabel = new TreeMap<>();
    int[] labels = test.labels().orElse(null);
    for (int i = 0; i < xy.length; i++) {
      byLabel.computeIfAbsent(labels == null ? -1 : labels[i], k -> new ArrayList<>()).add(xy[i]);
    }
    List<Plots.Series> series = new ArrayList<>();
    for (Map.Entry<Integer, List<double[]>> e : byLabel.entrySet()) {
      double[] x = new double[e.getValue().size()];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = e.getValue().get(i)[0];
        y[i] = e.getValue().get(i)[1];
      }
      series.add(new Plots.Series(labelName(m.config().data(), e.getKey()), x, y));
    }
    String title =
        "latent means of "
            + xy.length
            + " test examples"
            + (l > 2 ? " (first two principal components of " + l + " dims)" : "");
    Plots.scatter(png, Plots.Axes.linear(title, axes + "1", axes + "2"), series);
    return png;
  }

  /** Train and test loss per epoch. */
  static Path losses(List<EpochMetrics> history, Path png) {
    double[] epochs = new double[history.size()];
    double[] train = new double[history.size()];
    double[] test = new double[history.size()];
    for (int i = 0; i < history.size(); i++) {
      epochs[i] = history.get(i).epoch();
      train[i] = history.get(i).trainLoss();
      test[i] = history.get(i).testLoss();
    }
    Plots.line(
        png,
        Plots.Axes.linear("negative ELBO per example", "epoch", "nats"),
        List.of(new Plots.Series("train", epochs, train), new Plots.Series("test", epochs, test)));
    return png;
  }

  private static String labelName(String data, int label) {
    if (label < 0) {
      return "test examples";
    }
    if (data.equals("shapes") && label < Shapes.SHAPE_NAMES.size()) {
      return Shapes.SHAPE_NAMES.get(label);
    }
    if (data.equals("fashion-mnist") && label < FASHION.length) {
      return FASHION[label];
    }
    return "class " + label;
  }

  /** Fashion-MNIST's class names (Xiao, Rasul and Vollgraf 2017). */
  private static final String[] FASHION = {
    "T-shirt/top",
    "trouser",
    "pullover",
    "dress",
    "coat",
    "sandal",
    "shirt",
    "sneaker",
    "bag",
    "ankle boot"
  };

  private static float[] blank(int d) {
    return new float[d];
  }
}
