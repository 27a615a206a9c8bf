package org.varl.cli.diffusion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.varl.cli.common.ImageGrids;
import org.varl.cli.common.Plots;
import org.varl.core.io.AtomicFiles;
import org.varl.models.diffusion.BoundResult;
import org.varl.models.diffusion.DdpmSampler;
import org.varl.models.toy.PointData;
import org.varl.models.toy.SplitPoints;

/**
 * The files of {@code varl diffusion sample} and {@code elbo}: samples as CSV, a scatter of the
 * samples over fresh data (or an image grid), the paths of a few samples through time, and the
 * bound's terms as CSV and as a plot.
 */
public final class DiffusionFigures {

  private DiffusionFigures() {}

  /** One point per row, comma-separated, no index column and no header. */
  public static void samplesCsv(Path file, float[] points, int d) {
    StringBuilder sb = new StringBuilder(points.length * 12);
    for (int i = 0; i < points.length / d; i++) {
      for (int j = 0; j < d; j++) {
        if (j > 0) {
          sb.append(',');
        }
        sb.append(points[i * d + j]);
      }
      sb.append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /**
   * A scatter of the samples (first two coordinates) over as many fresh data points, or, for
   * images, a grid of the first 64 samples.
   */
  public static void samples(Path png, PointData data, float[] points, String title, long seed) {
    int d = data.dimension();
    int[] shape = data.imageShape();
    if (shape.length == 2 && data instanceof SplitPoints split) {
      float[] shown = split.toData(points);
      int n = Math.min(64, shown.length / d);
      float[][] images = new float[n][];
      for (int i = 0; i < n; i++) {
        images[i] = java.util.Arrays.copyOfRange(shown, i * d, (i + 1) * d);
      }
      ImageGrids.save(png, images, shape[0], shape[1], 8, 3);
      return;
    }
    int n = Math.min(points.length / d, 2000);
    float[] ref = data.heldOut(n, new SplittableRandom(seed));
    List<Plots.Series> series = new ArrayList<>();
    series.add(column("data", ref, d));
    series.add(column("samples", java.util.Arrays.copyOf(points, n * d), d));
    Plots.scatter(png, Plots.Axes.linear(title, "x[0]", d > 1 ? "x[1]" : "x[0]"), series);
  }

  private static Plots.Series column(String name, float[] p, int d) {
    int n = p.length / d;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = p[i * d];
      y[i] = d > 1 ? p[i * d + 1] : 0;
    }
    return new Plots.Series(name, x, y);
  }

  /**
   * The paths of the kept samples: in the plane for 2-D data (from x_T to x_0), else the first
   * coordinate against the step t.
   */
  public static void trajectories(Path png, DdpmSampler.Samples s, String title) {
    int d = s.dimension();
    int frames = s.times().length;
    int k = s.trajectories()[0].length / d;
    List<Plots.Series> series = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double[] x = new double[frames];
      double[] y = new double[frames];
      for (int f = 0; f < frames; f++) {
        float[] frame = s.trajectories()[f];
        if (d == 2) {
          x[f] = frame[i * d];
          y[f] = frame[i * d + 1];
        } else {
          x[f] = s.times()[f];
          y[f] = frame[i * d];
        }
      }
      series.add(new Plots.Series("sample " + i, x, y));
    }
    Plots.line(
        png,
        d == 2
            ? Plots.Axes.linear(title, "x[0]", "x[1]")
            : Plots.Axes.linear(title, "step t", "x[0]"),
        series);
  }

  /** {@code t,term,mean,se}: rows t = 1..T hold L_{t−1}, the last row (t = T + 1) holds L_T. */
  public static void termsCsv(Path file, BoundResult b) {
    StringBuilder sb = new StringBuilder("t,term,mean,se\n");
    double[] m = b.termMean();
    double[] se = b.termSe();
    for (int t = 1; t <= m.length; t++) {
      sb.append(String.format(Locale.ROOT, "%d,L_%d,%.9g,%.9g%n", t, t - 1, m[t - 1], se[t - 1]));
    }
    sb.append(
        String.format(Locale.ROOT, "%d,L_T,%.9g,%.9g%n", m.length + 1, b.priorMean(), b.priorSe()));
    AtomicFiles.writeString(file, sb.toString());
  }

  /** The mean terms L_{t−1} against t on a log scale (non-positive values are left out). */
  public static void terms(Path png, BoundResult b, String title) {
    double[] m = b.termMean();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int t = 1; t <= m.length; t++) {
      if (m[t - 1] > 0) {
        xs.add((double) t);
        ys.add(m[t - 1]);
      }
    }
    if (xs.isEmpty()) {
      xs.add(1.0);
      ys.add(1e-12);
    }
    Plots.line(
        png,
        new Plots.Axes(title, "step t", "mean L_{t-1} (nats)", false, true),
        List.of(
            new Plots.Series(
                "L_{t-1}",
                xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray())));
  }
}
