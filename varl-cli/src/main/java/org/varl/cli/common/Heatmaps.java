package org.varl.cli.common;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Grids of heatmaps drawn with Java2D: one panel per grid quantity (a value function, a state
 * marginal), each with its title and colour range, optional arrows (a policy's mean direction per
 * cell) and masked cells (walls, drawn dark grey). Panels are laid out in rows of {@code columns};
 * the colour map is perceptually uniform (anchors of the viridis map, linearly interpolated).
 */
public final class Heatmaps {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * One heatmap. {@code values[row][col]}; {@code arrows[row][col] = {dx, dy}} in cell units (dy
   * down), or null for no arrows; {@code mask[row][col]} true for a wall, or null. Non-finite
   * values are drawn as masked cells.
   */
  public record Panel(String title, double[][] values, double[][][] arrows, boolean[][] mask) {
    public Panel {
      if (values.length == 0 || values[0].length == 0) {
        throw new IllegalArgumentException("panel " + title + ": values must be a non-empty grid");
      }
    }

    public static Panel of(String title, double[][] values) {
      return new Panel(title, values, null, null);
    }
  }

  /**
   * How colours map to values: each panel its own range, or one range for all panels (comparable
   * colours).
   */
  public enum Scale {
    PER_PANEL,
    SHARED
  }

  private static final float[][] VIRIDIS = {
    {0.267f, 0.005f, 0.329f}, {0.283f, 0.141f, 0.458f}, {0.254f, 0.265f, 0.530f},
    {0.207f, 0.372f, 0.553f}, {0.164f, 0.471f, 0.558f}, {0.128f, 0.567f, 0.551f},
    {0.135f, 0.659f, 0.518f}, {0.267f, 0.749f, 0.441f}, {0.478f, 0.821f, 0.318f},
    {0.741f, 0.873f, 0.150f}, {0.993f, 0.906f, 0.144f}
  };
  private static final int PANEL = 260;
  private static final int TITLE = 22;
  private static final int LEGEND = 18;
  private static final int PAD = 12;

  private Heatmaps() {}

  /** Draws the panels and saves them as one PNG (atomically). */
  public static void save(Path png, String title, List<Panel> panels, int columns, Scale scale) {
    Plots.savePng(render(title, panels, columns, scale), png);
  }

  /** Renders the panels into an image. */
  public static BufferedImage render(String title, List<Panel> panels, int columns, Scale scale) {
    if (panels.isEmpty() || columns < 1) {
      throw new IllegalArgumentException("heatmap needs at least one panel and columns >= 1");
    }
    int cols = Math.min(columns, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    int cellW = PANEL + 2 * PAD;
    int cellH = TITLE + PANEL + LEGEND + 2 * PAD;
    int head = 30;
    BufferedImage img =
        new BufferedImage(cols * cellW, head + rows * cellH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, PAD, 21);
    double[] shared = scale == Scale.SHARED ? range(panels) : null;
    for (int i = 0; i < panels.size(); i++) {
      int x0 = (i % cols) * cellW + PAD;
      int y0 = head + (i / cols) * cellH + PAD;
      Panel p = panels.get(i);
      double[] r = shared != null ? shared : range(List.of(p));
      drawPanel(g, p, x0, y0, r[0], r[1]);
    }
    g.dispose();
    return img;
  }

  private static void drawPanel(Graphics2D g, Panel p, int x0, int y0, double lo, double hi) {
    int nRows = p.values().length;
    int nCols = p.values()[0].length;
    double cell = Math.min((double) PANEL / nRows, (double) PANEL / nCols);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(p.title(), x0, y0 + 14);
    int top = y0 + TITLE;
    for (int r = 0; r < nRows; r++) {
      for (int c = 0; c < nCols; c++) {
        double v = p.values()[r][c];
        boolean wall = p.mask() != null && p.mask()[r][c];
        g.setColor(wall || !Double.isFinite(v) ? new Color(60, 60, 60) : color(lo, hi, v));
        int px = x0 + (int) Math.floor(c * cell);
        int py = top + (int) Math.floor(r * cell);
        int w = (int) Math.floor((c + 1) * cell) - (int) Math.floor(c * cell);
        int h = (int) Math.floor((r + 1) * cell) - (int) Math.floor(r * cell);
        g.fillRect(px, py, Math.max(1, w), Math.max(1, h));
      }
    }
    if (p.arrows() != null && cell >= 6) {
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke((float) Math.max(1, cell / 14)));
      for (int r = 0; r < nRows; r++) {
        for (int c = 0; c < nCols; c++) {
          double[] a = p.arrows()[r][c];
          if (a == null || (p.mask() != null && p.mask()[r][c])) {
            continue;
          }
          arrow(
              g,
              x0 + (c + 0.5) * cell,
              top + (r + 0.5) * cell,
              a[0] * cell * 0.42,
              a[1] * cell * 0.42,
              cell);
        }
      }
    }
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    int ly = top + (int) Math.ceil(nRows * cell) + 4;
    for (int k = 0; k < 100; k++) {
      g.setColor(color(0, 99, k));
      g.fillRect(x0 + 60 + k, ly, 1, 8);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(String.format("%.3g", lo), x0, ly + 9);
    g.drawString(String.format("%.3g", hi), x0 + 166, ly + 9);
  }

  private static void arrow(Graphics2D g, double cx, double cy, double dx, double dy, double cell) {
    double len = Math.hypot(dx, dy);
    if (len < cell * 0.05) {
      double d = Math.max(1.5, cell * 0.08);
      g.fill(new java.awt.geom.Ellipse2D.Double(cx - d, cy - d, 2 * d, 2 * d));
      return;
    }
    double x1 = cx - dx / 2;
    double y1 = cy - dy / 2;
    double x2 = cx + dx / 2;
    double y2 = cy + dy / 2;
    g.draw(new Line2D.Double(x1, y1, x2, y2));
    double ux = dx / len;
    double uy = dy / len;
    double head = Math.max(2.5, cell * 0.18);
    Path2D tip = new Path2D.Double();
    tip.moveTo(x2, y2);
    tip.lineTo(x2 - head * (ux + uy * 0.6), y2 - head * (uy - ux * 0.6));
    tip.lineTo(x2 - head * (ux - uy * 0.6), y2 - head * (uy + ux * 0.6));
    tip.closePath();
    g.fill(tip);
  }

  private static double[] range(List<Panel> panels) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Panel p : panels) {
      for (int r = 0; r < p.values().length; r++) {
        for (int c = 0; c < p.values()[r].length; c++) {
          double v = p.values()[r][c];
          if (Double.isFinite(v) && (p.mask() == null || !p.mask()[r][c])) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
    }
    return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
  }

  /** The colour of {@code v} on [lo, hi] (clamped). */
  static Color color(double lo, double hi, double v) {
    double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    t = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    int i = Math.min((int) t, VIRIDIS.length - 2);
    double f = t - i;
    float[] a = VIRIDIS[i];
    float[] b = VIRIDIS[i + 1];
    return new Color(
        (float) (a[0] + f * (b[0] - a[0])),
        (float) (a[1] + f * (b[1] - a[1])),
        (float) (a[2] + f * (b[2] - a[2])));
  }
}
