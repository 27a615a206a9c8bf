package org.varl.cli.common;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.varl.core.io.AtomicFiles;

/**
 * Line and scatter charts as PNG through XChart. A chart is described by plain data ({@link
 * Series}) so that experiments can build it without touching XChart; {@link #save(XYChart, Path)}
 * writes any XChart chart atomically.
 */
public final class Plots {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** One named series of points. */
  public record Series(String name, double[] x, double[] y) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "series " + name + ": x has " + x.length + " points but y has " + y.length);
      }
    }
  }

  /** Axes and title of a chart; {@code logX}/{@code logY} switch to log scale. */
  public record Axes(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    public static Axes linear(String title, String xLabel, String yLabel) {
      return new Axes(title, xLabel, yLabel, false, false);
    }
  }

  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;

  private Plots() {}

  /** A line chart (lines with small markers) of the given series, saved as PNG. */
  public static void line(Path png, Axes axes, List<Series> series) {
    XYChart chart = chart(axes, XYSeries.XYSeriesRenderStyle.Line);
    for (Series s : series) {
      chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.NONE);
    }
    save(chart, png);
  }

  /** A scatter chart, one colour per series (e.g. one series per label), saved as PNG. */
  public static void scatter(Path png, Axes axes, List<Series> series) {
    XYChart chart = chart(axes, XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(4);
    for (Series s : series) {
      chart.addSeries(s.name(), s.x(), s.y());
    }
    save(chart, png);
  }

  private static XYChart chart(Axes axes, XYSeries.XYSeriesRenderStyle style) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(axes.title())
            .xAxisTitle(axes.xLabel())
            .yAxisTitle(axes.yLabel())
            .build();
    Styler.ChartTheme theme = Styler.ChartTheme.XChart;
    chart.getStyler().setTheme(theme.newInstance(theme));
    chart.getStyler().setDefaultSeriesRenderStyle(style);
    chart.getStyler().setXAxisLogarithmic(axes.logX());
    chart.getStyler().setYAxisLogarithmic(axes.logY());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
    chart.getStyler().setAntiAlias(true);
    return chart;
  }

  /** Saves any XChart chart as PNG atomically. */
  public static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png) {
    savePng(BitmapEncoder.getBufferedImage(chart), png);
  }

  /**
   * Saves an image as PNG atomically. ImageIO's stream cache is off: with it on, ImageIO buffers
   * the PNG in a second temporary file under java.io.tmpdir, which survives an interrupted run and
   * on a full disk fails inside ImageIO's StreamCloser with a NullPointerException instead of an
   * IOException; an in-memory buffer of one figure is small.
   */
  public static void savePng(BufferedImage image, Path png) {
    AtomicFiles.write(
        png,
        out -> {
          ImageIO.setUseCache(false);
          if (!ImageIO.write(image, "png", out)) {
            throw new java.io.IOException("no PNG writer available");
          }
        });
  }
}
